/**
 * The one error shape of the API, `{ error: { code, message, fields? } }`, with Swedish messages
 * fit to show a user. Details of server faults (5xx) are logged, never sent.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorBody } from '../domain/sync-protocol';
import { faultFields, type Logger } from './runtime/log';

/** Who a refusal is written in the audit log as (services that know better than the context). */
export interface RefusalSubject {
  /** The acting user; null when nobody is known (unknown token, failed sign-in). */
  userId?: string | null;
  forbundId?: string | null;
  deviceId?: string | null;
  /** The kind of thing refused (a table or record kind), when not plain from the route. */
  entity?: string | null;
  /** The id the request named (a canonical id; anything else is not kept). */
  recordId?: string | null;
}

export class ApiError extends Error {
  /** Set by `about`: what the audit log says of this refusal beyond the signed-in user and route. */
  subject: RefusalSubject = {};

  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
    /** Extra top-level members of the body, next to `error` (e.g. lastSeq on a sequence gap). */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Adds to what the audit log records of this refusal; returns the error, to throw it. */
  about(subject: RefusalSubject): this {
    this.subject = { ...this.subject, ...subject };
    return this;
  }

  body(): { error: ErrorBody } & Record<string, unknown> {
    const error: ErrorBody = { code: this.code, message: this.message };
    if (this.fields) error.fields = this.fields;
    return { ...this.extra, error };
  }
}

export const MESSAGES = {
  serverFel: 'Något gick fel på servern. Försök igen om en stund.',
  finnsInte: 'Adressen finns inte.',
  ejInloggad: 'Din inloggning har gått ut. Logga in igen.',
  felInloggning: 'Fel användarnamn eller lösenord.',
  ogiltigJson: 'Begäran kunde inte läsas: innehållet är inte giltig JSON. Inget har ändrats.',
  forStor: 'Begäran är för stor. Inget har ändrats.',
} as const;

export const unauthorized = () => new ApiError(401, 'ej_inloggad', MESSAGES.ejInloggad);

/**
 * Answers an error; `onRefusal` is called first for every ApiError (a 4xx), to audit it. A server
 * fault is logged (with `log`: by kind only, see runtime/log.ts).
 */
export async function errorResponse(
  err: Error,
  c: Context,
  onRefusal?: (err: ApiError) => Promise<void>,
  log?: Logger,
): Promise<Response> {
  const refusal =
    err instanceof HTTPException && err.status < 500
      ? new ApiError(err.status as ContentfulStatusCode, 'ogiltig_begaran', 'Begäran kunde inte tas emot.')
      : err;
  if (refusal instanceof ApiError) {
    await onRefusal?.(refusal);
    return c.json(refusal.body(), refusal.status);
  }
  if (log) log.error('serverfel', { reqId: c.get('requestId'), method: c.req.method, ...faultFields(err) });
  else console.error('[faltsam] server fault on', c.req.method, c.req.path, err);
  return c.json({ error: { code: 'serverfel', message: MESSAGES.serverFel } }, 500);
}

export function notFoundResponse(c: Context): Response {
  return c.json({ error: { code: 'finns_inte', message: MESSAGES.finnsInte } }, 404);
}
