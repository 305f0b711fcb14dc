/**
 * The page's part of the sealed outbox in each sync round (in the sync lock, see runner.ts):
 * first the service worker's receipts are applied, so the page never sends an entry the worker
 * already had answered; after a round that reached the server the device gets its push-only
 * credential if it has none, seals whatever is not sealed yet and drops boxes already answered.
 * Loaded with import() at the first round, like the engine.
 */
import type { FaltsamDb } from '../db/database';
import { getDeviceId } from '../db/meta';
import { hasPushCredential, pruneSealed, savePushCredential, sealNewOutbox } from '../db/sealed-outbox';
import { applyReceipts } from '../db/sealed-receipts';
import { PushCredential } from '../domain/sealed-push';
import type { ApiClient } from './api';

export interface RoundSteps {
  /** False when the receipts could not be applied: the round must not push then. */
  before(): Promise<boolean>;
  after(reachedServer: boolean): Promise<void>;
}

export function sealedOutboxSteps(
  db: FaltsamDb,
  api: Pick<ApiClient, 'request'>,
  now: () => Date = () => new Date(),
): RoundSteps {
  return {
    async before() {
      try {
        await applyReceipts(db, now());
        return true;
      } catch {
        return false;
      }
    },
    async after(reachedServer) {
      try {
        if (reachedServer && !(await hasPushCredential(db))) {
          const deviceId = await getDeviceId(db);
          await savePushCredential(
            db,
            await api.request('POST', '/api/sync/push-credential', PushCredential, { deviceId }),
          );
        }
        await sealNewOutbox(db, { all: true });
        await pruneSealed(db);
      } catch {
        // Without a credential the page still syncs itself; the next round tries again.
      }
    },
  };
}
