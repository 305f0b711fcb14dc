/**
 * Storing what the server answered. Each function runs in one transaction: a push's results, or a
 * pull page together with its cursor, are stored entirely or not at all, so a sync cut off halfway
 * resumes from a consistent point.
 */
import { ENTITIES, type EntityName } from '../domain/entities';
import { type Mutation, type MutationResult, PUSH_BATCH_CHARS } from '../domain/sync-protocol';
import {
  ivKey,
  openConflicts,
  openOutbox,
  openRecords,
  sealConflicts,
  sealOutbox,
  sealRecords,
} from './codec';
import type {
  ConflictRow,
  FaltsamDb,
  OutboxRow,
  RecordRow,
  StoredOutboxRow,
  StoredRecordRow,
} from './database';
import { rememberData } from './decrypted-cache';
import { getDeviceId } from './meta';
import { overlayPending } from './records';

/**
 * The oldest pending mutations, in sequence order, as the wire format wants them; with `after`,
 * those after that sequence (the batch that follows one still on its way); at most `limit`, and
 * no more than `maxChars` of JSON (PUSH_BATCH_CHARS), one at least.
 */
export async function pendingBatch(
  db: FaltsamDb,
  limit: number,
  after?: number,
  maxChars = PUSH_BATCH_CHARS,
): Promise<{ deviceId: string; mutations: Mutation[] }> {
  const deviceId = await getDeviceId(db);
  // An index keeps entries with the same state in primary-key order, i.e. by sequence: one ranged
  // read of the oldest `limit` pending entries. (A filtered walk of the table costs a cursor step,
  // an IndexedDB round trip, per entry; reading and sorting every pending entry made a large
  // push crawl.) After a sequence: one ranged read by sequence, refused entries left out (a batch
  // that comes out short is still in order).
  const stored =
    after === undefined
      ? await db.outbox.where('state').equals('pending').limit(limit).toArray()
      : (await db.outbox.where('seq').above(after).limit(limit).toArray()).filter(
          (r) => r.state === 'pending',
        );
  const rows = await openOutbox(db, stored);
  const mutations: Mutation[] = [];
  let chars = 0;
  for (const r of rows) {
    const m: Mutation = {
      id: r.id,
      seq: r.seq,
      entity: r.entity,
      recordId: r.recordId,
      baseVersion: r.baseVersion,
      changes: r.changes,
      at: r.at,
      ...(r.delete ? { delete: true as const } : {}),
    };
    chars += JSON.stringify(m).length;
    if (mutations.length > 0 && chars > maxChars) break;
    mutations.push(m);
  }
  return { deviceId, mutations };
}

/**
 * A version of the whole outbox (no content): taken when a write is prepared and compared again
 * inside its transaction, so a local edit saved in between is never overwritten by a server record
 * prepared without it (the write is then prepared again). Every local save takes the next sequence
 * (meta nextSeq), every entry that leaves changes the count, every refusal the rejected count; three
 * index reads, whatever the page size (it was two lookups per record, twice per page).
 */
async function outboxVersion(db: FaltsamDb): Promise<string> {
  const [next, all, rejected] = await Promise.all([
    db.meta.get('nextSeq'),
    db.outbox.count(),
    db.outbox.where('state').equals('rejected').count(),
  ]);
  return `${String(next?.value ?? 1)}:${all}:${rejected}`;
}

/** Still-pending edits of the given records (decrypted), oldest first, by record id. */
async function pendingFor(
  db: FaltsamDb,
  recordIds: readonly string[],
  leaving: ReadonlySet<number>,
): Promise<Map<string, OutboxRow[]>> {
  const byRecord = new Map<string, OutboxRow[]>();
  // A device that has nothing unsent (a first sync, most pulls) looks nothing up.
  if (recordIds.length === 0 || (await db.outbox.count()) === 0) return byRecord;
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

/** Server records parsed with their kind's schema; the last of a record's copies counts. */
function parseServerRecords(records: readonly { entity: EntityName; data: unknown }[]): RecordRow[] {
  const latest = new Map<string, RecordRow>();
  for (const { entity, data } of records) {
    const record = ENTITIES[entity].record.parse(data) as Record<string, unknown> & { id: string };
    latest.set(`${entity}:${record.id}`, { entity, id: record.id, data: record });
  }
  return [...latest.values()];
}

/** Rows encrypted as stored; the list reads them next (a first sync: thousands) without decrypting. */
async function sealRemembered(db: FaltsamDb, rows: readonly RecordRow[]): Promise<StoredRecordRow[]> {
  const sealed = await sealRecords(db, rows);
  sealed.forEach((row, i) => {
    rememberData(db, row, (rows[i] as RecordRow).data);
  });
  return sealed;
}

/**
 * Server records parsed and encrypted as they are, without reading the database: what
 * prepareServerRecords makes of them when none has a pending edit. A pull prepares a page with it
 * while the page before is still being stored, and passes the result as `sealed` to
 * prepareServerRecords when the page is stored.
 */
export function sealServerRecords(
  db: FaltsamDb,
  records: readonly { entity: EntityName; data: unknown }[],
): Promise<StoredRecordRow[]> {
  return sealRemembered(db, parseServerRecords(records));
}

/**
 * Server records as they will be stored: parsed, later local edits laid over them, encrypted.
 * `sealed`: the same records from sealServerRecords, used when none of them has a pending edit now.
 */
export async function prepareServerRecords(
  db: FaltsamDb,
  records: readonly { entity: EntityName; data: unknown }[],
  leaving: ReadonlySet<number> = new Set(),
  sealed?: StoredRecordRow[],
): Promise<StoredRecordRow[]> {
  const parsed = sealed ? null : parseServerRecords(records);
  const ids = parsed ? parsed.map((r) => r.id) : records.map((r) => String((r.data as { id?: unknown }).id));
  const pending = await pendingFor(db, ids, leaving);
  if (sealed && pending.size === 0) return sealed;
  // A record this device has deleted (the deletion not yet sent) is not brought back.
  const rows = (parsed ?? parseServerRecords(records))
    .filter((r) => !pending.get(r.id)?.some((e) => e.delete))
    .map((r) => ({ ...r, data: overlayPending(r.data, pending.get(r.id) ?? []) }));
  return sealRemembered(db, rows);
}

/**
 * Encrypts outside the transaction, then stores inside it if the outbox is still as it was;
 * otherwise prepares again (a local save came in between).
 */
export async function prepareAndStore(
  db: FaltsamDb,
  prepare: () => Promise<(() => Promise<void>) | null>,
): Promise<void> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const version = await outboxVersion(db);
    const store = await prepare();
    if (!store) return;
    const done = await db.transaction('rw', [db.records, db.outbox, db.conflicts, db.meta], async () => {
      if ((await outboxVersion(db)) !== version) return false;
      await store();
      return true;
    });
    if (done) return;
  }
  throw new Error('The outbox kept changing while sync results were stored.');
}

/** The versions the server answered for a record's applied writes without conflict, in order. */
interface Held {
  entity: EntityName;
  versions: number[];
}

/**
 * Rows of `held` records still sealed with their version inside (written before database version
 * 2), sealed again with it on the row, by id; sealed before the storing transaction opens.
 */
async function movedOutVersions(db: FaltsamDb, held: ReadonlyMap<string, Held>): Promise<Map<string, Moved>> {
  const keys = [...held].map(([id, h]): [EntityName, string] => [h.entity, id]);
  const old = (await db.records.bulkGet(keys)).filter(
    (r): r is StoredRecordRow => r !== undefined && r.version === undefined,
  );
  if (old.length === 0) return new Map();
  const data = await openRecords(db, old);
  const sealed = await sealRecords(
    db,
    old.map((r, i) => ({ entity: r.entity, id: r.id, data: data[i] as Record<string, unknown> })),
  );
  sealed.forEach((row, i) => {
    rememberData(db, row, data[i] as Record<string, unknown>);
  });
  return new Map(sealed.map((row, i) => [row.id, { from: old[i] as StoredRecordRow, row }]));
}

interface Moved {
  /** The row it was made from: used only while the row is still that one. */
  from: StoredRecordRow;
  row: StoredRecordRow;
}

const sameWrite = (a: StoredRecordRow, b: StoredRecordRow) =>
  a.enc !== undefined && b.enc !== undefined && ivKey(a.enc.iv) === ivKey(b.enc.iv);

/**
 * The records whose writes the server applied as the next versions of the one the device holds,
 * without conflict, get the newest of them. The device already holds their content (nobody else's
 * write came between), and the server does not send it back (services/pull.ts): the version is all
 * it lacks, and it is kept in the clear on the row (codec.ts), so nothing is opened or sealed
 * (except rows from before that, see movedOutVersions). Where another device's write came between
 * (a version skipped), the record is left to the pull, which brings it. Runs inside the storing
 * transaction, on the rows as they are there.
 */
async function setServerVersions(
  db: FaltsamDb,
  held: ReadonlyMap<string, Held>,
  moved: ReadonlyMap<string, Moved>,
): Promise<void> {
  if (held.size === 0) return;
  const keys = [...held].map(([id, h]): [EntityName, string] => [h.entity, id]);
  const next: StoredRecordRow[] = [];
  for (const stored of await db.records.bulkGet(keys)) {
    const h = stored && held.get(stored.id);
    if (!stored || !h) continue;
    let row = stored;
    if (row.version === undefined) {
      const m = moved.get(row.id);
      if (!m || !sameWrite(m.from, row)) continue; // rewritten meanwhile: the pull brings it
      row = row.gone ? { ...m.row, gone: true } : m.row;
    }
    if (row.version === undefined) continue; // no version at all: left to the pull
    const version = nextVersion(row.version, h.versions);
    if (version !== row.version || row !== stored) next.push({ ...row, version });
  }
  await db.records.bulkPut(next);
}

/** The newest of `versions` that follow on from `from` one by one (a skipped one stops the chain). */
function nextVersion(from: number, versions: readonly number[]): number {
  let version = from;
  for (const v of versions) if (v === version + 1) version = v;
  return version;
}

/**
 * Applied mutations leave the outbox; rejected ones stay, marked, to be shown and never silently
 * lost. The answers hold no record content (domain/sync-protocol.ts). A write applied on the
 * version it was based on, without conflict, is the server's record as the device holds it: the
 * device takes the new version and the server does not send the record back. Any other applied
 * write (merged with another device's, a conflict) comes with the pull that follows every push;
 * a conflict is stored now with this device's value from the outbox entry, and the server's value
 * is filled in by that pull (pull-apply.ts). Bulk reads and writes per batch.
 */
export async function applyPushResults(
  db: FaltsamDb,
  results: readonly MutationResult[],
  now: Date,
): Promise<void> {
  const seqs = results.map((r) => r.seq);
  await prepareAndStore(db, async () => {
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
    const sorted = sortResults(
      results,
      (r, i) => {
        const entry = stored[i];
        return entry?.id === r.id ? { entry, full: bySeq.get(entry.seq) } : undefined;
      },
      now,
    );
    const [refusedRows, conflictRows, moved] = await Promise.all([
      sealOutbox(db, sorted.refused),
      sealConflicts(db, sorted.conflicts),
      movedOutVersions(db, sorted.held),
    ]);
    return async () => {
      await db.outbox.bulkDelete(sorted.done);
      await db.outbox.bulkPut(refusedRows);
      await db.records.bulkDelete(sorted.dropped);
      await setServerVersions(db, sorted.held, moved);
      await db.conflicts.bulkPut(conflictRows);
    };
  });
}

/** What each answer does on the device (see applyPushResults). */
function sortResults(
  results: readonly MutationResult[],
  entryOf: (
    r: MutationResult,
    i: number,
  ) => { entry: StoredOutboxRow; full: OutboxRow | undefined } | undefined,
  now: Date,
) {
  const done: number[] = [];
  const refused: OutboxRow[] = [];
  const dropped: [EntityName, string][] = [];
  const conflicts: ConflictRow[] = [];
  const held = new Map<string, Held>();
  results.forEach((r, i) => {
    const found = entryOf(r, i);
    if (!found) return;
    const { entry, full } = found;
    if (r.status === 'rejected') {
      if (full) refused.push({ ...full, state: 'rejected', error: r.error });
      return;
    }
    done.push(r.seq);
    // A response the server has is final there; the device keeps no copy of its answers. A
    // deleted record is gone on the server too.
    if (ENTITIES[entry.entity].appendOnly || entry.delete) dropped.push([entry.entity, entry.recordId]);
    else if (r.conflicts.length === 0 && r.version !== null) {
      const h = held.get(entry.recordId) ?? { entity: entry.entity, versions: [] };
      held.set(entry.recordId, { ...h, versions: [...h.versions, r.version] });
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
  return { done, refused, dropped, conflicts, held };
}

/**
 * The conflicts of the pulled records with the server's value set to the pulled one (a value the
 * server kept, or changed again since). Resolved in between: skipped when stored (see below).
 */
export async function conflictsWithServerValues(
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
