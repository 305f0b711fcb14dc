/** Sign in (POST /sessions), sign out (DELETE /sessions/current) and who am I (GET /me). */
import { Hono } from 'hono';
import { FirstLoginRequest } from '../../domain/first-login';
import { createLoginLimiter, type LimitKey } from '../auth/login-limiter';
import { requireAuth } from '../auth/middleware';
import { login, revokeSession, SESSION_ENDED } from '../auth/sessions';
import { loadSessionUser } from '../auth/users';
import { clientAddress } from '../client-address';
import type { AppEnv, Deps } from '../context';
import { ApiError, MESSAGES } from '../errors';
import { limitBody, readBody } from '../http';

/**
 * The largest sign-in body: a user name (≤ 100 characters), a password and a new one (≤ 200 each),
 * even with every character escaped, are a few kB. The only body anyone may send without a
 * session, so it is not allowed the 10 MB a push may have.
 */
export const SIGN_IN_MAX_BYTES = 64 * 1024;

/** Failed sign-ins per account and per client address before a pause (see login-limiter.ts). */
export const LOGIN_LIMITS = { perAccount: 10, perAddress: 30, windowMinutes: 15 } as const;

export function sessionRoutes(deps: Deps): Hono<AppEnv> {
  const { sql, clock } = deps;
  const windowMs = LOGIN_LIMITS.windowMinutes * 60 * 1000;
  // In the database, so every server process on it counts the same failures.
  // On the sign-in lane, like the password check: a wave of pushes does not hold up its count.
  const limiter = createLoginLimiter({ sql: sql.lane('auth'), clock, windowMs });
  const auth = requireAuth(deps);
  const app = new Hono<AppEnv>();

  app.post('/sessions', limitBody(SIGN_IN_MAX_BYTES), async (c) => {
    const body = await readBody(c, FirstLoginRequest);
    const address = clientAddress(c, deps.trustProxy ?? false);
    const keys: LimitKey[] = [{ kind: 'account', key: body.username, maxFailures: LOGIN_LIMITS.perAccount }];
    if (address !== null) keys.push({ kind: 'address', key: address, maxFailures: LOGIN_LIMITS.perAddress });
    const attempt = await limiter.begin(keys);
    if (attempt.waitMs > 0) {
      await limiter.forget(attempt);
      c.header('Retry-After', String(Math.ceil(attempt.waitMs / 1000)));
      throw new ApiError(
        429,
        'for_manga_forsok',
        'För många misslyckade inloggningar. Vänta en stund och försök sedan igen.',
      );
    }
    let result: Awaited<ReturnType<typeof login>>;
    try {
      result = await login(sql.lane('auth'), clock(), body);
    } catch (err) {
      // The password was right (a one-time password to replace) or the server failed: no failure.
      await limiter.forget(attempt);
      throw err;
    }
    if (!result.ok) {
      // The attempt's rows stay: they are the failure, for the account and for the address.
      // Audited in the account's förbund, naming the account tried (never the name or password typed).
      const subject = { forbundId: result.forbundId, recordId: result.userId, entity: 'app_user' };
      if (result.reason === 'sparrad')
        throw new ApiError(401, SESSION_ENDED.sparrad.code, SESSION_ENDED.sparrad.message).about({
          ...subject,
          userId: result.userId,
        });
      throw new ApiError(401, 'fel_inloggning', MESSAGES.felInloggning).about({ ...subject, userId: null });
    }
    await limiter.forget(attempt);
    await limiter.reset('account', body.username);
    return c.json(result.session, 201);
  });

  app.delete('/sessions/current', auth, async (c) => {
    await revokeSession(sql, c.get('user'), clock());
    return c.body(null, 204);
  });

  app.get('/me', auth, async (c) => c.json(await loadSessionUser(sql.lane('read'), c.get('user').id)));

  return app;
}
