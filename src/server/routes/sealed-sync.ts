/**
 * The sealed outbox's routes (issue 16): a signed-in page gets a push-only credential for its
 * device; the service worker pushes sealed boxes with it. The push token is accepted here only.
 */
import { Hono, type MiddlewareHandler } from 'hono';
import { PushCredentialRequest, SealedPushRequest } from '../../domain/sealed-push';
import { requireAuth } from '../auth/middleware';
import { authenticatePush, issuePushCredential, type PushAuth } from '../auth/push-credential';
import type { AppEnv, Deps } from '../context';
import { ApiError, unauthorized } from '../errors';
import { parseBody, readBody, receiveBody } from '../http';
import { pushInTurn } from '../services/push';
import { openSealedPush } from '../services/sealed-push';

const BEARER = /^Bearer ([A-Za-z0-9_-]{20,200})$/;

type PushEnv = { Variables: AppEnv['Variables'] & { push: PushAuth } };

function requirePushToken({ sql, clock }: Deps): MiddlewareHandler<PushEnv> {
  return async (c, next) => {
    const token = BEARER.exec(c.req.header('Authorization') ?? '')?.[1];
    if (!token) throw unauthorized();
    const auth = await authenticatePush(sql, token, clock());
    // The refusal audit and the push itself see the credential's user, as for a session.
    c.set('user', auth.user);
    c.set('push', auth);
    await next();
  };
}

export function sealedSyncRoutes(deps: Deps): Hono<PushEnv> {
  const app = new Hono<PushEnv>();

  app.post('/sync/push-credential', requireAuth(deps), async (c) => {
    const body = await readBody(c, PushCredentialRequest);
    const credential = await issuePushCredential(deps.sql, c.get('user'), body.deviceId, deps.clock());
    return c.json(credential);
  });

  app.post('/sync/push-sealed', requirePushToken(deps), async (c) => {
    const auth = c.get('push');
    // As the page's push (routes/sync.ts): received before any turn, opened and checked in the
    // förbund's turn (services/push.ts pushInTurn).
    const text = await receiveBody(c);
    try {
      const result = await pushInTurn(deps, auth.user, auth.deviceId, async () =>
        openSealedPush(
          deps.sql.lane('read'),
          auth,
          await parseBody(
            text,
            SealedPushRequest,
            'De förseglade ändringarna har fel form och togs inte emot. Inget har ändrats.',
          ),
        ),
      );
      return c.json(result);
    } catch (err) {
      if (err instanceof ApiError) err.about({ deviceId: auth.deviceId });
      throw err;
    }
  });

  return app;
}
