/**
 * The sync client (sync/client.ts) behind a loader: its code – the REST client, the schemas that
 * parse every answer, the runner and the triggers – loads on first use or after the first screen
 * has rendered, never as part of the code the first screen waits for. Each call waits for the
 * module once; offline it loads from the service worker's cache like every chunk.
 */
import type { Faltsam, FaltsamOptions } from '../sync/client';
import type { FaltsamClient } from './app-context';

export interface LazyFaltsam extends FaltsamClient {
  /** Starts loading the client now (e.g. while the user types the password). */
  preload(): void;
  /** Loads the client and starts the automatic sync triggers of this window. */
  start(win: Window): void;
}

type ProgressListener = Parameters<Faltsam['onProgress']>[0];

export function lazyFaltsam(options: FaltsamOptions): LazyFaltsam {
  let client: Promise<Faltsam> | null = null;
  // The list follows a first sync's progress without loading the client itself: its listeners
  // are told once the client is here (it loads for the first round anyway).
  const progressListeners = new Set<ProgressListener>();
  const get = (): Promise<Faltsam> => {
    client ??= import('../sync/client').then((m) => {
      const c = m.createFaltsam(options);
      c.onProgress((p) => {
        for (const listener of progressListeners) listener(p);
      });
      return c;
    });
    client.catch(() => {
      client = null; // a failed load (offline before it was cached) is tried again on the next call
    });
    return client;
  };
  return {
    login: (username, password, opts) => get().then((c) => c.login(username, password, opts)),
    logout: (opts) => get().then((c) => c.logout(opts)),
    syncNow: () => get().then((c) => c.syncNow()),
    openRound: (req) => get().then((c) => c.openRound(req)),
    admin: () => get().then((c) => c.admin()),
    fetchAggregates: (period, date) => get().then((c) => c.fetchAggregates(period, date)),
    onProgress: (listener) => {
      progressListeners.add(listener);
      return () => {
        progressListeners.delete(listener);
      };
    },
    preload: () => void get().catch(() => {}),
    start: (win) => {
      void Promise.all([get(), import('../sync/triggers')]).then(
        ([c, triggers]) => c.start(triggers.browserTriggerEnv(win)),
        (error: unknown) => console.warn('Sync could not start', error),
      );
    },
  };
}
