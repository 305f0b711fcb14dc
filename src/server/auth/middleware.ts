/** Bearer-token authentication: sets `user` on the context or answers 401 in Swedish. */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv, Deps } from '../context';
import { unauthorized } from '../errors';
import { authenticate } from './sessions';

const BEARER = /^Bearer ([A-Za-z0-9_-]{20,200})$/;

export function requireAuth({ sql, clock }: Deps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = BEARER.exec(c.req.header('Authorization') ?? '')?.[1];
    if (!token) throw unauthorized();
    c.set('user', await authenticate(sql.lane('auth'), token, clock()));
    await next();
  };
}
