/** The sync API: POST /sync/push and GET /sync/pull, both for the signed-in user only. */
import { Hono } from 'hono';
import { Id } from '../../domain/id';
import { PULL_PAGE_MAX, PushRequest } from '../../domain/sync-protocol';
import { z } from '../../domain/zod';
import { requireAuth } from '../auth/middleware';
import type { AppEnv, Deps } from '../context';
import { ApiError } from '../errors';
import { readBody } from '../http';
import { parseCursor, pull } from '../services/pull';
import { push } from '../services/push';
import { recordDeviceSync } from '../store/device-sync';
import { retryOnCollision } from '../store/retry';

const PULL_DEFAULT_LIMIT = 500;

const PullQuery = z.object({
  cursor: z.string().transform((s, ctx) => {
    const position = parseCursor(s);
    if (position) return position;
    ctx.addIssue({ code: 'custom', message: 'Ogiltig cursor.' });
    return z.NEVER;
  }),
  limit: z.coerce.number().int().min(1).max(PULL_PAGE_MAX),
  /** The pulling device (gallring waits for devices that have not synced; device-sync.ts). */
  deviceId: Id.optional(),
});

export function syncRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const auth = requireAuth(deps);

  app.post('/sync/push', auth, async (c) => {
    const body = await readBody(
      c,
      PushRequest,
      'Synkdata har fel form och togs inte emot. Inget har ändrats.',
      { textPerItem: true },
    );
    const user = c.get('user');
    try {
      // Waits for its turn holding no connection; then its transaction runs on the push lane, again
      // if it collided with a concurrent push of the förbund (store/retry.ts).
      const result = await deps.gates.push.run(user.forbundId, () =>
        retryOnCollision(() => push({ ...deps, sql: deps.sql.lane('push') }, user, body)),
      );
      return c.json(result);
    } catch (err) {
      // A refused push is the device's: it is audited with the device id the batch names.
      if (err instanceof ApiError) err.about({ deviceId: body.deviceId });
      throw err;
    }
  });

  app.get('/sync/pull', auth, async (c) => {
    const query = PullQuery.safeParse({
      cursor: c.req.query('cursor') ?? '0',
      limit: c.req.query('limit') ?? PULL_DEFAULT_LIMIT,
      deviceId: c.req.query('deviceId'),
    });
    if (!query.success) {
      throw new ApiError(
        400,
        'ogiltig_hamtning',
        `Hämtningen har fel form: cursor ska vara den som servern senast gav, limit ett tal 1–${PULL_PAGE_MAX} och deviceId apparatens id.`,
      );
    }
    const user = c.get('user');
    const body = await deps.gates.pull.run(user.forbundId, () =>
      pull(deps.sql.lane('read'), user, query.data.cursor, query.data.limit),
    );
    if (query.data.deviceId)
      await recordDeviceSync(deps.sql, {
        deviceId: query.data.deviceId,
        userId: user.id,
        tokenHash: user.tokenHash,
        now: deps.clock(),
      });
    return c.body(body, 200, { 'Content-Type': 'application/json' });
  });

  return app;
}
