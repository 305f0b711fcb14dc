/** The page's side of the service worker's report (worker-report.ts): shown in the sync status. */
import type { FaltsamDb } from '../db/database';
import { isUnlocked } from '../db/keyring';
import { getMeta } from '../db/meta';
import { recordSyncError } from '../db/sync-status';
import { DeadlineError } from './errors';
import type { WorkerReport } from './worker-report';

/**
 * Shows the worker's failure in the page's sync status, unless the store is locked (nothing can be
 * written, and no status is shown) or a round has succeeded since (then the report is stale).
 */
export async function recordWorkerReport(db: FaltsamDb, report: WorkerReport): Promise<boolean> {
  if (!isUnlocked(db)) return false;
  const lastSynced = await getMeta(db, 'lastSyncedAt');
  if (lastSynced !== undefined && Date.parse(lastSynced) >= Date.parse(report.at)) return false;
  await recordSyncError(db, {
    kind: 'timeout',
    message: new DeadlineError(report.ms).message,
    at: report.at,
  });
  return true;
}
