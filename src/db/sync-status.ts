/** What the sync indicator shows: unsent edits, rejections, conflicts, last sync and last error. */
import type { EntityName } from '../domain/entities';
import type { ErrorBody } from '../domain/sync-protocol';
import type { FaltsamDb } from './database';
import { getMeta, type MetaValues } from './meta';

export interface SyncStatus {
  pending: number;
  rejected: { seq: number; recordId: string; entity: EntityName; error: ErrorBody; at: string }[];
  conflicts: number;
  lastSyncedAt: string | null;
  lastError: MetaValues['lastError'];
}

export async function getSyncStatus(db: FaltsamDb): Promise<SyncStatus> {
  return db.transaction('r', [db.outbox, db.conflicts, db.meta], async () => {
    const rejectedRows = await db.outbox.where('state').equals('rejected').sortBy('seq');
    return {
      pending: await db.outbox.where('state').equals('pending').count(),
      rejected: rejectedRows.map((r) => ({
        seq: r.seq,
        recordId: r.recordId,
        entity: r.entity,
        error: r.error ?? { code: 'okant', message: 'Servern tog inte emot ändringen.' },
        at: r.at,
      })),
      conflicts: await db.conflicts.count(),
      lastSyncedAt: (await getMeta(db, 'lastSyncedAt')) ?? null,
      lastError: (await getMeta(db, 'lastError')) ?? null,
    };
  });
}

export async function recordSyncSuccess(db: FaltsamDb, at: Date): Promise<void> {
  await db.meta.bulkPut([
    { key: 'lastSyncedAt', value: at.toISOString() },
    { key: 'lastError', value: null },
  ]);
}

export async function recordSyncError(
  db: FaltsamDb,
  error: NonNullable<MetaValues['lastError']>,
): Promise<void> {
  await db.meta.put({ key: 'lastError', value: error });
}
