// Page side of the service worker (sw/sw.ts): registers it in production builds and turns "a new
// version is waiting" into a callback, so the UI can ask the user before switching versions.
// Invariant: the page only reloads after the user chose to update and the new worker controls it.
// main.tsx loads this module (and workbox-window with it) with import() after the first render.
import { Workbox } from 'workbox-window';

/** Registers /sw.js. Offline it does nothing more: the browser keeps the installed worker. */
export function registerServiceWorker(onUpdateReady: (applyUpdate: () => void) => void): void {
  // In dev, Vite serves modules unbundled and there is no built /sw.js to register.
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;

  const wb = new Workbox('/sw.js', { scope: '/' });

  // Fires for a worker that finished installing while this page runs, and also for one that was
  // already waiting when the page loaded (e.g. after the user postponed the update earlier).
  wb.addEventListener('waiting', () => {
    onUpdateReady(() => {
      let reloaded = false;
      navigator.serviceWorker.addEventListener('controllerchange', () => {
        if (reloaded) return;
        reloaded = true;
        window.location.reload();
      });
      wb.messageSkipWaiting();
    });
  });

  // A tablet may stay open for days; look for a new version whenever the app comes back into view.
  // Failures (offline, server down) are expected and harmless: the browser retries next time.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') wb.update().catch(() => undefined);
  });

  wb.register().catch((error: unknown) => {
    // The app still works online without a worker; only offline start and Background Sync are lost.
    console.warn('Service worker registration failed', error);
  });
}
