/**
 * Storing what the server answered. Each function runs in one transaction: a push's results, or a
 * pull page together with its cursor, are stored entirely or not at all, so a sync cut off halfway
 * resumes from a consistent point.
 */
import { ENTITIES } from '../domain/entities';
import type { Mutation, MutationResult, PullResponse } from '../domain/sync-protocol';
import type { FaltsamDb, OutboxRow, RecordRow } from './database';
import { getDeviceId, getMeta, setMeta } from './meta';
import { outboxFor, overlayPending } from './records';

/** The oldest pending mutations, in sequence order, as the wire format wants them. */
export async function pendingBatch(
  db: FaltsamDb,
  limit: number,
): Promise<{ deviceId: string; mutations: Mutation[] }> {
  const deviceId = await getDeviceId(db);
  const rows = await db.outbox.where('state').equals('pending').sortBy('seq');
  const mutations = rows.slice(0, limit).map((r) => ({
    id: r.id,
    seq: r.seq,
    entity: r.entity,
    recordId: r.recordId,
    baseVersion: r.baseVersion,
    changes: r.changes,
    at: r.at,
  }));
  return { deviceId, mutations };
}

async function storeServerRecord(db: FaltsamDb, entity: OutboxRow['entity'], data: Record<string, unknown>) {
  const record = ENTITIES[entity].record.parse(data) as Record<string, unknown> & { id: string };
  const pending = (await outboxFor(db, record.id)).filter((e) => e.state === 'pending');
  await db.records.put({ entity, id: record.id, data: overlayPending(record, pending) });
}

/**
 * Applied mutations leave the outbox and the server's record replaces the local one (with any
 * later local edits laid over it); rejected ones stay, marked, to be shown and never silently lost.
 */
export async function applyPushResults(
  db: FaltsamDb,
  results: readonly MutationResult[],
  now: Date,
): Promise<void> {
  await db.transaction('rw', [db.records, db.outbox, db.conflicts], async () => {
    for (const r of results) {
      const entry = await db.outbox.get(r.seq);
      if (!entry || entry.id !== r.id) continue;
      if (r.status === 'rejected') {
        await db.outbox.update(r.seq, { state: 'rejected', error: r.error });
        continue;
      }
      await db.outbox.delete(r.seq);
      if (ENTITIES[entry.entity].appendOnly) {
        // A response the server has is final there; the device keeps no copy of its answers.
        await db.records.delete([entry.entity, entry.recordId]);
        continue;
      }
      await storeServerRecord(db, entry.entity, r.record);
      for (const c of r.conflicts) {
        await db.conflicts.put({
          id: `${entry.recordId}:${c.field}`,
          entity: entry.entity,
          recordId: entry.recordId,
          field: c.field,
          local: c.local,
          server: c.server,
          at: now.toISOString(),
        });
      }
    }
  });
}

/**
 * Stores a pull page and its cursor together. One read of the pending outbox and one bulk write
 * per page (not a lookup per record): a first login that pulls thousands of ärenden stays quick.
 */
export async function applyPulledPage(db: FaltsamDb, page: PullResponse): Promise<void> {
  await db.transaction('rw', [db.records, db.outbox, db.meta], async () => {
    const pendingByRecord = new Map<string, OutboxRow[]>();
    for (const e of await db.outbox.where('state').equals('pending').sortBy('seq')) {
      pendingByRecord.set(e.recordId, [...(pendingByRecord.get(e.recordId) ?? []), e]);
    }
    const rows: RecordRow[] = [];
    for (const c of page.changes) {
      // Write-once records (responses) are never pulled; one sent anyway is not kept.
      if (ENTITIES[c.entity].appendOnly) continue;
      const record = ENTITIES[c.entity].record.parse(c.record) as Record<string, unknown> & { id: string };
      rows.push({
        entity: c.entity,
        id: record.id,
        data: overlayPending(record, pendingByRecord.get(record.id) ?? []),
      });
    }
    await db.records.bulkPut(rows);
    await setMeta(db, 'cursor', page.cursor);
  });
}

export async function getCursor(db: FaltsamDb): Promise<string> {
  return (await getMeta(db, 'cursor')) ?? '0';
}
