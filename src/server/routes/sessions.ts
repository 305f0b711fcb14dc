/** Sign in (POST /sessions), sign out (DELETE /sessions/current) and who am I (GET /me). */
import { Hono } from 'hono';
import { LoginRequest } from '../../domain/account';
import { createLoginLimiter } from '../auth/login-limiter';
import { requireAuth } from '../auth/middleware';
import { login, revokeSession, SESSION_ENDED } from '../auth/sessions';
import { loadSessionUser } from '../auth/users';
import { clientAddress } from '../client-address';
import type { AppEnv, Deps } from '../context';
import { ApiError, MESSAGES } from '../errors';
import { readBody } from '../http';

/** Failed sign-ins per account and per client address before a pause (see login-limiter.ts). */
export const LOGIN_LIMITS = { perAccount: 10, perAddress: 30, windowMinutes: 15 } as const;

export function sessionRoutes(deps: Deps): Hono<AppEnv> {
  const { sql, clock } = deps;
  const windowMs = LOGIN_LIMITS.windowMinutes * 60 * 1000;
  const perAccount = createLoginLimiter({ clock, maxFailures: LOGIN_LIMITS.perAccount, windowMs });
  const perAddress = createLoginLimiter({ clock, maxFailures: LOGIN_LIMITS.perAddress, windowMs });
  const auth = requireAuth(deps);
  const app = new Hono<AppEnv>();

  app.post('/sessions', async (c) => {
    const body = await readBody(c, LoginRequest);
    const address = clientAddress(c, deps.trustProxy ?? false);
    const waitMs = Math.max(
      perAccount.retryAfterMs(body.username),
      address === null ? 0 : perAddress.retryAfterMs(address),
    );
    if (waitMs > 0) {
      c.header('Retry-After', String(Math.ceil(waitMs / 1000)));
      throw new ApiError(
        429,
        'for_manga_forsok',
        'För många misslyckade inloggningar. Vänta en stund och försök sedan igen.',
      );
    }
    const result = await login(sql.lane('auth'), clock(), body);
    if (!result.ok) {
      perAccount.recordFailure(body.username);
      if (address !== null) perAddress.recordFailure(address);
      // Audited in the account's förbund, naming the account tried (never the name or password typed).
      const subject = { forbundId: result.forbundId, recordId: result.userId, entity: 'app_user' };
      if (result.reason === 'sparrad')
        throw new ApiError(401, SESSION_ENDED.sparrad.code, SESSION_ENDED.sparrad.message).about({
          ...subject,
          userId: result.userId,
        });
      throw new ApiError(401, 'fel_inloggning', MESSAGES.felInloggning).about({ ...subject, userId: null });
    }
    perAccount.reset(body.username);
    return c.json(result.session, 201);
  });

  app.delete('/sessions/current', auth, async (c) => {
    await revokeSession(sql, c.get('user'), clock());
    return c.body(null, 204);
  });

  app.get('/me', auth, async (c) => c.json(await loadSessionUser(sql.lane('read'), c.get('user').id)));

  return app;
}
