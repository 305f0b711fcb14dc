/**
 * A sync round guarded for real use: only when someone is logged in and the store is unlocked, and only one
 * at a time across tabs and the service worker (Web Locks, where the runtime has them). The engine
 * comes from the caller: the service worker passes createSyncEngine, the page loads it with import()
 * at the first round (client.ts), so the app's first screen does not wait for the engine and the
 * record schemas of every kind. No import() here: loaders come from the caller.
 */
import type { FaltsamDb } from '../db/database';
import { isUnlocked } from '../db/keyring';
import { getSession } from '../db/session-repo';
import { type ApiClient, createApiClient, type FetchLike } from './api';
import { refreshColleagues } from './colleagues';
import type { SyncEngine, SyncOutcome } from './engine';
import { refreshRounds } from './rounds';
import type { RoundSteps } from './sealed-outbox';
import { refreshSessionUser } from './session-refresh';
import { SYNC_LOCK } from './sync-lock';

export { SYNC_LOCK };

/** Makes the engine for a runner: createSyncEngine itself, or a loader that imports it first. */
export type SyncEngineFactory = (deps: { db: FaltsamDb; api: ApiClient }) => SyncEngine | Promise<SyncEngine>;

/** A round whose engine could not be loaded ends like one without network: retried with backoff. */
const ENGINE_NOT_LOADED: SyncOutcome = {
  ok: false,
  kind: 'network',
  retry: true,
  message: 'Synkningen kunde inte starta. Fältsam försöker igen automatiskt.',
};

export interface SyncRunnerOptions {
  db: FaltsamDb;
  fetch: FetchLike;
  baseUrl?: string;
  locks?: Pick<LockManager, 'request'> | undefined;
  engine: SyncEngineFactory;
  /** The sealed outbox's steps around each round (sealed-outbox.ts); the page passes a loader. */
  outbox?: (deps: { db: FaltsamDb; api: ApiClient }) => RoundSteps | Promise<RoundSteps>;
}

export function createSyncRunner({
  db,
  fetch,
  baseUrl = '',
  locks,
  engine: makeEngine,
  outbox,
}: SyncRunnerOptions): {
  api: ApiClient;
  syncNow: () => Promise<SyncOutcome | null>;
} {
  const api = createApiClient({
    baseUrl,
    fetch,
    getToken: async () => (isUnlocked(db) ? (await getSession(db))?.token : undefined),
  });
  let engine: Promise<SyncEngine> | null = null;
  const loadEngine = (): Promise<SyncEngine> => {
    engine ??= Promise.resolve()
      .then(() => makeEngine({ db, api }))
      .catch((error: unknown) => {
        engine = null; // tried again at the next round
        throw error;
      });
    return engine;
  };
  // After a good round the user as the server has it (settings, code lists) and the colleagues of
  // the user's enheter (for överlämning offline) are fetched too.
  const round = async (): Promise<SyncOutcome> => {
    const steps = outbox ? await Promise.resolve(outbox({ db, api })).catch(() => null) : null;
    // The service worker's receipts first: pushing without them could resend what it had answered.
    if (outbox && !(await steps?.before())) return ENGINE_NOT_LOADED;
    const outcome = await loadEngine().then(
      (e) => e.sync(),
      () => ENGINE_NOT_LOADED,
    );
    if (outcome.ok) await refreshSessionUser(db, api);
    if (outcome.ok) await refreshColleagues(db, api);
    if (outcome.ok) await refreshRounds(db, api);
    await steps?.after(outcome.ok);
    return outcome;
  };
  async function syncNow(): Promise<SyncOutcome | null> {
    // Locked (or a service worker, which never holds the key): nothing can be read or sent.
    if (!isUnlocked(db) || !(await getSession(db))) return null;
    if (!locks) return round();
    return locks.request(SYNC_LOCK, round);
  }
  return { api, syncNow };
}
