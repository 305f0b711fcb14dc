/** Sign in (POST /sessions), sign out (DELETE /sessions/current) and who am I (GET /me). */
import { Hono } from 'hono';
import { LoginRequest } from '../../domain/account';
import { createLoginLimiter } from '../auth/login-limiter';
import { requireAuth } from '../auth/middleware';
import { login, revokeSession } from '../auth/sessions';
import { loadSessionUser } from '../auth/users';
import type { AppEnv, Deps } from '../context';
import { ApiError, MESSAGES } from '../errors';
import { readBody } from '../http';

export function sessionRoutes(deps: Deps): Hono<AppEnv> {
  const { sql, clock } = deps;
  const limiter = createLoginLimiter({ clock });
  const auth = requireAuth(deps);
  const app = new Hono<AppEnv>();

  app.post('/sessions', async (c) => {
    const body = await readBody(c, LoginRequest);
    const waitMs = limiter.retryAfterMs(body.username);
    if (waitMs > 0) {
      c.header('Retry-After', String(Math.ceil(waitMs / 1000)));
      throw new ApiError(
        429,
        'for_manga_forsok',
        'För många misslyckade inloggningar. Vänta en stund och försök sedan igen.',
      );
    }
    const session = await login(sql, clock(), body);
    if (!session) {
      limiter.recordFailure(body.username);
      throw new ApiError(401, 'fel_inloggning', MESSAGES.felInloggning);
    }
    limiter.recordSuccess(body.username);
    return c.json(session, 201);
  });

  app.delete('/sessions/current', auth, async (c) => {
    await revokeSession(sql, c.get('user'), clock());
    return c.body(null, 204);
  });

  app.get('/me', auth, async (c) => c.json(await loadSessionUser(sql, c.get('user').id)));

  return app;
}
