/**
 * The sync triggers' environment (src/sync/triggers.ts TriggerEnv) in Node, on real timers: a
 * window and a document to fire `online`, `focus` and `visibilitychange` on, and a service worker
 * channel to post messages to the page from (its reports, src/sync/worker-report.ts).
 */
import type { TriggerEnv } from '../../src/sync/triggers';

export function nodeTriggerEnv({ visibility = 'visible' }: { visibility?: DocumentVisibilityState } = {}) {
  const win = new EventTarget();
  const doc = Object.assign(new EventTarget(), { visibilityState: visibility });
  const sw = new EventTarget();
  const env: TriggerEnv = {
    addEventListener: (type, fn) => win.addEventListener(type, fn),
    removeEventListener: (type, fn) => win.removeEventListener(type, fn),
    document: doc as unknown as TriggerEnv['document'],
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    onServiceWorkerMessage: (listener) => {
      const on = (e: Event) => listener((e as MessageEvent).data);
      sw.addEventListener('message', on);
      return () => sw.removeEventListener('message', on);
    },
  };
  return {
    env,
    emit: (type: 'online' | 'focus') => win.dispatchEvent(new Event(type)),
    becomeVisible: () => doc.dispatchEvent(new Event('visibilitychange')),
    /** A message from the service worker to the page. */
    post: (data: unknown) => sw.dispatchEvent(new MessageEvent('message', { data })),
  };
}
