/** What the sync indicator shows: unsent edits, rejections, conflicts, last sync and last error. */
import type { EntityName } from '../domain/entities';
import type { ErrorBody } from '../domain/sync-protocol';
import { openMeta, openOutbox, sealMeta } from './codec';
import type { FaltsamDb } from './database';
import { currentKey } from './keyring';
import { type MetaValues, setMeta } from './meta';

export interface SyncStatus {
  pending: number;
  rejected: { seq: number; recordId: string; entity: EntityName; error: ErrorBody; at: string }[];
  conflicts: number;
  /** Ärenden the server took away that are kept for their unsynced changes (removals.ts). */
  removed: number;
  lastSyncedAt: string | null;
  lastError: MetaValues['lastError'];
}

export async function getSyncStatus(db: FaltsamDb): Promise<SyncStatus> {
  currentKey(db);
  const status = await db.transaction('r', [db.outbox, db.conflicts, db.meta], async () => {
    const rejectedStored = await db.outbox.where('state').equals('rejected').sortBy('seq');
    return {
      pending: await db.outbox.where('state').equals('pending').count(),
      rejectedStored,
      conflicts: await db.conflicts.count(),
      lastSyncedAt: await db.meta.get('lastSyncedAt'),
      lastError: await db.meta.get('lastError'),
      gone: await db.meta.get('gone'),
    };
  });
  // Decrypted after the read transaction.
  const [rejectedRows, lastSyncedAt, lastError, gone] = await Promise.all([
    openOutbox(db, status.rejectedStored),
    openMeta(db, 'lastSyncedAt', status.lastSyncedAt),
    openMeta(db, 'lastError', status.lastError),
    openMeta(db, 'gone', status.gone),
  ]);
  return {
    pending: status.pending,
    rejected: rejectedRows.map((r) => ({
      seq: r.seq,
      recordId: r.recordId,
      entity: r.entity,
      error: r.error ?? { code: 'okant', message: 'Servern tog inte emot ändringen.' },
      at: r.at,
    })),
    conflicts: status.conflicts,
    removed: ((gone as MetaValues['gone'] | undefined) ?? []).filter(([entity]) => entity === 'arende')
      .length,
    lastSyncedAt: (lastSyncedAt as string | undefined) ?? null,
    lastError: (lastError as MetaValues['lastError'] | undefined) ?? null,
  };
}

export async function recordSyncSuccess(db: FaltsamDb, at: Date): Promise<void> {
  const rows = await Promise.all([
    sealMeta(db, 'lastSyncedAt', at.toISOString()),
    sealMeta(db, 'lastError', null),
  ]);
  await db.meta.bulkPut(rows);
}

export async function recordSyncError(
  db: FaltsamDb,
  error: NonNullable<MetaValues['lastError']>,
): Promise<void> {
  await setMeta(db, 'lastError', error);
}
