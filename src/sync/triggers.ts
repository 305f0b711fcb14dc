/**
 * When a sync round runs: at start and on unlock; when the network returns and when the app
 * becomes visible; ~1.5 s after any local write (in any tab), also one made during a round; on a
 * timer while visible; and again with backoff after a failure worth retrying. During an outage
 * (the last round failed and a retry waits) `online`, focus, visibility and a local write first ask
 * the server with a cheap health probe, and cut the backoff short when it answers. One round at a
 * time per tab; a reason to sync that comes during a round is acted on when it ends. The
 * environment (window, document, timers, clock) is passed in for tests.
 */
import { backoffDelay } from './backoff';
import type { DeviceEvents } from './device-events';
import type { SyncOutcome } from './engine';

type WindowEvent = 'online' | 'focus';

export interface TriggerEnv {
  addEventListener(type: WindowEvent, fn: () => void): void;
  removeEventListener(type: WindowEvent, fn: () => void): void;
  document: Pick<Document, 'visibilityState' | 'addEventListener' | 'removeEventListener'>;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Milliseconds, for comparing timers; default Date.now. */
  now?: () => number;
  /** Asks the service worker for a Background Sync, where the browser has it. */
  requestBackgroundSync?: () => void;
  /** Listens to the service worker's messages (its reports, worker-report.ts); returns a stop. */
  onServiceWorkerMessage?: (listener: (data: unknown) => void) => () => void;
}

export interface TriggerOptions {
  /** Unlocks and local writes (device-events.ts). */
  device: DeviceEvents;
  run: () => Promise<SyncOutcome | null>;
  env: TriggerEnv;
  /** Does the server answer? (GET /api/health with a short deadline.) Without it, wake-ups just run. */
  probe?: () => Promise<boolean>;
  intervalMs?: number;
  afterWriteMs?: number;
  random?: () => number;
  /** The wait before the n-th retry (from 0); default exponential 2 s … 5 min with jitter. */
  backoff?: (attempt: number) => number;
}

/** What a trigger asks for: a round now, one shortly (after a write), or a probe first (outage). */
type Want = 'now' | 'soon';

export function startSyncTriggers({
  device,
  run,
  env,
  probe,
  intervalMs = 60_000,
  afterWriteMs = 1_500,
  random,
  backoff = (attempt) => backoffDelay(attempt, random),
}: TriggerOptions): () => void {
  const clock = env.now ?? Date.now;
  let timer: unknown = null;
  let dueAt = Number.POSITIVE_INFINITY;
  let failures = 0;
  let stopped = false;
  let running = false;
  let probing = false;
  /** A reason to sync that came during a round, acted on when it ends. */
  let afterRun: Want | null = null;

  const clear = () => {
    if (timer !== null) env.clearTimeout(timer);
    timer = null;
    dueAt = Number.POSITIVE_INFINITY;
  };
  /** Sets the timer; `earliest` keeps one that is already due sooner. */
  const schedule = (ms: number, earliest = true) => {
    if (stopped) return;
    if (earliest && timer !== null && dueAt <= clock() + ms) return;
    clear();
    dueAt = clock() + ms;
    timer = env.setTimeout(() => {
      timer = null;
      dueAt = Number.POSITIVE_INFINITY;
      void fire();
    }, ms);
  };
  const visible = () => env.document.visibilityState === 'visible';
  const inOutage = () => failures > 0;

  async function fire(): Promise<void> {
    if (stopped) return;
    if (running) {
      afterRun = 'now';
      return;
    }
    running = true;
    afterRun = null;
    const outcome = await run().catch(() => null);
    running = false;
    if (stopped) return;
    if (outcome && !outcome.ok && outcome.retry) {
      // The server (or the network) is away: what came meanwhile waits for it like the rest.
      schedule(backoff(failures++), false);
      return;
    }
    failures = 0;
    const want = afterRun;
    afterRun = null;
    if (want === 'now') schedule(0, false);
    else if (want === 'soon') schedule(afterWriteMs, false);
    else if (visible()) schedule(intervalMs, false);
    else clear();
  }

  const want = (w: Want) => {
    if (running) {
      if (afterRun !== 'now') afterRun = w;
      return;
    }
    schedule(w === 'now' ? 0 : afterWriteMs);
  };

  /**
   * During an outage: ask the server first, and only if it answers, cut the backoff short. During
   * a round the reason is kept for its end, as want() keeps it: a round that succeeds ends the
   * outage, and a save made while it ran is then sent ~1.5 s later, not at the next minute's tick
   * (a round that fails leaves it to the backoff, with the rest).
   */
  const wake = (w: Want) => {
    if (!inOutage() || !probe || running) return want(w);
    if (probing) return;
    probing = true;
    void probe()
      .catch(() => false)
      .then((up) => {
        probing = false;
        if (up && !stopped) schedule(0, false);
      });
  };

  const onOnline = () => wake('now');
  const onFocus = () => {
    if (inOutage()) wake('now');
  };
  const onVisibility = () => {
    if (visible()) wake('now');
  };
  env.addEventListener('online', onOnline);
  env.addEventListener('focus', onFocus);
  env.document.addEventListener('visibilitychange', onVisibility);
  // Unlocking: the start-up round found the store locked and could send nothing.
  const offUnlock = device.onUnlock(() => want('now'));
  // A local write (in this tab or another): sync shortly after.
  const offWrite = device.onLocalWrite(() => {
    env.requestBackgroundSync?.();
    wake('soon');
  });

  want('now');
  return () => {
    stopped = true;
    clear();
    env.removeEventListener('online', onOnline);
    env.removeEventListener('focus', onFocus);
    env.document.removeEventListener('visibilitychange', onVisibility);
    offUnlock();
    offWrite();
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
    now: () => Date.now(),
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
    onServiceWorkerMessage: (listener) => {
      const sw = win.navigator.serviceWorker;
      if (!sw) return () => {};
      const onMessage = (e: MessageEvent) => listener(e.data);
      sw.addEventListener('message', onMessage);
      return () => sw.removeEventListener('message', onMessage);
    },
  };
}

export const BACKGROUND_SYNC_TAG = 'faltsam-sync';
