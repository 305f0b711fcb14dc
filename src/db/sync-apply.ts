/**
 * Storing what the server answered. Each function runs in one transaction: a push's results, or a
 * pull page together with its cursor, are stored entirely or not at all, so a sync cut off halfway
 * resumes from a consistent point.
 */
import { ENTITIES, type EntityName } from '../domain/entities';
import type { Mutation, MutationResult, PullResponse } from '../domain/sync-protocol';
import { openOutbox, sealConflicts, sealOutbox, sealRecords } from './codec';
import type { ConflictRow, FaltsamDb, OutboxRow, RecordRow } from './database';
import { getDeviceId, getMeta, setMeta } from './meta';
import { overlayPending } from './records';

/** The oldest pending mutations, in sequence order, as the wire format wants them. */
export async function pendingBatch(
  db: FaltsamDb,
  limit: number,
): Promise<{ deviceId: string; mutations: Mutation[] }> {
  const deviceId = await getDeviceId(db);
  // The outbox's key is the sequence: walk it in order and stop at `limit`, instead of reading
  // and sorting every pending entry (10,000 of them, once per batch, made a large push crawl).
  const rows = await openOutbox(
    db,
    await db.outbox
      .filter((e) => e.state === 'pending')
      .limit(limit)
      .toArray(),
  );
  const mutations = rows.map((r) => ({
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

/** Still-pending edits of the given records, oldest first, by record id. */
async function pendingFor(db: FaltsamDb, recordIds: readonly string[]): Promise<Map<string, OutboxRow[]>> {
  const byRecord = new Map<string, OutboxRow[]>();
  // One index lookup per record: 'anyOf' walks the whole index in some IndexedDB implementations.
  const perRecord = await Promise.all(
    [...new Set(recordIds)].map((id) => db.outbox.where('recordId').equals(id).toArray()),
  );
  const pendingRows = perRecord
    .flat()
    .filter((e) => e.state === 'pending')
    .sort((a, b) => a.seq - b.seq);
  for (const e of await openOutbox(db, pendingRows)) {
    if (e.state === 'pending') byRecord.set(e.recordId, [...(byRecord.get(e.recordId) ?? []), e]);
  }
  return byRecord;
}

/** Server records as stored on the device: parsed, with later local edits laid over them. */
async function storeServerRecords(db: FaltsamDb, records: readonly { entity: EntityName; data: unknown }[]) {
  const latest = new Map<string, RecordRow>();
  for (const { entity, data } of records) {
    const record = ENTITIES[entity].record.parse(data) as Record<string, unknown> & { id: string };
    latest.set(`${entity}:${record.id}`, { entity, id: record.id, data: record });
  }
  const pending = await pendingFor(
    db,
    [...latest.values()].map((r) => r.id),
  );
  const rows = [...latest.values()].map((r) => ({
    ...r,
    data: overlayPending(r.data, pending.get(r.id) ?? []),
  }));
  await db.records.bulkPut(await sealRecords(db, rows));
}

/**
 * Applied mutations leave the outbox and the server's record replaces the local one (with any
 * later local edits laid over it); rejected ones stay, marked, to be shown and never silently lost.
 * Bulk reads and writes per batch: a push of thousands of edits costs a handful of requests.
 */
export async function applyPushResults(
  db: FaltsamDb,
  results: readonly MutationResult[],
  now: Date,
): Promise<void> {
  await db.transaction('rw', [db.records, db.outbox, db.conflicts], async () => {
    const stored = await db.outbox.bulkGet(results.map((r) => r.seq));
    // Only refused entries need their content (to store the error with it).
    const refusedSeqs = new Set(results.filter((r) => r.status === 'rejected').map((r) => r.seq));
    const opened = await openOutbox(
      db,
      stored.filter((e) => e !== undefined && refusedSeqs.has(e.seq)) as NonNullable<
        (typeof stored)[number]
      >[],
    );
    const bySeq = new Map(opened.map((e) => [e.seq, e]));
    const entries = stored.map((e) => (e ? (bySeq.get(e.seq) ?? e) : undefined));
    const done: number[] = [];
    const refused: OutboxRow[] = [];
    const dropped: [EntityName, string][] = [];
    const storedRecords: { entity: EntityName; data: unknown }[] = [];
    const conflicts: ConflictRow[] = [];
    results.forEach((r, i) => {
      const entry = entries[i];
      if (!entry || entry.id !== r.id) return;
      if (r.status === 'rejected') {
        refused.push({ ...(entry as OutboxRow), state: 'rejected', error: r.error });
        return;
      }
      done.push(r.seq);
      // A response the server has is final there; the device keeps no copy of its answers.
      if (ENTITIES[entry.entity].appendOnly) {
        dropped.push([entry.entity, entry.recordId]);
        return;
      }
      storedRecords.push({ entity: entry.entity, data: r.record });
      for (const c of r.conflicts) {
        conflicts.push({
          id: `${entry.recordId}:${c.field}`,
          entity: entry.entity,
          recordId: entry.recordId,
          field: c.field,
          local: c.local,
          server: c.server,
          at: now.toISOString(),
        });
      }
    });
    await db.outbox.bulkDelete(done);
    await db.outbox.bulkPut(await sealOutbox(db, refused));
    await db.records.bulkDelete(dropped);
    await storeServerRecords(db, storedRecords);
    await db.conflicts.bulkPut(await sealConflicts(db, conflicts));
  });
}

/** Stores a pull page and its cursor together, with bulk reads and writes. */
export async function applyPulledPage(db: FaltsamDb, page: PullResponse): Promise<void> {
  await db.transaction('rw', [db.records, db.outbox, db.meta], async () => {
    // Write-once records (responses) are never pulled; one sent anyway is not kept.
    await storeServerRecords(
      db,
      page.changes
        .filter((c) => !ENTITIES[c.entity].appendOnly)
        .map((c) => ({ entity: c.entity, data: c.record })),
    );
    await setMeta(db, 'cursor', page.cursor);
  });
}

export async function getCursor(db: FaltsamDb): Promise<string> {
  return (await getMeta(db, 'cursor')) ?? '0';
}
