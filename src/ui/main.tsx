/**
 * Entry point: opens the device database, starts sync triggers and mounts the app into #app.
 * Nothing here needs the network; a first sync simply fails quietly until it is back.
 */
import { render } from 'preact';
import { openFaltsamDb } from '../db/database';
import { createFaltsam } from '../sync/client';
import { browserTriggerEnv } from '../sync/triggers';
import { App } from './App';
import './styles.css';

const db = openFaltsamDb();
const faltsam = createFaltsam({
  db,
  // Unbound, window.fetch throws "Illegal invocation" in some browsers.
  fetch: window.fetch.bind(window),
  ...(navigator.locks ? { locks: navigator.locks } : {}),
});
faltsam.start(browserTriggerEnv(window));

/**
 * The service worker's page side (with workbox-window) loads with import() when App first asks for
 * it, i.e. after the first render, so it is not part of the code the first screen waits for.
 */
function registerServiceWorkerLater(onUpdateReady: (applyUpdate: () => void) => void): void {
  import('./pwa/register-sw').then(
    ({ registerServiceWorker }) => registerServiceWorker(onUpdateReady),
    (error: unknown) => console.warn('Service worker registration failed', error),
  );
}

const root = document.getElementById('app');
if (root) render(<App db={db} faltsam={faltsam} onUpdateReady={registerServiceWorkerLater} />, root);
