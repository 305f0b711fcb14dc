/** The sync API: POST /sync/push and GET /sync/pull, both for the signed-in user only. */
import { Hono } from 'hono';
import { EntityName } from '../../domain/entity-names';
import { Id } from '../../domain/id';
import { PULL_PAGE_MAX, PushRequest } from '../../domain/sync-protocol';
import { z } from '../../domain/zod';
import { requireAuth } from '../auth/middleware';
import type { AppEnv, Deps } from '../context';
import { ApiError } from '../errors';
import { parseBody, receiveBody } from '../http';
import { parseCursor, pull } from '../services/pull';
import { pushInTurn } from '../services/push';
import { recordDeviceSync } from '../store/device-sync';

const PULL_DEFAULT_LIMIT = 500;
const PUSH_REFUSED = 'Synkdata har fel form och togs inte emot. Inget har ändrats.';

// A cursor the server gave out (services/pull.ts), as its position.
const Cursor = z.string().transform((s, ctx) => {
  const position = parseCursor(s);
  if (position) return position;
  ctx.addIssue({ code: 'custom', message: 'Ogiltig cursor.' });
  return z.NEVER;
});

const PullQuery = z
  .object({
    cursor: Cursor,
    limit: z.coerce.number().int().min(1).max(PULL_PAGE_MAX),
    count: z.enum(['0', '1']).optional(),
    // A backfill: `until` and the gained enheter and/or kinds (repeated parameters).
    until: Cursor.optional(),
    enhet: z.array(Id).max(200),
    entity: z.array(EntityName).max(50),
    // The pulling device (optional; one of the user's own, or it counts for nothing): it has
    // completed a sync (gallring waits for devices that have not; device-sync.ts), and its own
    // accepted writes are not sent back to it (services/pull.ts).
    deviceId: Id.optional(),
  })
  .refine((q) => (q.until === undefined) === (q.enhet.length === 0 && q.entity.length === 0));

export function syncRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const auth = requireAuth(deps);

  app.post('/sync/push', auth, async (c) => {
    // Received before any turn; parsed and checked in the förbund's turn (services/push.ts
    // pushInTurn). One device's batches take turns, known here by the session: the device id is
    // in the body, not parsed yet, and a device sends every batch with the session it signed in
    // with. Its service worker's sealed push takes turns by the device id (routes/sealed-sync.ts):
    // the two never push at once (the device's sync lock), and if they did, the device row's lock
    // in the transaction would still order them.
    const text = await receiveBody(c);
    const user = c.get('user');
    let deviceId: string | undefined;
    try {
      const result = await pushInTurn(deps, user, user.tokenHash, async () => {
        const body = await parseBody(text, PushRequest, PUSH_REFUSED, { textPerItem: true });
        deviceId = body.deviceId;
        return body;
      });
      return c.json(result);
    } catch (err) {
      // A refused push is the device's: it is audited with the device id the batch names.
      if (err instanceof ApiError && deviceId !== undefined) err.about({ deviceId });
      throw err;
    }
  });

  app.get('/sync/pull', auth, async (c) => {
    const query = PullQuery.safeParse({
      cursor: c.req.query('cursor') ?? '0',
      limit: c.req.query('limit') ?? PULL_DEFAULT_LIMIT,
      count: c.req.query('count'),
      until: c.req.query('until'),
      enhet: c.req.queries('enhet') ?? [],
      entity: c.req.queries('entity') ?? [],
      deviceId: c.req.query('deviceId'),
    });
    if (!query.success) {
      throw new ApiError(
        400,
        'ogiltig_hamtning',
        `Hämtningen har fel form: cursor ska vara den som servern senast gav, limit ett tal 1–${PULL_PAGE_MAX} och deviceId apparatens id.`,
      );
    }
    const q = query.data;
    const user = c.get('user');
    // Waits for its turn holding no connection, then reads on the read lane (issue 19).
    const page = await deps.gates.pull.run(user.forbundId, () =>
      pull(deps.sql.lane('read'), user, {
        cursor: q.cursor,
        limit: q.limit,
        count: q.count === '1',
        deviceId: q.deviceId,
        backfill:
          q.until === undefined ? undefined : { until: q.until, enhetIds: q.enhet, entities: q.entity },
      }),
    );
    if (q.deviceId)
      await recordDeviceSync(deps.sql, {
        deviceId: q.deviceId,
        userId: user.id,
        tokenHash: user.tokenHash,
        now: deps.clock(),
      });
    return c.body(page, 200, { 'Content-Type': 'application/json' });
  });

  return app;
}
