/** Background Sync from the service worker: one round with the device's stored session. */
import { openFaltsamDb } from '../db/database';
import { createFaltsam } from './client';

export async function syncInWorker(): Promise<void> {
  const db = openFaltsamDb();
  try {
    const faltsam = createFaltsam({
      db,
      fetch: (input, init) => globalThis.fetch(input, init),
      locks: (globalThis.navigator as Navigator | undefined)?.locks,
    });
    const outcome = await faltsam.syncNow();
    // Throwing tells the browser to retry the Background Sync later.
    if (outcome && !outcome.ok && outcome.retry) throw new Error(outcome.message);
  } finally {
    db.close();
  }
}
