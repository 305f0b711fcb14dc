/**
 * Background Sync from the service worker. The worker never holds the data key, so its database is
 * locked and the runner returns without reading or sending anything (runner.ts); the outbox is
 * left whole for the page. Kept so that a future key hand-over to the worker has one place to go.
 */
import { openFaltsamDb } from '../db/database';
import { createSyncEngine } from './engine';
import { createSyncRunner } from './runner';

export async function syncInWorker(): Promise<void> {
  const db = openFaltsamDb();
  try {
    const { syncNow } = createSyncRunner({
      db,
      fetch: (input, init) => globalThis.fetch(input, init),
      locks: (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks,
      engine: createSyncEngine,
    });
    const outcome = await syncNow();
    // Throwing tells the browser to retry the Background Sync later.
    if (outcome && !outcome.ok && outcome.retry) throw new Error(outcome.message);
  } finally {
    db.close();
  }
}
