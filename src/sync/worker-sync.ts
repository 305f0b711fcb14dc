/**
 * Background Sync from the service worker. The worker never holds the data key, so it cannot read
 * the outbox; it sends the sealed copies the page made of it (sealed-sender.ts) and leaves the
 * receipts for the page to apply at the next unlock. No Dexie, no zod: sw.js stays small.
 */
import { DEFAULT_DB_NAME } from '../db/db-name';
import { swStoreName } from '../db/sw-store';
import { type SendOutcome, sendSealedOutbox } from './sealed-sender';
import { deadlineReport, type WorkerReport } from './worker-report';

/** `report` tells the open pages when a push got no answer in time (sw.ts posts it to them). */
export async function syncInWorker(report?: (r: WorkerReport) => void): Promise<SendOutcome> {
  const outcome = await sendSealedOutbox({
    onDeadline: (ms) => report?.(deadlineReport(ms, new Date())),
    store: swStoreName(DEFAULT_DB_NAME),
    fetch: (input, init) => globalThis.fetch(input, init),
    locks: (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks,
  });
  // Throwing tells the browser to retry the Background Sync later.
  if (outcome === 'retry') throw new Error('Sealed outbox not sent: no network or the server is busy.');
  return outcome;
}
