/**
 * When a sync round runs: at start, when the network returns, when the app becomes visible,
 * shortly after a local write, on a timer while visible, and again with backoff after a failure
 * that is worth retrying. The environment (window, document, timers) is passed in for tests.
 */
import { liveQuery } from 'dexie';
import type { FaltsamDb } from '../db/database';
import { backoffDelay } from './backoff';
import type { SyncOutcome } from './engine';

export interface TriggerEnv {
  addEventListener(type: 'online', fn: () => void): void;
  removeEventListener(type: 'online', fn: () => void): void;
  document: Pick<Document, 'visibilityState' | 'addEventListener' | 'removeEventListener'>;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Asks the service worker for a Background Sync, where the browser has it. */
  requestBackgroundSync?: () => void;
}

export interface TriggerOptions {
  db: FaltsamDb;
  run: () => Promise<SyncOutcome | null>;
  env: TriggerEnv;
  intervalMs?: number;
  afterWriteMs?: number;
  random?: () => number;
}

export function startSyncTriggers({
  db,
  run,
  env,
  intervalMs = 60_000,
  afterWriteMs = 1_500,
  random,
}: TriggerOptions): () => void {
  let timer: unknown = null;
  let failures = 0;
  let stopped = false;

  const schedule = (ms: number) => {
    if (stopped) return;
    if (timer !== null) env.clearTimeout(timer);
    timer = env.setTimeout(() => {
      timer = null;
      void fire();
    }, ms);
  };

  async function fire(): Promise<void> {
    if (stopped) return;
    const outcome = await run();
    if (outcome && !outcome.ok && outcome.retry) {
      schedule(backoffDelay(failures++, random));
      return;
    }
    failures = 0;
    if (env.document.visibilityState === 'visible') schedule(intervalMs);
  }

  const now = () => {
    schedule(0);
  };
  const onVisibility = () => {
    if (env.document.visibilityState === 'visible') now();
  };
  env.addEventListener('online', now);
  env.document.addEventListener('visibilitychange', onVisibility);

  // Any local write (in this tab or another) raises the pending count: sync shortly after.
  let lastPending = -1;
  const sub = liveQuery(() => db.outbox.where('state').equals('pending').count()).subscribe({
    next: (pending) => {
      if (pending > lastPending && lastPending !== -1) {
        env.requestBackgroundSync?.();
        schedule(afterWriteMs);
      }
      lastPending = pending;
    },
  });

  now();
  return () => {
    stopped = true;
    if (timer !== null) env.clearTimeout(timer);
    env.removeEventListener('online', now);
    env.document.removeEventListener('visibilitychange', onVisibility);
    sub.unsubscribe();
  };
}

/** The trigger environment of a browser page, with Background Sync registered through the SW. */
export function browserTriggerEnv(win: Window = window): TriggerEnv {
  return {
    addEventListener: (type, fn) => win.addEventListener(type, fn),
    removeEventListener: (type, fn) => win.removeEventListener(type, fn),
    document: win.document,
    setTimeout: (fn, ms) => win.setTimeout(fn, ms),
    clearTimeout: (h) => win.clearTimeout(h as number),
    requestBackgroundSync: () => {
      const sw = win.navigator.serviceWorker;
      if (!sw) return;
      void sw.ready
        .then((reg) =>
          (
            reg as ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }
          ).sync?.register(BACKGROUND_SYNC_TAG),
        )
        .catch(() => {});
    },
  };
}

export const BACKGROUND_SYNC_TAG = 'faltsam-sync';
