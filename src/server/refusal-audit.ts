/**
 * Every refusal an API route answers (a 4xx: 401, 403, 404, 409, 422-like 400s, 429 …) is written
 * to the audit log: the actor and their device when known, the route, the id the request named,
 * the refusal's code, the names of the fields it was about — never a value from the request. A
 * refused push mutation is logged by the push itself (services/apply-mutation.ts), inside its
 * transaction. An address no route serves (a plain 404) is not a refusal and is not logged.
 */
import type { Context } from 'hono';
import { matchedRoutes } from 'hono/route';
import { canonicalIdOf } from '../domain/id';
import { isStorableText } from '../domain/storable-text';
import type { AuthUser } from './auth/sessions';
import type { AppEnv, Deps } from './context';
import type { ApiError } from './errors';
import { writeAudit } from './store/audit';

/**
 * "METHOD /path/:param" of the API route the request was for, as in app.routes: the first API
 * handler that matched (middleware is registered as ALL; the SPA fallback GET /* is not the API's).
 */
function apiRoute(c: Context) {
  const routes = matchedRoutes(c).filter((r) => r.path.startsWith('/api'));
  return routes.find((r) => r.method !== 'ALL') ?? routes.at(-1);
}

export function routeOf(c: Context): string {
  const handler = apiRoute(c);
  return handler ? `${handler.method} ${handler.path}` : `${c.req.method} ${c.req.path}`.slice(0, 200);
}

/**
 * The :id of the route's path, in its canonical form when it is a UUID spelt another way. Read
 * from the path by the route's pattern, since a refusal by middleware (no session, wrong role)
 * comes before the route's own parameters are parsed.
 */
function pathId(c: Context): string | null {
  const pattern = apiRoute(c)?.path.split('/') ?? [];
  const at = pattern.indexOf(':id');
  const raw = at < 0 ? undefined : c.req.path.split('/')[at];
  if (raw === undefined) return null;
  try {
    return canonicalIdOf(decodeURIComponent(raw));
  } catch {
    return null;
  }
}

export async function auditRefusal(deps: Deps, c: Context<AppEnv>, err: ApiError): Promise<void> {
  const user = c.get('user') as AuthUser | undefined;
  const s = err.subject;
  const fields = err.fields
    ? Object.keys(err.fields).filter((k) => k.length <= 100 && isStorableText(k))
    : null;
  try {
    await writeAudit(deps.sql, {
      forbundId: s.forbundId !== undefined ? s.forbundId : (user?.forbundId ?? null),
      userId: s.userId !== undefined ? s.userId : (user?.id ?? null),
      deviceId: s.deviceId !== undefined ? s.deviceId : (user?.deviceId ?? null),
      action: 'refused',
      entity: s.entity ?? null,
      recordId:
        s.recordId !== undefined ? (s.recordId === null ? null : canonicalIdOf(s.recordId)) : pathId(c),
      fields: fields && fields.length > 0 ? fields : null,
      route: routeOf(c),
      reason: /^[a-z_]{1,60}$/.test(err.code) ? err.code : 'okand',
      at: deps.clock(),
    });
  } catch (e) {
    // The refusal stands either way; a log that cannot be written is a fault to look at.
    console.error('[faltsam] could not audit a refusal on', c.req.method, c.req.path, e);
  }
}
