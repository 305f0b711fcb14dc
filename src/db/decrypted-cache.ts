/**
 * Ärenden as last decrypted (or encrypted from a pull), by row and IV, kept while the store is
 * unlocked: the list re-reads every ärende whenever anything changes, and a row whose IV is the
 * same holds the same plaintext, so only rows written since are decrypted again. A first sync's
 * pages are remembered as they are stored, so the list's read afterwards decrypts nothing; an
 * unlock reads the encrypted ärenden while the key is being derived and decrypts them as soon as
 * it is there (warmUp), so the list finds them decrypted or under way. Entries are promises, so a
 * row is never decrypted twice at once. Dropped on lock, like the key. Values are shared: treat
 * them as read-only.
 */
import Dexie from 'dexie';
import type { EntityName } from '../domain/entity-names';
import { laterVersion, openRecordsWith } from './codec';
import type { FaltsamDb, StoredMetaRow, StoredRecordRow } from './database';
import { isUnlocked, onForget } from './keyring';
import { openSnapshot, readSnapshotRow, type SnapshotEntry, snapshotDirty } from './list-snapshot';

type Data = Record<string, unknown>;

interface Decrypted {
  iv: string;
  /** The row's clear version (database.ts) when remembered: a push's answer changes only that. */
  version: number | undefined;
  data: Promise<Data>;
}

/** Only the list's kind: other kinds are read a few at a time. */
const CACHED: ReadonlySet<EntityName> = new Set(['arende']);

const caches = new WeakMap<FaltsamDb, Map<string, Decrypted>>();
/** An unlock's snapshot being opened: the list's read waits for it rather than decrypt row by row. */
const fromSnapshots = new WeakMap<FaltsamDb, Promise<unknown>>();
onForget((db) => {
  caches.delete(db);
  fromSnapshots.delete(db);
});

export const rowKey = (r: { entity: string; id: string }) => `${r.entity}:${r.id}`;
const ivKey = (iv: Uint8Array) => String.fromCharCode(...iv);

function cacheOf(db: FaltsamDb): Map<string, Decrypted> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  return cache;
}

/** Remembers what a row holds (just decrypted, or just encrypted by this device). */
export function rememberData(db: FaltsamDb, row: StoredRecordRow, data: Data | Promise<Data>): void {
  if (row.enc && CACHED.has(row.entity)) {
    cacheOf(db).set(rowKey(row), {
      iv: ivKey(row.enc.iv),
      version: row.version,
      data: Promise.resolve(data),
    });
    snapshotDirty(db, () => snapshotEntries(db));
  }
}

/** The cached ärenden that decrypted, for the snapshot (list-snapshot.ts). */
async function snapshotEntries(db: FaltsamDb): Promise<SnapshotEntry[]> {
  const cache = caches.get(db);
  if (!cache) return [];
  const entries = [...cache].filter(([k]) => k.startsWith('arende:'));
  const settled = await Promise.allSettled(entries.map(([, e]) => e.data));
  const out: SnapshotEntry[] = [];
  settled.forEach((r, i) => {
    const [k, e] = entries[i] as [string, Decrypted];
    if (r.status === 'fulfilled') out.push([k.slice('arende:'.length), e.iv, r.value, e.version ?? null]);
  });
  return out;
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
    const hit = r.enc ? cache.get(rowKey(r)) : undefined;
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
export function keepOnly(db: FaltsamDb, entity: EntityName, present: ReadonlySet<string>): void {
  const cache = caches.get(db);
  if (!cache) return;
  let dropped = false;
  for (const k of cache.keys())
    if (k.startsWith(`${entity}:`) && !present.has(k)) {
      cache.delete(k);
      dropped = true;
    }
  if (dropped) snapshotDirty(db, () => snapshotEntries(db));
}

/** Resolves once an unlock's snapshot is open and its rows are in the cache (at once if none). */
export function snapshotOpened(db: FaltsamDb): Promise<unknown> {
  return fromSnapshots.get(db) ?? Promise.resolve();
}

/**
 * At unlock, before the key is there (deriving it takes most of the unlock): starts reading the
 * encrypted ärenden. Pass the result to warmUp once the key is set.
 */
export function prefetchRows(db: FaltsamDb): Promise<Prefetched> {
  const read = Promise.all([
    Dexie.ignoreTransaction(() =>
      db.records.where('[entity+id]').between(['arende', Dexie.minKey], ['arende', Dexie.maxKey]).toArray(),
    ),
    readSnapshotRow(db),
  ]).then(([rows, snapshot]) => ({ rows, snapshot }));
  read.catch(() => undefined); // unused if the secret was wrong
  return read;
}

/** The encrypted ärenden and their encrypted snapshot (list-snapshot.ts), read before the key. */
export interface Prefetched {
  rows: StoredRecordRow[];
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
  fromSnapshots.set(
    db,
    opening.catch(() => undefined),
  );
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
 * Puts the rows whose IV is the one the snapshot recorded into the cache with the snapshot's data
 * (one decryption for all of them); returns the rows still to decrypt one by one.
 */
async function fromSnapshot(
  db: FaltsamDb,
  rows: StoredRecordRow[],
  row: StoredMetaRow | undefined,
): Promise<StoredRecordRow[]> {
  const known = await openSnapshot(db, row);
  if (!known || !isUnlocked(db)) return rows;
  const cache = cacheOf(db);
  const rest: StoredRecordRow[] = [];
  for (const r of rows) {
    const k = rowKey(r);
    const hit = known.get(r.id);
    if (r.enc && CACHED.has(r.entity) && hit && hit[0] === ivKey(r.enc.iv)) {
      if (!cache.has(k)) cache.set(k, { iv: hit[0], version: undefined, data: Promise.resolve(hit[1]) });
    } else rest.push(r);
  }
  // Rows it did not hold (or held at another IV) are decrypted and remembered, which rewrites it.
  if (rest.length === 0 && known.size !== rows.length) snapshotDirty(db, () => snapshotEntries(db));
  return rest;
}

/** Rows whose decryption warmUp starts in one task. */
const WARM_CHUNK = 500;

/** Lets the browser render and handle input before the next piece of work. */
export function yieldToMain(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}
