/**
 * The app's one handle on storage and sync: login, logout, "Synka nu" and the automatic triggers.
 * Only one sync runs at a time across tabs (Web Locks, where the browser has them).
 */

import type { FaltsamDb } from '../db/database';
import { getSession, saveSession, unsyncedCount, wipeDevice } from '../db/session-repo';
import { LoginRequest } from '../domain/account';
import type { NewHalvarRound } from '../domain/instrument/round';
import { fieldErrors, ValidationError } from '../domain/validation';
import { ApiError, type FetchLike } from './api';
import { type OpenRoundOutcome, openRound } from './rounds';
import { createSyncRunner } from './runner';
import { startSyncTriggers, type TriggerEnv } from './triggers';

export interface FaltsamOptions {
  db: FaltsamDb;
  fetch: FetchLike;
  baseUrl?: string;
  /** navigator.locks where present; one sync at a time across tabs. */
  locks?: Pick<LockManager, 'request'>;
}

export function createFaltsam({ db, fetch, baseUrl = '', locks }: FaltsamOptions) {
  /** syncNow runs a round unless nobody is logged in on this device (then it returns null). */
  const { api, syncNow } = createSyncRunner({
    db,
    fetch,
    baseUrl,
    locks,
    // The engine (and every record kind's schema) loads at the first round, after the first screen.
    engine: (deps) => import('./engine').then(({ createSyncEngine }) => createSyncEngine(deps)),
  });

  return {
    api,
    syncNow,

    /** Needs the network the first time on a device; afterwards the stored session works offline. */
    async login(username: string, password: string): Promise<void> {
      const parsed = LoginRequest.safeParse({ username, password });
      if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error.issues));
      // Stretched while the server answers; kept only after a good login, to unlock hand-over offline.
      // Its code loads with import() here, at the first login, not with the first screen.
      const unlock = import('../db/unlock-verifier');
      const verifier = unlock.then((m) => m.deriveUnlockVerifier(parsed.data.password));
      verifier.catch(() => {});
      const res = await api.login(parsed.data);
      const previous = await getSession(db);
      if (previous && previous.user.id !== res.user.id && (await unsyncedCount(db)) > 0) {
        throw new ApiError(409, {
          code: 'annan_anvandare_osynkat',
          message: `Enheten har osynkade uppgifter från ${previous.user.displayName}. Den användaren behöver logga in och synka först.`,
        });
      }
      await saveSession(db, res);
      // Without WebCrypto (an insecure origin) login still works; hand-over then refuses to start.
      await Promise.all([unlock, verifier])
        .then(([m, v]) => m.storeUnlockVerifier(db, v))
        .catch(() => {});
      void syncNow();
    },

    /**
     * Logs out and wipes the device. While anything is unsynced it first tries to sync, and then
     * refuses unless `discardUnsynced` is set (the UI asks the user after a clear warning).
     */
    async logout(
      opts: { discardUnsynced?: boolean } = {},
    ): Promise<{ loggedOut: boolean; unsynced: number }> {
      if ((await unsyncedCount(db)) > 0) await syncNow();
      const unsynced = await unsyncedCount(db);
      if (unsynced > 0 && !opts.discardUnsynced) return { loggedOut: false, unsynced };
      await api.logout().catch(() => {});
      await wipeDevice(db);
      return { loggedOut: true, unsynced };
    },

    /** A koordinator opens a half-year round; needs the network. The device's rounds are refreshed. */
    openRound(req: NewHalvarRound): Promise<OpenRoundOutcome> {
      return openRound(db, api, req);
    },

    /**
     * A koordinator fetches the aggregates for a halvår and a date; kept on the device for offline
     * use. Loaded on first use, so the first screen carries none of it.
     */
    fetchAggregates(period: string, date: string) {
      return import('./aggregates').then((m) => m.fetchAggregates(db, { fetch, baseUrl, period, date }));
    },

    /** Starts the automatic triggers; returns a function that stops them. */
    start(env: TriggerEnv): () => void {
      return startSyncTriggers({ db, run: syncNow, env });
    },
  };
}

export type Faltsam = ReturnType<typeof createFaltsam>;
