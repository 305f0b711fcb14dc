/**
 * Production request logging: a request id (X-Request-Id, kept when a proxy sent a well-formed
 * one, else a new UUID; echoed in the answer) and one line per request with method, route
 * pattern, status and duration. The route pattern (`/api/admin/users/:id`), never the path or
 * query: no id, cursor or typed-in address ends up in the log.
 */
import type { MiddlewareHandler } from 'hono';
import { requestId } from 'hono/request-id';
import { routePath } from 'hono/route';
import type { AppEnv } from './context';
import type { Logger } from './runtime/log';

export function requestLog(log: Logger): MiddlewareHandler<AppEnv> {
  const withId = requestId({ limitLength: 64 });
  return (c, next) =>
    withId(c, async () => {
      const started = performance.now();
      await next();
      log.info('request', {
        reqId: c.get('requestId'),
        method: c.req.method,
        route: routePath(c),
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
      });
    });
}
