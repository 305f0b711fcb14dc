/**
 * Entry point: opens the device database, starts sync triggers and mounts the app into #app.
 * Nothing here needs the network; a first sync simply fails quietly until it is back.
 */
import { render } from 'preact';
import { openFaltsamDb } from '../db/database';
import { createFaltsam } from '../sync/client';
import { browserTriggerEnv } from '../sync/triggers';
import { App } from './App';
import { registerServiceWorker } from './pwa/register-sw';
import './styles.css';

const db = openFaltsamDb();
const faltsam = createFaltsam({
  db,
  // Unbound, window.fetch throws "Illegal invocation" in some browsers.
  fetch: window.fetch.bind(window),
  ...(navigator.locks ? { locks: navigator.locks } : {}),
});
faltsam.start(browserTriggerEnv(window));

const root = document.getElementById('app');
if (root) render(<App db={db} faltsam={faltsam} onUpdateReady={registerServiceWorker} />, root);
