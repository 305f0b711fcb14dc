/**
 * The admin API (contract and route list: src/domain/admin.ts). Only an admin, only their own
 * förbund; an id of another förbund is a 404 and is written to the audit log as 'refused'. Every
 * change is audited with the admin, their device, the action and the target id.
 */
import { Hono, type MiddlewareHandler } from 'hono';
import {
  type AdminUser,
  AdminUserPatch,
  AUDIT_PAGE_DEFAULT,
  AUDIT_PAGE_MAX,
  accountIssues,
  NewAdminUser,
  NewEnhet,
  PasswordReset,
} from '../../domain/admin';
import { isId } from '../../domain/id';
import { z } from '../../domain/zod';
import { requireAuth } from '../auth/middleware';
import { hashPassword } from '../auth/password';
import { passwordPolicyIssue } from '../auth/password-policy';
import type { AuthUser } from '../auth/sessions';
import { createUser } from '../auth/users';
import type { AppEnv, Deps } from '../context';
import { ApiError, MESSAGES } from '../errors';
import { readBody } from '../http';
import {
  findUser,
  listDevices,
  listSessions,
  listUsers,
  ownerForbund,
  revokeDevice,
  revokeSessionById,
  revokeUserSessions,
  setPassword,
  updateUser,
} from '../store/accounts';
import { auditPage } from '../store/audit';
import { enheterOfForbund } from '../store/responses';
import { isUniqueViolation } from '../store/sql';
import { createEnhet } from '../store/tenants';
import { adminAudit } from './admin-audit';
import { forbundAdminRoutes } from './forbund-admin';

const notFound = () => new ApiError(404, 'finns_inte', MESSAGES.finnsInte);
const badRequest = (fields: Record<string, string>) =>
  new ApiError(400, 'ogiltig_begaran', Object.values(fields)[0] ?? 'Uppgifterna är inte giltiga.', fields);

/** Only an admin passes; anyone else signed in gets 403 (audited, like every refusal). */
export function requireRole(role: AuthUser['role'], message: string): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.get('user').role !== role) throw new ApiError(403, 'ej_behorig', message);
    await next();
  };
}

const AuditQuery = z.object({
  before: z
    .string()
    .regex(/^\d{1,18}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX).default(AUDIT_PAGE_DEFAULT),
});

export function adminRoutes(deps: Deps): Hono<AppEnv> {
  const { sql, clock } = deps;
  const app = new Hono<AppEnv>();
  app.use('/admin/*', requireAuth(deps));
  app.use(
    '/admin/*',
    requireRole('admin', 'Bara en administratör kan hantera förbundets konton, enheter och apparater.'),
  );

  const audit = adminAudit(deps);

  /**
   * The id from the path when it names a row of the admin's förbund; otherwise 404, the same for
   * another förbund's id as for none (audited with the id tried, like every refusal).
   */
  async function ownId(
    user: AuthUser,
    table: 'app_user' | 'device' | 'session',
    raw: string,
  ): Promise<string> {
    if (!isId(raw)) throw notFound().about({ entity: table });
    const owner = await ownerForbund(sql, table, raw);
    if (owner === user.forbundId) return raw;
    throw notFound().about({ entity: table, recordId: raw });
  }

  /** Refuses a weak password with the Swedish reason at the password field (the admin form shows it). */
  async function checkPassword(password: string, username: string): Promise<void> {
    const issue = await passwordPolicyIssue(password, username);
    if (issue) throw new ApiError(400, 'svagt_losenord', issue, { password: issue });
  }

  async function checkEnheter(user: AuthUser, enhetIds: readonly string[]): Promise<void> {
    const found = await enheterOfForbund(sql, user.forbundId, enhetIds);
    if (found.length !== enhetIds.length)
      throw badRequest({ enhetIds: 'En vald enhet finns inte i förbundet.' });
  }

  app.get('/admin/users', async (c) => c.json({ users: await listUsers(sql, c.get('user').forbundId) }));

  app.post('/admin/users', async (c) => {
    const user = c.get('user');
    const body = await readBody(c, NewAdminUser);
    await checkPassword(body.password, body.username);
    await checkEnheter(user, body.enhetIds);
    let created: { id: string };
    try {
      created = await createUser(
        sql,
        {
          forbundId: user.forbundId,
          username: body.username,
          displayName: body.displayName,
          role: body.role,
          respondentGroup: body.respondentGroup ?? null,
          password: body.password,
          enhetIds: body.enhetIds,
        },
        undefined,
        clock(),
      );
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      const message = `Användarnamnet ${body.username} är upptaget. Välj ett annat.`;
      throw new ApiError(409, 'anvandarnamn_upptaget', message, { username: message });
    }
    await audit(user, 'user_create', 'app_user', created.id);
    return c.json({ user: await findUser(sql, user.forbundId, created.id) }, 201);
  });

  app.patch('/admin/users/:id', async (c) => {
    const user = c.get('user');
    const id = await ownId(user, 'app_user', c.req.param('id'));
    const patch = await readBody(c, AdminUserPatch);
    const current = await findUser(sql, user.forbundId, id);
    if (!current) throw notFound();
    const next: AdminUser = {
      ...current,
      ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
    };
    // A role other than respondent drops the group when the patch does not say otherwise.
    if (patch.role && patch.role !== 'respondent' && patch.respondentGroup === undefined)
      next.respondentGroup = null;
    const issues = accountIssues(next);
    if (issues.length > 0) throw badRequest(Object.fromEntries(issues.map((i) => [i.path, i.message])));
    if (id === user.id && next.disabled)
      throw badRequest({ disabled: 'Du kan inte spärra ditt eget konto.' });
    if (id === user.id && next.role !== 'admin')
      throw badRequest({ role: 'Du kan inte ta bort din egen administratörsroll.' });
    if (patch.enhetIds) await checkEnheter(user, patch.enhetIds);
    const changed = (Object.keys(patch) as (keyof AdminUserPatch)[]).filter(
      (k) => JSON.stringify(next[k]) !== JSON.stringify(current[k]),
    );
    const now = clock();
    await sql.transaction(async (tx) => {
      await updateUser(tx, id, next, now);
      // A disabled account's sessions end for good: enabling it again does not bring them back.
      if (next.disabled && !current.disabled) await revokeUserSessions(tx, id, 'admin', now);
    });
    await audit(user, 'user_update', 'app_user', id, changed);
    return c.json({ user: await findUser(sql, user.forbundId, id) });
  });

  app.post('/admin/users/:id/password', async (c) => {
    const user = c.get('user');
    const id = await ownId(user, 'app_user', c.req.param('id'));
    const { password } = await readBody(c, PasswordReset);
    await checkPassword(password, (await findUser(sql, user.forbundId, id))?.username ?? '');
    const hash = await hashPassword(password);
    await sql.transaction(async (tx) => {
      await setPassword(tx, id, hash);
      await revokeUserSessions(tx, id, 'password', clock());
    });
    await audit(user, 'password_reset', 'app_user', id);
    return c.body(null, 204);
  });

  app.get('/admin/enheter', async (c) => {
    const { rows } = await sql.query(
      'select id, namn, kod from enhet where forbund_id = $1 order by namn, kod',
      [c.get('user').forbundId],
    );
    return c.json({ enheter: rows });
  });

  app.post('/admin/enheter', async (c) => {
    const user = c.get('user');
    const body = await readBody(c, NewEnhet);
    try {
      const enhet = await createEnhet(sql, { forbundId: user.forbundId, ...body });
      await audit(user, 'enhet_create', 'enhet', enhet.id);
      return c.json({ enhet }, 201);
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      const message = `Förbundet har redan en enhet med koden ${body.kod}.`;
      throw new ApiError(409, 'kod_upptagen', message, { kod: message });
    }
  });

  app.get('/admin/devices', async (c) =>
    c.json({ devices: await listDevices(sql, c.get('user').forbundId) }),
  );

  app.post('/admin/devices/:id/revoke', async (c) => {
    const user = c.get('user');
    const id = await ownId(user, 'device', c.req.param('id'));
    await sql.transaction((tx) => revokeDevice(tx, id, clock()));
    await audit(user, 'device_revoke', 'device', id);
    return c.body(null, 204);
  });

  app.get('/admin/sessions', async (c) =>
    c.json({ sessions: await listSessions(sql, c.get('user').forbundId) }),
  );

  app.post('/admin/sessions/:id/revoke', async (c) => {
    const user = c.get('user');
    const id = await ownId(user, 'session', c.req.param('id'));
    if (id === user.sessionId)
      throw badRequest({ id: 'Det är din egen inloggning. Logga ut i stället för att avsluta den här.' });
    await revokeSessionById(sql, id, clock());
    await audit(user, 'session_revoke', 'session', id);
    return c.body(null, 204);
  });

  forbundAdminRoutes(app, deps, audit);

  app.get('/admin/audit', async (c) => {
    const q = AuditQuery.safeParse({ before: c.req.query('before'), limit: c.req.query('limit') });
    if (!q.success)
      throw new ApiError(
        400,
        'ogiltig_begaran',
        `before ska vara ett händelse-id från en tidigare sida och limit ett tal 1–${AUDIT_PAGE_MAX}.`,
      );
    return c.json(await auditPage(sql, c.get('user').forbundId, q.data.before ?? null, q.data.limit));
  });

  return app;
}
