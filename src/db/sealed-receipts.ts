/**
 * The service worker's receipts for sealed boxes, applied by the page at the next unlock exactly as
 * it applies its own push answers (sync-apply.ts): done entries leave the outbox, refused ones are
 * marked, conflicts are stored and filled in by the pull that follows.
 */
import type { FaltsamDb } from './database';
import { isUnlocked } from './keyring';
import { deleteReceipts, readReceipts, swStoreName } from './sw-store';
import { applyPushResults } from './sync-apply';

/**
 * Applies the receipts the service worker stored (the same answers a push gets) and drops them.
 * Run in the sync lock before the page pushes: otherwise the page could send entries the worker
 * already had answered.
 */
export async function applyReceipts(db: FaltsamDb, now: Date): Promise<number> {
  if (!isUnlocked(db)) return 0;
  const name = swStoreName(db.name);
  const receipts = (await readReceipts(name)).sort((a, b) => a.seq - b.seq);
  if (receipts.length === 0) return 0;
  await applyPushResults(db, receipts, now);
  await deleteReceipts(
    name,
    receipts.map((r) => r.seq),
  );
  return receipts.length;
}
