/**
 * Entry point: opens the device database and mounts the app into #app in the device's language.
 * Nothing here needs the network. The first screen's code is only what the lock and login screens
 * need; the service worker's page side loads when the browser is idle after the first render, the
 * sync client and its triggers with the first unlock (a first sync simply fails quietly until the
 * network is back).
 */
import { render } from 'preact';
import { closeWhenUpgradedElsewhere, openFaltsamDb } from '../db/database';
import { whenIdle } from '../db/when-idle';
import { App } from './App';
import { ErrorBoundary } from './components/ErrorBoundary';
import { applyLang, currentLang } from './i18n/locale';
import { loadCatalogue } from './i18n/messages';
import { lazyFaltsam } from './lazy-faltsam';
import './styles.css';

const db = openFaltsamDb();
const faltsam = lazyFaltsam({
  db,
  // Unbound, window.fetch throws "Illegal invocation" in some browsers.
  fetch: window.fetch.bind(window),
  ...(navigator.locks ? { locks: navigator.locks } : {}),
});

/**
 * The service worker's page side (with workbox-window) loads with import() when App first asks for
 * it, i.e. after the first render, so it is not part of the code the first screen waits for.
 */
function registerServiceWorkerLater(onUpdateReady: (applyUpdate: () => void) => void): void {
  whenIdle(() =>
    import('./pwa/register-sw').then(
      ({ registerServiceWorker }) => registerServiceWorker(onUpdateReady),
      (error: unknown) => console.warn('Service worker registration failed', error),
    ),
  );
}

/**
 * The sync triggers start with the first unlock, once the screen it opens has rendered and the
 * browser is idle (at the latest after 5 s): the first round's code and work (schemas, engine,
 * pull) then never compete with showing the list.
 */
let syncStarted = false;
function startSync(): void {
  if (syncStarted) return;
  syncStarted = true;
  whenIdle(() => faltsam.start(window), { timeout: 5_000 });
}

/**
 * "A new version is waiting": from the service worker, and when another tab has upgraded the device
 * database to a newer build (this tab then has its store closed until it reloads).
 */
function onUpdateReady(notify: (applyUpdate: () => void) => void): void {
  registerServiceWorkerLater(notify);
  closeWhenUpgradedElsewhere(db, () => notify(() => window.location.reload()));
}

async function start(root: HTMLElement): Promise<void> {
  const lang = currentLang();
  // English is not part of the first screen's code; a device set to English waits for it once. If
  // it cannot load, this session is Swedish throughout (the device keeps its choice for next time).
  const loaded = await loadCatalogue(lang).then(
    () => true,
    () => false,
  );
  applyLang(loaded ? lang : 'sv', { remember: false });
  render(
    <ErrorBoundary>
      <App db={db} faltsam={faltsam} onUpdateReady={onUpdateReady} onUnlocked={startSync} />
    </ErrorBoundary>,
    root,
  );
}

const root = document.getElementById('app');
if (root) void start(root);
