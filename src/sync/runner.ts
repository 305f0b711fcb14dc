/**
 * A sync round guarded for real use: only when someone is logged in on the device, and only one
 * at a time across tabs and the service worker (Web Locks, where the runtime has them).
 */
import type { FaltsamDb } from '../db/database';
import { getSession } from '../db/session-repo';
import { type ApiClient, createApiClient, type FetchLike } from './api';
import { refreshColleagues } from './colleagues';
import { createSyncEngine, type SyncOutcome } from './engine';
import { refreshRounds } from './rounds';

export const SYNC_LOCK = 'faltsam-sync';

export interface SyncRunnerOptions {
  db: FaltsamDb;
  fetch: FetchLike;
  baseUrl?: string;
  locks?: Pick<LockManager, 'request'> | undefined;
}

export function createSyncRunner({ db, fetch, baseUrl = '', locks }: SyncRunnerOptions): {
  api: ApiClient;
  syncNow: () => Promise<SyncOutcome | null>;
} {
  const api = createApiClient({ baseUrl, fetch, getToken: async () => (await getSession(db))?.token });
  const engine = createSyncEngine({ db, api });
  // After a good round the colleagues of the user's enheter are fetched too (for överlämning offline).
  const round = async (): Promise<SyncOutcome> => {
    const outcome = await engine.sync();
    if (outcome.ok) await refreshColleagues(db, api);
    if (outcome.ok) await refreshRounds(db, api);
    return outcome;
  };
  async function syncNow(): Promise<SyncOutcome | null> {
    if (!(await getSession(db))) return null;
    if (!locks) return round();
    return locks.request(SYNC_LOCK, round);
  }
  return { api, syncNow };
}
