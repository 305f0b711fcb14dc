// Fältsam's service worker: it makes the app shell start without network and runs Background Sync.
// Invariants: it never caches /api (device data lives in IndexedDB, never in Cache
// Storage), and a new version never takes over by itself: the page asks the user first.
import { clientsClaim } from 'workbox-core';
import type { PrecacheEntry } from 'workbox-precaching';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
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
// is open, and retries with back-off if the promise rejects. The sync engine does the work (push the
// outbox, pull pages, merge) and shares the cross-tab lock with the pages. The device store is
// encrypted and its key lives only in an unlocked page's memory (never handed to this worker), so
// here a round finds the store locked and does nothing: the outbox stays for the page, which syncs
// as soon as it is open and unlocked (at start, on 'online', every 60 s while visible).
self.addEventListener('sync', (event) => {
  const syncEvent = event as SyncEvent;
  if (syncEvent.tag === SYNC_TAG) {
    syncEvent.waitUntil(syncInWorker());
  }
});
