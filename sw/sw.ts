// Fältsam's service worker: it makes the app shell start without network and runs Background Sync.
// Invariants: it never caches /api (device data lives in IndexedDB, never in Cache
// Storage), and a new version never takes over by itself: the page asks the user first.
import { clientsClaim } from 'workbox-core';
import type { PrecacheEntry } from 'workbox-precaching';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import type { WorkerReport } from '../src/sync/worker-report';
import { syncInWorker } from '../src/sync/worker-sync';

declare const self: ServiceWorkerGlobalScope & {
  // Replaced at build time by vite-plugin-pwa (injectManifest) with the list of built files.
  __WB_MANIFEST: Array<PrecacheEntry | string>;
};

/** Background Sync's event; not yet part of TypeScript's WebWorker lib. */
interface SyncEvent extends ExtendableEvent {
  readonly tag: string;
  readonly lastChance: boolean;
}

/** The tag the page registers with `registration.sync.register(...)`. */
const SYNC_TAG = 'faltsam-sync';

// Rule 1 — precache the built app (HTML, JS, CSS, icons, manifest) and answer those URLs from the
// cache. Reason: a handläggare opens the app in a meeting room without network; every file the
// app needs to start must already be on the device, in exactly the version that was installed
// together (hashed file names + revisions keep the shell consistent).
precacheAndRoute(self.__WB_MANIFEST);

// Rule 2 — delete precaches left by older Workbox versions. Reason: tablets have limited storage
// and the app must keep room for IndexedDB, where the data that matters lives.
cleanupOutdatedCaches();

// Rule 3 — every navigation (typed URL, reload, deep link such as /arenden/123) gets the precached
// index.html. Reason: routing is client-side, and offline there is no server to return the shell.
// /api/ is denied so that a navigation to an API URL (e.g. a CSV export link) reaches the server.
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('/index.html'), {
    denylist: [/^\/api\//],
  }),
);

// Rule 4 — /api is deliberately NOT routed: no handler means the request goes straight to the
// network as if there were no service worker. Reason: API responses carry personal case data;
// caching them would keep copies outside the IndexedDB store (where encryption at rest belongs) and serve stale
// sync state. Offline behaviour for data is the sync engine's job (outbox + IndexedDB), not ours.

// Updates: a new worker installs in the background and then waits. Reason: switching versions
// under an open form could lose what the user is typing; the page shows "Ny version finns –
// uppdatera" and, when the user agrees, posts SKIP_WAITING (src/ui/pwa/register-sw.ts).
self.addEventListener('message', (event: ExtendableMessageEvent) => {
  const data: unknown = event.data;
  if (typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'SKIP_WAITING') {
    void self.skipWaiting();
  }
});

// On activation take control of open pages at once. Reason: on the very first install the page
// that registered us is otherwise uncontrolled until the next reload, so it would not work offline
// yet; after an update the page asked for the switch and reloads when we take control.
clientsClaim();

// Background Sync: the browser wakes the worker when connectivity returns, even if no Fältsam tab
// is open or the app is locked, and retries with back-off if the promise rejects. The worker
// cannot read the outbox (its key exists only in an unlocked page), so it sends the sealed copies
// the page made of each entry with the device's push-only credential, in the sync lock the pages
// share, and keeps the server's content-free receipts for the page to apply at the next unlock
// (src/sync/worker-sync.ts, README "Synk när appen är låst").
// A push that got no answer in time is told to the open pages at once: a page's round waiting for
// the sync lock meanwhile would otherwise say nothing until its own request timed out too.
function reportToPages(report: WorkerReport): void {
  void self.clients
    .matchAll({ type: 'window', includeUncontrolled: true })
    .then((pages) => {
      for (const p of pages) p.postMessage(report);
    })
    .catch(() => {});
}

self.addEventListener('sync', (event) => {
  const syncEvent = event as SyncEvent;
  if (syncEvent.tag === SYNC_TAG) {
    syncEvent.waitUntil(syncInWorker(reportToPages));
  }
});

// Browsers without Background Sync (Firefox, Safari): the worker also tries when it starts and on
// fetch events (someone opened the app or a page of it), at most once a minute. Failures are
// left for the next try; nothing is lost, the boxes stay until answered.
const RETRY_MS = 60_000;
let lastTry = 0;
function trySend(): Promise<unknown> {
  if (Date.now() - lastTry < RETRY_MS || !self.navigator.onLine) return Promise.resolve();
  lastTry = Date.now();
  return syncInWorker(reportToPages).catch(() => {});
}
self.addEventListener('fetch', (event) => {
  // Never for its own requests to the API (the push itself is not routed through the worker).
  if (!new URL(event.request.url).pathname.startsWith('/api/')) event.waitUntil(trySend());
});
void trySend();
