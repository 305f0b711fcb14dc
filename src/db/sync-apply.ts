/**
 * Storing what the server answered. Each function runs in one transaction: a push's results, or a
 * pull page together with its cursor, are stored entirely or not at all, so a sync cut off halfway
 * resumes from a consistent point.
 */
import { ENTITIES } from '../domain/entities';
import type { Mutation, MutationResult, PullResponse } from '../domain/sync-protocol';
import type { FaltsamDb, OutboxRow } from './database';
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

/** Stores a pull page and its cursor together. */
export async function applyPulledPage(db: FaltsamDb, page: PullResponse): Promise<void> {
  await db.transaction('rw', [db.records, db.outbox, db.meta], async () => {
    for (const c of page.changes) await storeServerRecord(db, c.entity, c.record);
    await setMeta(db, 'cursor', page.cursor);
  });
}

export async function getCursor(db: FaltsamDb): Promise<string> {
  return (await getMeta(db, 'cursor')) ?? '0';
}
