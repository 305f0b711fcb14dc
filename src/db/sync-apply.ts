/**
 * Storing what the server answered. Each function runs in one transaction: a push's results, or a
 * pull page together with its cursor, are stored entirely or not at all, so a sync cut off halfway
 * resumes from a consistent point.
 */
import { ENTITIES, type EntityName } from '../domain/entities';
import type { Mutation, MutationResult, PullResponse } from '../domain/sync-protocol';
import { openConflicts, openOutbox, sealConflicts, sealOutbox, sealRecords } from './codec';
import type {
  ConflictRow,
  FaltsamDb,
  OutboxRow,
  RecordRow,
  StoredOutboxRow,
  StoredRecordRow,
} from './database';
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
    ...(r.delete ? { delete: true as const } : {}),
  }));
  return { deviceId, mutations };
}

/**
 * The outbox entries (sequence and state, no content) of the given records: taken when a
 * write is prepared and compared again inside its transaction, so a local edit saved in between
 * is never overwritten by a server record prepared without it (the write is then prepared again).
 */
async function outboxShape(db: FaltsamDb, recordIds: readonly string[]): Promise<string> {
  // One index lookup per record: 'anyOf' walks the whole index in some IndexedDB implementations.
  const perRecord = await Promise.all(
    [...new Set(recordIds)].sort().map((id) => db.outbox.where('recordId').equals(id).toArray()),
  );
  return perRecord.map((rows) => rows.map((r) => `${r.seq}:${r.state}`).join(',')).join('|');
}

/** Still-pending edits of the given records (decrypted), oldest first, by record id. */
async function pendingFor(
  db: FaltsamDb,
  recordIds: readonly string[],
  leaving: ReadonlySet<number>,
): Promise<Map<string, OutboxRow[]>> {
  const byRecord = new Map<string, OutboxRow[]>();
  const perRecord = await Promise.all(
    [...new Set(recordIds)].map((id) => db.outbox.where('recordId').equals(id).toArray()),
  );
  const pendingRows = perRecord
    .flat()
    .filter((e) => e.state === 'pending' && !leaving.has(e.seq))
    .sort((a, b) => a.seq - b.seq);
  for (const e of await openOutbox(db, pendingRows)) {
    byRecord.set(e.recordId, [...(byRecord.get(e.recordId) ?? []), e]);
  }
  return byRecord;
}

/** Server records as they will be stored: parsed, later local edits laid over them, encrypted. */
async function prepareServerRecords(
  db: FaltsamDb,
  records: readonly { entity: EntityName; data: unknown }[],
  leaving: ReadonlySet<number> = new Set(),
): Promise<StoredRecordRow[]> {
  const latest = new Map<string, RecordRow>();
  for (const { entity, data } of records) {
    const record = ENTITIES[entity].record.parse(data) as Record<string, unknown> & { id: string };
    latest.set(`${entity}:${record.id}`, { entity, id: record.id, data: record });
  }
  const pending = await pendingFor(
    db,
    [...latest.values()].map((r) => r.id),
    leaving,
  );
  // A record this device has deleted (the deletion not yet sent) is not brought back.
  const rows = [...latest.values()]
    .filter((r) => !pending.get(r.id)?.some((e) => e.delete))
    .map((r) => ({ ...r, data: overlayPending(r.data, pending.get(r.id) ?? []) }));
  return sealRecords(db, rows);
}

/**
 * Encrypts outside the transaction, then stores inside it if the outbox of the records involved
 * is still as it was; otherwise prepares again (a local save came in between).
 */
async function prepareAndStore(
  db: FaltsamDb,
  recordIds: () => Promise<readonly string[]>,
  prepare: () => Promise<(() => Promise<void>) | null>,
): Promise<void> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const ids = await recordIds();
    const shape = await outboxShape(db, ids);
    const store = await prepare();
    if (!store) return;
    const done = await db.transaction('rw', [db.records, db.outbox, db.conflicts, db.meta], async () => {
      if ((await outboxShape(db, ids)) !== shape) return false;
      await store();
      return true;
    });
    if (done) return;
  }
  throw new Error('The outbox kept changing while sync results were stored.');
}

/**
 * Applied mutations leave the outbox; rejected ones stay, marked, to be shown and never silently
 * lost. The answers hold no record content (domain/sync-protocol.ts): the record on the device
 * keeps what this device wrote until the pull that follows every push brings the server's record
 * (merged with other devices' edits, the server's value where a field conflicted). A conflict is
 * stored now with this device's value from the outbox entry; the server's value is filled in by
 * that pull (applyPulledPage). Bulk reads and writes per batch.
 */
export async function applyPushResults(
  db: FaltsamDb,
  results: readonly MutationResult[],
  now: Date,
): Promise<void> {
  const seqs = results.map((r) => r.seq);
  await prepareAndStore(
    db,
    async () =>
      (await db.outbox.bulkGet(seqs))
        .flatMap((e) => (e ? [e.recordId] : []))
        .concat(results.map((r) => r.recordId)),
    async () => {
      const stored = await db.outbox.bulkGet(seqs);
      // Only refused entries and those with conflicts need their content (the error is stored
      // with a refused one; a conflict takes this device's value from it).
      const needed = new Set(
        results.filter((r) => r.status === 'rejected' || r.conflicts.length > 0).map((r) => r.seq),
      );
      const opened = await openOutbox(
        db,
        stored.filter((e): e is StoredOutboxRow => e !== undefined && needed.has(e.seq)),
      );
      const bySeq = new Map(opened.map((e) => [e.seq, e]));
      const done: number[] = [];
      const refused: OutboxRow[] = [];
      const dropped: [EntityName, string][] = [];
      const conflicts: ConflictRow[] = [];
      results.forEach((r, i) => {
        const entry = stored[i];
        if (!entry || entry.id !== r.id) return;
        const full = bySeq.get(entry.seq);
        if (r.status === 'rejected') {
          if (full) refused.push({ ...full, state: 'rejected', error: r.error });
          return;
        }
        done.push(r.seq);
        // A response the server has is final there; the device keeps no copy of its answers. A
        // deleted record is gone on the server too.
        if (ENTITIES[entry.entity].appendOnly || entry.delete) {
          dropped.push([entry.entity, entry.recordId]);
          return;
        }
        for (const { field } of r.conflicts) {
          conflicts.push({
            id: `${entry.recordId}:${field}`,
            entity: entry.entity,
            recordId: entry.recordId,
            field,
            local: full?.changes[field],
            server: undefined,
            serverPending: true,
            at: now.toISOString(),
          });
        }
      });
      const [refusedRows, conflictRows] = await Promise.all([
        sealOutbox(db, refused),
        sealConflicts(db, conflicts),
      ]);
      return async () => {
        await db.outbox.bulkDelete(done);
        await db.outbox.bulkPut(refusedRows);
        await db.records.bulkDelete(dropped);
        await db.conflicts.bulkPut(conflictRows);
      };
    },
  );
}

/**
 * The conflicts of the pulled records with the server's value set to the pulled one (a value the
 * server kept, or changed again since). Resolved in between: skipped when stored (see below).
 */
async function conflictsWithServerValues(
  db: FaltsamDb,
  records: ReadonlyMap<string, Record<string, unknown>>,
): Promise<ConflictRow[]> {
  // Most pulls meet no conflict at all: one count instead of a lookup per pulled record.
  if ((await db.conflicts.count()) === 0) return [];
  const perRecord = await Promise.all(
    [...records.keys()].map((id) => db.conflicts.where('recordId').equals(id).toArray()),
  );
  const rows = await openConflicts(db, perRecord.flat());
  return rows.map((c) => {
    const { serverPending: _pending, ...known } = c;
    return { ...known, server: records.get(c.recordId)?.[c.field] ?? null };
  });
}

/** Stores a pull page and its cursor together, with bulk reads and writes. */
export async function applyPulledPage(db: FaltsamDb, page: PullResponse): Promise<void> {
  // Write-once records (responses) are never pulled; one sent anyway is not kept.
  const changes = page.changes.filter((c) => !ENTITIES[c.entity].appendOnly);
  const ids = changes.map((c) => String((c.record as { id?: unknown }).id));
  await prepareAndStore(
    db,
    async () => ids,
    async () => {
      const rows = await prepareServerRecords(
        db,
        changes.map((c) => ({ entity: c.entity, data: c.record })),
      );
      const byId = new Map(changes.map((c) => [String(c.record.id), c.record]));
      const conflictRows = await sealConflicts(db, await conflictsWithServerValues(db, byId));
      return async () => {
        await db.records.bulkPut(rows);
        // Only conflicts still there: one the user resolved meanwhile stays resolved.
        const still = await db.conflicts.bulkGet(conflictRows.map((c) => c.id));
        await db.conflicts.bulkPut(conflictRows.filter((_, i) => still[i] !== undefined));
        await setMeta(db, 'cursor', page.cursor);
      };
    },
  );
}

export async function getCursor(db: FaltsamDb): Promise<string> {
  return (await getMeta(db, 'cursor')) ?? '0';
}
