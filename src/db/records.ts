/**
 * Generic record writes. Every local edit stores the record and its outbox entry in one strict
 * transaction, so an edit is either saved and queued for sync, or not saved at all. Works offline.
 */
import Dexie from 'dexie';
import { type EntityName, isAppendOnly } from '../domain/entity-names';
import { sameValue } from '../domain/merge';
import { openOutbox, openRecords, sealOutbox, sealRecords } from './codec';
import type { FaltsamDb, OutboxRow, StoredOutboxRow, StoredRecordRow } from './database';
import { currentKey, holdingKey } from './keyring';
import { getMeta, setMeta } from './meta';
import { sealAfterWrite } from './sealed-outbox';

/** Reads one record's data, or undefined. Locked: LockedError. */
export async function readRecord(
  db: FaltsamDb,
  entity: EntityName,
  id: string,
): Promise<Record<string, unknown> | undefined> {
  currentKey(db);
  const row = await db.records.get([entity, id]);
  return row ? (await openRecords(db, [row]))[0] : undefined;
}

/** The stored (encrypted) rows of an entity; decrypt with openRecords, outside a transaction if you can. */
export function readAllStored(db: FaltsamDb, entity: EntityName): Promise<StoredRecordRow[]> {
  // A range of the primary key [entity+id]: one ordered read, no lookups through a second index.
  return db.records.where('[entity+id]').between([entity, Dexie.minKey], [entity, Dexie.maxKey]).toArray();
}

export { readAllDecrypting } from './decrypted-cache';

/** Reads every record of an entity. Locked: LockedError. */
export async function readAll(db: FaltsamDb, entity: EntityName): Promise<Record<string, unknown>[]> {
  currentKey(db);
  return openRecords(db, await readAllStored(db, entity));
}

/** Every outbox entry (decrypted), in sequence order. */
export async function readOutbox(db: FaltsamDb): Promise<OutboxRow[]> {
  currentKey(db);
  return openOutbox(db, await db.outbox.toArray());
}

/** The fields of `next` whose values differ from `prev`. */
export function changedFields(
  prev: Record<string, unknown>,
  next: Record<string, unknown>,
  fields: readonly string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) if (!sameValue(prev[f], next[f])) out[f] = next[f];
  return out;
}

export interface LocalWrite {
  entity: EntityName;
  record: Record<string, unknown> & { id: string };
  baseVersion: number | null;
  changes: Record<string, unknown>;
  at: string;
}

/** Allocates the next per-device sequence number; call inside a transaction that includes meta. */
async function nextSeq(db: FaltsamDb): Promise<number> {
  const seq = (await getMeta(db, 'nextSeq')) ?? 1;
  await setMeta(db, 'nextSeq', seq + 1);
  return seq;
}

/** A write with its record and outbox entry already encrypted: storing it needs no WebCrypto. */
export interface PreparedWrite {
  write: LocalWrite;
  row: StoredRecordRow;
  draft: OutboxRow;
  entry: StoredOutboxRow;
}

/** Encrypts a write's record and outbox entry; do this before opening the transaction. */
export async function prepareWrite(db: FaltsamDb, w: LocalWrite): Promise<PreparedWrite> {
  const draft: OutboxRow = {
    seq: 0,
    id: crypto.randomUUID(),
    entity: w.entity,
    recordId: w.record.id,
    baseVersion: w.baseVersion,
    changes: w.changes,
    at: w.at,
    state: 'pending',
  };
  const [[row], [entry]] = await Promise.all([
    sealRecords(db, [{ entity: w.entity, id: w.record.id, data: w.record }]),
    sealOutbox(db, [draft]),
  ]);
  return { write: w, row: row as StoredRecordRow, draft, entry: entry as StoredOutboxRow };
}

/**
 * Stores a prepared write inside the caller's transaction (records, outbox and meta). Only when
 * the record has rejected edits is anything decrypted here (to fold their fields in), through
 * Dexie.waitFor so the transaction stays open.
 */
export async function commitPrepared(db: FaltsamDb, p: PreparedWrite): Promise<void> {
  const w = p.write;
  await db.records.put(p.row);
  const stored = await db.outbox.where('recordId').equals(w.record.id).toArray();
  const rejectedRows = stored.filter((e) => e.state === 'rejected').sort((a, b) => a.seq - b.seq);
  let entry = p.entry;
  if (rejectedRows.length > 0) {
    const rejected = await openOutbox(db, rejectedRows);
    let changes = w.changes;
    let baseVersion = w.baseVersion;
    for (const r of rejected) {
      for (const f of Object.keys(r.changes)) if (!(f in changes)) changes = { ...changes, [f]: w.record[f] };
      if (r.baseVersion === null) baseVersion = null;
    }
    await db.outbox.bulkDelete(rejected.map((r) => r.seq));
    [entry] = (await sealOutbox(db, [{ ...p.draft, baseVersion, changes }])) as [StoredOutboxRow];
  }
  // The sequence is not part of the sealed entry, so it is allocated here, in the transaction.
  await db.outbox.add({ ...entry, seq: await nextSeq(db) });
}

/**
 * Stores the record and queues its mutation, atomically. Offline: always works while disk allows.
 * A new edit supersedes the record's rejected edits: their fields are sent again with the record's
 * current values (a rejected create stays a create), so a correction never loses the earlier input.
 * Encrypted before the transaction opens.
 */
export function writeWithOutbox(db: FaltsamDb, w: LocalWrite): Promise<void> {
  return holdingKey(db, async () => {
    const prepared = await prepareWrite(db, w);
    await db.transaction('rw', [db.records, db.outbox, db.meta], async () => {
      await commitPrepared(db, prepared);
    });
    await sealAfterWrite(db);
  });
}

/** Stores several writes and their outbox entries in one transaction, in order, all or none. */
export function writeAllWithOutbox(db: FaltsamDb, writes: readonly LocalWrite[]): Promise<void> {
  return holdingKey(db, async () => {
    const prepared = await Promise.all(writes.map((w) => prepareWrite(db, w)));
    await db.transaction('rw', [db.records, db.outbox, db.meta], async () => {
      for (const p of prepared) await commitPrepared(db, p);
    });
    await sealAfterWrite(db);
  });
}

/**
 * Deletes a record on the device and queues its deletion for the server, atomically (records the
 * registry marks deletable only; the server refuses others). Its conflicts and refused edits go
 * with it. Edits still queued for it stay queued: the outbox sequence has no gaps, and the server applies them before
 * the deletion. Offline: works. Encrypted before the transaction opens.
 */
export function deleteWithOutbox(
  db: FaltsamDb,
  entity: EntityName,
  id: string,
  at: string = new Date().toISOString(),
): Promise<void> {
  return holdingKey(db, async () => {
    const current = await readRecord(db, entity, id);
    if (!current) return;
    const [entry] = (await sealOutbox(db, [
      {
        seq: 0,
        id: crypto.randomUUID(),
        entity,
        recordId: id,
        baseVersion: Number(current.version ?? 0),
        changes: {},
        at,
        state: 'pending',
        delete: true,
      },
    ])) as [StoredOutboxRow];
    await db.transaction('rw', [db.records, db.outbox, db.conflicts, db.meta], async () => {
      await db.records.delete([entity, id]);
      await db.conflicts.where('recordId').equals(id).delete();
      // Refused edits of it are moot now (the server has counted them, so no gap is left).
      await db.outbox
        .where('recordId')
        .equals(id)
        .filter((e) => e.state === 'rejected')
        .delete();
      await db.outbox.add({ ...entry, seq: await nextSeq(db) });
    });
  });
}

/**
 * Drops a rejected edit the user gives up on. A record the server never accepted is removed from
 * the device with it; otherwise the next pull brings the server's values back.
 */
export async function discardRejected(db: FaltsamDb, seq: number): Promise<void> {
  const first = await db.outbox.get(seq);
  if (first?.state !== 'rejected') return;
  // Decrypted before the transaction; the transaction re-checks that the entry is still there.
  const data = await readRecord(db, first.entity, first.recordId);
  await db.transaction('rw', [db.records, db.outbox, db.meta], async () => {
    const entry = await db.outbox.get(seq);
    if (entry?.state !== 'rejected') return;
    await db.outbox.delete(seq);
    // A refused response is dropped whole: the server never had it and never will.
    if (
      isAppendOnly(entry.entity) ||
      (data && data.version === 0 && (await db.outbox.where('recordId').equals(entry.recordId).count()) === 0)
    ) {
      await db.records.delete([entry.entity, entry.recordId]);
    } else {
      // Pull everything again from the start so the server's values replace the refused ones.
      await setMeta(db, 'cursor', '0');
      await setMeta(db, 'startingOver', true);
    }
  });
}

/** Outbox entries of one record (decrypted), oldest first. */
export async function outboxFor(db: FaltsamDb, recordId: string): Promise<OutboxRow[]> {
  const rows = await db.outbox.where('recordId').equals(recordId).toArray();
  return openOutbox(
    db,
    rows.sort((a, b) => a.seq - b.seq),
  );
}

/** Applies the changes of still-pending edits on top of a server record, so local work stays visible. */
export function overlayPending(
  record: Record<string, unknown>,
  pending: readonly OutboxRow[],
): Record<string, unknown> {
  let out = record;
  for (const p of pending) if (p.state === 'pending') out = { ...out, ...p.changes };
  return out;
}
