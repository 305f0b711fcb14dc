/**
 * Ärenden as last decrypted (or encrypted from a pull), by row and IV, kept while the store is
 * unlocked: a row whose IV is the same holds the same plaintext, so only rows written since are
 * decrypted again. The last whole list read is kept too, with the ärende rows' generation token it
 * saw (snapshot-guard.ts): a list read that sees the same token reads no ärende row at all, and an
 * unlock whose snapshot (list-snapshot.ts) has the current token lists from the snapshot alone. A first sync's
 * pages are remembered as they are stored, so the list's read afterwards decrypts nothing; an
 * unlock reads the encrypted ärenden while the key is being derived and decrypts them as soon as
 * it is there (warmUp), so the list finds them decrypted or under way. Entries are promises, so a
 * row is never decrypted twice at once. Dropped on lock, like the key. Values are shared: treat
 * them as read-only.
 */
import Dexie from 'dexie';
import type { EntityName } from '../domain/entity-names';
import { ivKey, laterVersion, openRecordsWith } from './codec';
import type { FaltsamDb, StoredMetaRow, StoredRecordRow } from './database';
import { currentKey, isUnlocked, onForget } from './keyring';
import {
  currentGen,
  type ListState,
  openSnapshot,
  readSnapshotRow,
  type SnapshotEntry,
  snapshotDirty,
} from './list-snapshot';
import { afterArendeWrites } from './snapshot-guard';

type Data = Record<string, unknown>;

interface Decrypted {
  iv: string;
  /** The row's clear version (database.ts) when remembered: a push's answer changes only that. */
  version: number | undefined;
  data: Promise<Data>;
}

/** Only the list's kind: other kinds are read a few at a time. */
const CACHED: ReadonlySet<EntityName> = new Set(['arende']);

/**
 * The ärenden of the last whole list read (or of an unlock's snapshot) and the generation token the
 * rows had then: while the token is the same, these are the rows. Never set without a token.
 */
interface FullRead extends ListState {
  gen: string;
  data: Data[];
}

/** What is kept of one database while it is unlocked; all of it dropped together on lock. */
interface CacheState {
  /** Decrypted rows by rowKey. */
  rows: Map<string, Decrypted>;
  /** An unlock's snapshot being opened: the list's read waits for it rather than decrypt row by row. */
  fromSnapshot?: Promise<unknown>;
  lastRead?: FullRead;
  /**
   * An unlock's snapshot, as hints for openCached: put into the cache row by row only where a read
   * finds rows (the token had moved on), so an unlock that lists from the snapshot alone skips it.
   */
  hints?: SnapshotEntry[] | Map<string, Decrypted>;
}

const states = new WeakMap<FaltsamDb, CacheState>();
onForget((db) => states.delete(db));

function stateOf(db: FaltsamDb): CacheState {
  let state = states.get(db);
  if (!state) {
    state = { rows: new Map() };
    states.set(db, state);
  }
  return state;
}

/** What the unlock's snapshot recorded of an ärende row, or undefined. */
function hintFor(db: FaltsamDb, id: string): Decrypted | undefined {
  const state = states.get(db);
  let h = state?.hints;
  if (!state || !h) return undefined;
  if (Array.isArray(h)) {
    h = new Map(
      h.map(([rid, iv, data, version]) => [
        rid,
        { iv, version: version ?? undefined, data: Promise.resolve(data) },
      ]),
    );
    state.hints = h;
  }
  return h.get(id);
}

export const rowKey = (r: { entity: string; id: string }) => `${r.entity}:${r.id}`;

/** Tells list-snapshot.ts of ärende writes in this tab, once per database. */
const tracked = new WeakSet<FaltsamDb>();
function track(db: FaltsamDb): void {
  if (tracked.has(db)) return;
  tracked.add(db);
  afterArendeWrites(db, () => {
    if (isUnlocked(db)) snapshotDirty(db, () => snapshotState(db));
  });
}

/**
 * The ärenden for the snapshot: the last list read if the rows' token is still its token, else a
 * list read now (only rows written since are decrypted).
 */
async function snapshotState(db: FaltsamDb): Promise<ListState | null> {
  const last = states.get(db)?.lastRead;
  if (last && last.gen === (await currentGen(db))) return last;
  await readAllDecrypting(db, 'arende', async () => undefined);
  return states.get(db)?.lastRead ?? null;
}

const cacheOf = (db: FaltsamDb): Map<string, Decrypted> => stateOf(db).rows;

/** Remembers what a row holds (just decrypted, or just encrypted by this device). */
export function rememberData(db: FaltsamDb, row: StoredRecordRow, data: Data | Promise<Data>): void {
  if (row.enc && CACHED.has(row.entity)) {
    cacheOf(db).set(rowKey(row), {
      iv: ivKey(row.enc.iv),
      version: row.version,
      data: Promise.resolve(data),
    });
  }
}

/**
 * The rows decrypted: from the cache where it holds (or is decrypting) this very write, the rest
 * decrypted now with `key` and remembered.
 */
export function openCached(db: FaltsamDb, key: CryptoKey, rows: readonly StoredRecordRow[]): Promise<Data[]> {
  const cache = cacheOf(db);
  const out: Promise<Data>[] = new Array(rows.length);
  const missing: StoredRecordRow[] = [];
  const missingAt: number[] = [];
  rows.forEach((r, i) => {
    let hit = r.enc ? cache.get(rowKey(r)) : undefined;
    if (!hit && r.enc && CACHED.has(r.entity)) {
      hit = hintFor(db, r.id);
      if (hit) cache.set(rowKey(r), hit);
    }
    if (r.enc && hit && hit.iv === ivKey(r.enc.iv)) {
      if (hit.version !== r.version) {
        // Same sealed data, a newer version on the row: a copy with it, no decryption.
        hit.version = r.version;
        hit.data = hit.data.then((d) => ({ ...d, version: laterVersion(r.version, d.version) }));
      }
      out[i] = hit.data;
    } else {
      missing.push(r);
      missingAt.push(i);
    }
  });
  if (missing.length > 0) {
    const opened = openRecordsWith(key, missing);
    missing.forEach((r, j) => {
      const one = opened.then((all) => all[j] as Data);
      out[missingAt[j] as number] = one;
      rememberData(db, r, one);
    });
    // A failed decryption is not kept: the next read tries again.
    opened.catch(() => {
      for (const r of missing) cache.delete(rowKey(r));
    });
  }
  return Promise.all(out);
}

/** After reading every row of `entity`: forgets rows that are no longer there. */
function keepOnly(db: FaltsamDb, entity: EntityName, present: ReadonlySet<string>): void {
  const cache = states.get(db)?.rows;
  if (!cache) return;
  for (const k of cache.keys()) if (k.startsWith(`${entity}:`) && !present.has(k)) cache.delete(k);
}

/** Rows per read in readAllDecrypting: small enough to overlap, large enough to be few requests. */
const DECRYPT_CHUNK = 500;

/**
 * Every record of an entity, decrypted, plus whatever `alsoRead` reads, from one read transaction
 * (one consistent snapshot, observed by liveQuery like any read). For ärenden the transaction
 * first reads the rows' generation token: if it is the one of the last whole read (or of the
 * unlock's snapshot), that read's ärenden are the rows and none is read. Otherwise the rows are
 * read in chunks along the primary key and each chunk's decryption starts while the next chunk is
 * read, so at unlock reading and decrypting thousands of records overlap instead of adding up;
 * only rows written since they were last decrypted are. No crypto is awaited inside the
 * transaction. The records returned may be shared with later reads: treat them as read-only.
 * Locked: LockedError.
 */
export async function readAllDecrypting<T>(
  db: FaltsamDb,
  entity: EntityName,
  alsoRead: () => Promise<T>,
): Promise<[Record<string, unknown>[], T]> {
  const pending = currentKey(db);
  const key = pending instanceof Promise ? await pending : pending;
  // At unlock: the snapshot's rows, once in the cache, need no decryption of their own.
  await snapshotOpened(db);
  const listed = CACHED.has(entity);
  if (listed) track(db);
  const chunks: Promise<Record<string, unknown>[]>[] = [];
  const seen = new Set<string>();
  const rowsRead: [string, string, number | null][] = [];
  let gen: string | null = null;
  let known: FullRead | undefined;
  const other = await db.transaction('r', [db.records, db.outbox, db.conflicts, db.meta], async () => {
    if (listed) {
      gen = await currentGen(db);
      const last = states.get(db)?.lastRead;
      if (gen !== null && last?.gen === gen) {
        known = last;
        return alsoRead();
      }
    }
    let lower: [EntityName, unknown] = [entity, Dexie.minKey];
    let includeLower = true;
    for (;;) {
      const rows: StoredRecordRow[] = await db.records
        .where('[entity+id]')
        .between(lower, [entity, Dexie.maxKey], includeLower, true)
        .limit(DECRYPT_CHUNK)
        .toArray();
      for (const r of rows) {
        seen.add(rowKey(r));
        if (listed) rowsRead.push([r.id, r.enc ? ivKey(r.enc.iv) : '', r.version ?? null]);
      }
      const opened = openCached(db, key, rows);
      // Awaited after the transaction; this only keeps a failure from being reported as unhandled
      // while the remaining chunks are read.
      opened.catch(() => undefined);
      chunks.push(opened);
      const last = rows.at(-1);
      if (rows.length < DECRYPT_CHUNK || !last) break;
      lower = [entity, last.id];
      includeLower = false;
    }
    return alsoRead();
  });
  if (known) return [known.data, other];
  const all = (await Promise.all(chunks)).flat();
  keepOnly(db, entity, seen); // rows deleted since the last read leave the cache
  const state = states.get(db);
  if (listed && state) state.hints = undefined; // every row is in the cache now
  if (listed && gen !== null && isUnlocked(db)) {
    const rows = rowsRead.map(([id, iv, version], i): SnapshotEntry => [id, iv, all[i] as Data, version]);
    stateOf(db).lastRead = { gen, rows, data: all };
    // Read because the rows had changed: the snapshot is rewritten to match (list-snapshot.ts).
    snapshotDirty(db, () => snapshotState(db));
  } else if (listed && state) {
    state.lastRead = undefined;
  }
  return [all, other];
}

/** Resolves once an unlock's snapshot is open and its rows are in the cache (at once if none). */
export function snapshotOpened(db: FaltsamDb): Promise<unknown> {
  return states.get(db)?.fromSnapshot ?? Promise.resolve();
}

/**
 * At unlock, before the key is there (deriving it takes most of the unlock): starts reading the
 * encrypted ärenden. Pass the result to warmUp once the key is set.
 */
export function prefetchRows(db: FaltsamDb): Promise<Prefetched> {
  // With a snapshot the rows are not read ahead: the list reads them anyway and checks each one's
  // IV against the cache (openCached), so reading them here too would deserialise them twice.
  const read = readSnapshotRow(db).then(async (snapshot) => ({
    snapshot,
    rows: snapshot ? null : await readArendeRows(db),
  }));
  read.catch(() => undefined); // unused if the secret was wrong
  return read;
}

function readArendeRows(db: FaltsamDb): Promise<StoredRecordRow[]> {
  return Dexie.ignoreTransaction(() =>
    db.records.where('[entity+id]').between(['arende', Dexie.minKey], ['arende', Dexie.maxKey]).toArray(),
  );
}

/** The encrypted ärenden and their encrypted snapshot (list-snapshot.ts), read before the key. */
export interface Prefetched {
  /** Null when there is a snapshot (read afterwards only if it does not open). */
  rows: StoredRecordRow[] | null;
  snapshot: StoredMetaRow | undefined;
}

/** Reads started before the secret was submitted (the lock screen's first key), one per database. */
const early = new WeakMap<FaltsamDb, Promise<Prefetched>>();

/**
 * Starts prefetchRows while the unlock secret is still being typed; the unlock that follows takes
 * the rows (takePrefetched). Only ciphertext is read, and it stays in memory alone.
 */
export function prefetchEarly(db: FaltsamDb): void {
  if (!early.has(db)) early.set(db, prefetchRows(db));
}

/** The rows prefetchEarly read (once), else a read started now. */
export function takePrefetched(db: FaltsamDb): Promise<Prefetched> {
  const rows = early.get(db);
  early.delete(db);
  return rows ?? prefetchRows(db);
}

/**
 * Decrypts prefetched rows into the cache, so the list finds them decrypted or under way. Best
 * effort: the list reads and checks every row itself, so a row written meanwhile is simply
 * decrypted again.
 */
export async function warmUp(db: FaltsamDb, key: CryptoKey, prefetched: Promise<Prefetched>): Promise<void> {
  const opening = prefetched.then(({ rows, snapshot }) => fromSnapshot(db, rows, snapshot));
  stateOf(db).fromSnapshot = opening.catch(() => undefined);
  const read = await opening;
  const started: Promise<Data[]>[] = [];
  // Started a chunk per task: starting 5,000 decryptions at once is one long task that holds up
  // the first frame of the unlocked app and any input.
  for (let i = 0; i < read.length && isUnlocked(db); i += WARM_CHUNK) {
    started.push(openCached(db, key, read.slice(i, i + WARM_CHUNK)));
    await yieldToMain();
  }
  await Promise.all(started);
}

/**
 * Opens an unlock's snapshot (one decryption for all ärenden): the list's read takes it whole
 * while the rows' generation token is the one it was taken at, and otherwise takes a row from it
 * only when the row's IV is the one it recorded (hints, openCached). Returns the rows to decrypt
 * one by one now: none with a snapshot, every ärende without one (or with one that does not open).
 */
async function fromSnapshot(
  db: FaltsamDb,
  rows: StoredRecordRow[] | null,
  row: StoredMetaRow | undefined,
): Promise<StoredRecordRow[]> {
  const opened = await openSnapshot(db, row);
  if (!opened) return rows ?? (await readArendeRows(db));
  if (!isUnlocked(db)) return [];
  // Taken at a generation token: the list's read takes it whole while the rows still have that
  // token (it checks in its own transaction). Otherwise it reads the rows, and openCached takes
  // from these hints each row whose IV is the one recorded.
  const state = stateOf(db);
  state.hints = opened.rows;
  state.lastRead ??= { gen: opened.gen, rows: opened.rows, data: opened.rows.map((e) => e[2]) };
  return [];
}

/** Rows whose decryption warmUp starts in one task. */
const WARM_CHUNK = 500;

/** Lets the browser render and handle input before the next piece of work. */
export function yieldToMain(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}
