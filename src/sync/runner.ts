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
import { recordSyncError } from '../db/sync-status';
import { type ApiClient, type ApiClientOptions, createApiClient, type FetchLike } from './api';
import type { RefreshingEngine, SyncOutcome, SyncProgress } from './engine';
import type { RoundSteps } from './sealed-outbox';
import { SYNC_LOCK } from './sync-lock';

export { SYNC_LOCK };

/**
 * How long a round waits for another tab's round to end. Every request has a deadline, so a round
 * always ends; a first sync of thousands of records on a slow link may still take a while.
 */
export const LOCK_WAIT_MS = 120_000;

/** Makes the engine for a runner: createSyncEngine itself, or a loader that imports it first. */
export type SyncEngineFactory = (deps: {
  db: FaltsamDb;
  api: ApiClient;
  onProgress: (p: SyncProgress | null) => void;
}) => RefreshingEngine | Promise<RefreshingEngine>;

/** A round whose engine could not be loaded ends like one without network: retried with backoff. */
const ENGINE_NOT_LOADED: SyncOutcome = {
  ok: false,
  kind: 'network',
  retry: true,
  message: 'Synkningen kunde inte starta. Fältsam försöker igen automatiskt.',
};

/** Another tab's round held the lock past LOCK_WAIT_MS: said in the status, retried with backoff. */
const LOCK_BUSY = {
  ok: false,
  kind: 'timeout',
  retry: true,
  message: 'Fältsam i en annan flik synkar och blev inte klar. Fältsam försöker igen automatiskt.',
} as const satisfies SyncOutcome;

export interface SyncNowOptions {
  /** Wait for the refresh after a good round (default); the automatic triggers do not. */
  awaitRefresh?: boolean;
}

export interface SyncRunnerOptions {
  db: FaltsamDb;
  fetch: FetchLike;
  baseUrl?: string;
  locks?: Pick<LockManager, 'request'> | undefined;
  engine: SyncEngineFactory;
  /** The sealed outbox's steps around each round (sealed-outbox.ts); the page passes a loader. */
  outbox?: (deps: { db: FaltsamDb; api: ApiClient }) => RoundSteps | Promise<RoundSteps>;
  /** Request deadlines (api.ts DEADLINES by default). */
  deadlines?: ApiClientOptions['deadlines'];
  lockWaitMs?: number;
}

export function createSyncRunner({
  db,
  fetch,
  baseUrl = '',
  locks,
  engine: makeEngine,
  outbox,
  deadlines,
  lockWaitMs = LOCK_WAIT_MS,
}: SyncRunnerOptions): {
  api: ApiClient;
  syncNow: (opts?: SyncNowOptions) => Promise<SyncOutcome | null>;
  /** Follows a many-page pull: called with its progress, and with null when it ends. */
  onProgress: (listener: (p: SyncProgress | null) => void) => () => void;
} {
  const api = createApiClient({
    baseUrl,
    fetch,
    getToken: async () => (isUnlocked(db) ? (await getSession(db))?.token : undefined),
    ...(deadlines ? { deadlines } : {}),
  });
  const listeners = new Set<(p: SyncProgress | null) => void>();
  const onProgress = (p: SyncProgress | null) => {
    for (const l of listeners) l(p);
  };
  let engine: Promise<RefreshingEngine> | null = null;
  const loadEngine = (): Promise<RefreshingEngine> => {
    engine ??= Promise.resolve()
      .then(() => makeEngine({ db, api, onProgress }))
      .catch((error: unknown) => {
        engine = null; // tried again at the next round
        throw error;
      });
    return engine;
  };
  const round = async (): Promise<SyncOutcome> => {
    const steps = outbox ? await Promise.resolve(outbox({ db, api })).catch(() => null) : null;
    // The service worker's receipts first: pushing without them could resend what it had answered.
    if (outbox && !(await steps?.before())) return ENGINE_NOT_LOADED;
    // The engine's round includes the refreshes after it (colleagues, rounds; engine.ts engineFor).
    const outcome = await loadEngine().then(
      (e) => e.sync(),
      () => ENGINE_NOT_LOADED,
    );
    await steps?.after(outcome.ok);
    return outcome;
  };
  /**
   * After a good round, with the sync lock released (engine.ts engineFor): what the device keeps
   * beside the records. Never a sync error; one at a time (a round that ends while one runs shares it).
   */
  let refreshing: Promise<void> | null = null;
  const refresh = (): Promise<void> => {
    refreshing ??= Promise.resolve(engine)
      .then((e) => e?.refresh?.())
      .catch(() => {})
      .finally(() => {
        refreshing = null;
      });
    return refreshing;
  };
  /**
   * The round's outcome; with `awaitRefresh` false (the automatic triggers) it does not wait for
   * the refresh, so the next round in this tab – a save's – is not held up by a line that stopped
   * answering during it.
   */
  const refreshAfter = async (outcome: SyncOutcome, awaitRefresh: boolean): Promise<SyncOutcome> => {
    if (!outcome.ok) return outcome;
    const done = refresh();
    if (awaitRefresh) await done;
    return outcome;
  };
  async function syncNow({ awaitRefresh = true }: SyncNowOptions = {}): Promise<SyncOutcome | null> {
    // Locked (or a service worker, which never holds the key): nothing can be read or sent.
    if (!isUnlocked(db) || !(await getSession(db))) return null;
    if (!locks) return refreshAfter(await round(), awaitRefresh);
    const signal = AbortSignal.timeout(lockWaitMs);
    const outcome = await locks.request(SYNC_LOCK, { signal }, round).catch(async (e: unknown) => {
      if (!signal.aborted) throw e;
      await recordSyncError(db, {
        kind: LOCK_BUSY.kind,
        message: LOCK_BUSY.message,
        at: new Date().toISOString(),
      });
      return LOCK_BUSY;
    });
    return refreshAfter(outcome, awaitRefresh);
  }
  return {
    api,
    syncNow,
    onProgress: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
