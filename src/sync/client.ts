/**
 * The app's one handle on storage and sync: login, logout, "Synka nu" and the automatic triggers.
 * Only one sync runs at a time across tabs (Web Locks, where the browser has them).
 */

import type { KdfOptions } from '../db/crypto';
import type { FaltsamDb } from '../db/database';
import { saveSession, unsyncedCount, wipeDevice } from '../db/session-repo';
import {
  createStoreKey,
  getStoreState,
  UnlockSecretNeededError,
  unlockStore,
  WrongSecretError,
} from '../db/store-key';
import { LoginRequest } from '../domain/account';
import type { NewHalvarRound } from '../domain/instrument/round';
import { fieldErrors, ValidationError } from '../domain/validation-error';
import type { AdminApi } from './admin';
import { type ApiClientOptions, ApiError, type FetchLike } from './api';
import { deviceEvents } from './device-events';
import type { OpenRoundOutcome } from './rounds';
import { createSyncRunner } from './runner';
import type { TriggerEnv, TriggerOptions } from './triggers';
import { parseWorkerReport } from './worker-report';
import { recordWorkerReport } from './worker-status';

export interface FaltsamOptions {
  db: FaltsamDb;
  fetch: FetchLike;
  baseUrl?: string;
  /** navigator.locks where present; one sync at a time across tabs. */
  locks?: Pick<LockManager, 'request'>;
  /** PBKDF2 cost of a new key envelope; tests pass fewer iterations, production leaves it out. */
  kdf?: KdfOptions;
  /** Request deadlines; production leaves them out (api.ts DEADLINES). */
  deadlines?: ApiClientOptions['deadlines'];
  /** Mutations per push request; tests pass a few, production leaves it out (engine.ts). */
  pushBatchSize?: number;
}

/** Trigger timings a caller may set (tests); production uses the defaults of triggers.ts. */
export type TriggerTuning = Pick<TriggerOptions, 'intervalMs' | 'afterWriteMs' | 'backoff' | 'random'>;

export interface LoginOptions {
  /**
   * The user's own new password, replacing a one-time password (the server answered 403
   * losenord_maste_bytas without it). It becomes the password and, on a fresh device, the unlock secret.
   */
  newPassword?: string;
  /** The previous unlock secret, when the password no longer opens the device's data. */
  unlockSecret?: string;
  /** Wipe this device's data and start with a new key (refused while anything is unsynced). */
  startFresh?: boolean;
}

export function createFaltsam({
  db,
  fetch,
  baseUrl = '',
  locks,
  kdf = {},
  deadlines,
  pushBatchSize,
}: FaltsamOptions) {
  /** syncNow runs a round unless nobody is logged in on this device (then it returns null). */
  const { api, syncNow, onProgress } = createSyncRunner({
    db,
    fetch,
    baseUrl,
    locks,
    deadlines,
    // The engine (and every record kind's schema) loads at the first round, after the first screen.
    engine: (deps) =>
      import('./engine').then(({ engineFor }) =>
        engineFor({
          ...deps,
          ...(pushBatchSize ? { pushBatchSize } : {}),
          ...(deadlines?.request ? { requestDeadlineMs: deadlines.request } : {}),
        }),
      ),
    // The sealed outbox for the service worker (issue 16), loaded with the engine's round.
    outbox: ({ db, api }) => import('./sealed-outbox').then((m) => m.sealedOutboxSteps(db, api)),
  });
  let adminApi: Promise<AdminApi> | null = null;

  return {
    api,
    syncNow,
    /** "Hämtar 3 000 av 10 000": follows a pull of more than one page; null when it ends. */
    onProgress,

    /**
     * Needs the network. On a fresh device the password becomes the unlock secret of the encrypted
     * store; later logins of the same user unlock it with the password. When the password no
     * longer opens it (changed on the server) this throws UnlockSecretNeededError: call again with
     * the previous secret in `opts.unlockSecret`, or with `startFresh` when nothing is unsynced.
     */
    async login(username: string, password: string, opts: LoginOptions = {}): Promise<void> {
      const parsed = LoginRequest.safeParse({ username, password });
      if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error.issues));
      const res = await api.login(
        opts.newPassword === undefined ? parsed.data : { ...parsed.data, newPassword: opts.newPassword },
      );
      // From here on the password is the one the account now has.
      const current = opts.newPassword ?? parsed.data.password;
      const store = await getStoreState(db);
      const sameUser = store.user?.id === res.user.id;
      if (store.user && !sameUser) {
        if ((await unsyncedCount(db)) > 0)
          throw new ApiError(409, {
            code: 'annan_anvandare_osynkat',
            message: `Apparaten har osynkade uppgifter från ${store.user.displayName}. Den användaren behöver logga in och synka först.`,
          });
        await wipeDevice(db);
      }
      if (!sameUser || !store.hasKey) {
        // A fresh device, another user's wiped one, or data from before encryption (encrypted now).
        await createStoreKey(db, current, res.user, kdf);
      } else {
        try {
          await unlockStore(db, opts.unlockSecret ?? current);
        } catch (e) {
          // A wrong previous secret is the user's to retype; anything else is not a secret problem.
          if (!(e instanceof WrongSecretError) || opts.unlockSecret !== undefined) throw e;
          const unsynced = await unsyncedCount(db);
          if (!opts.startFresh || unsynced > 0) throw new UnlockSecretNeededError(unsynced);
          await wipeDevice(db);
          await createStoreKey(db, current, res.user, kdf);
        }
      }
      await saveSession(db, res);
      // The first round; its outcome shows in the sync status.
      syncNow().catch(() => {});
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
      return import('./rounds').then((m) => m.openRound(db, api, req));
    },

    /** The admin screens' client (online only); its code loads on first use, not with the first screen. */
    admin(): Promise<AdminApi> {
      adminApi ??= import('./admin').then((m) => m.createAdminApi({ db, api }));
      return adminApi;
    },

    /**
     * A koordinator fetches the releases of a halvår and a month (the newest when not given); kept
     * on the device for offline use. Loaded on first use, so the first screen carries none of it.
     */
    fetchAggregates(period?: string, month?: string) {
      return import('./aggregates').then((m) => m.fetchAggregates(db, { fetch, baseUrl, period, month }));
    },

    /**
     * Starts the automatic triggers (in a browser page, on its window unless `env` is given);
     * returns a function that stops them. Their code loads after the first screen: at start the
     * store is locked, so the first round waits for the unlock anyway.
     */
    start(env?: TriggerEnv, tuning: TriggerTuning = {}): () => void {
      // Unlocking starts a round too (triggers.ts): it applies what the service worker synced
      // while locked (its receipts, issue 16) and syncs the rest.
      const device = deviceEvents(db);
      let stop: (() => void) | null = null;
      let stopped = false;
      void import('./triggers').then((m) => {
        if (stopped) return;
        const on = env ?? m.browserTriggerEnv(window);
        const stopTriggers = m.startSyncTriggers({
          device,
          // A round of the triggers does not wait for its refresh: a save's round may follow at once.
          run: () => syncNow({ awaitRefresh: false }),
          env: on,
          probe: api.health,
          ...tuning,
        });
        // The worker's push timed out while this page may be waiting for the lock: say so now.
        const stopReports = on.onServiceWorkerMessage?.((data) => {
          const report = parseWorkerReport(data);
          if (report) recordWorkerReport(db, report).catch(() => {});
        });
        stop = () => {
          stopTriggers();
          stopReports?.();
        };
      });
      return () => {
        stopped = true;
        stop?.();
      };
    },
  };
}

export type Faltsam = ReturnType<typeof createFaltsam>;
