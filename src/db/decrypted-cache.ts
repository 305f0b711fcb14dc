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
function ivKey(iv: Uint8Array): string {
  // A loop, not String.fromCharCode(...iv): this runs for every row of every list read.
  let k = '';
  for (let i = 0; i < iv.length; i++) k += String.fromCharCode(iv[i] as number);
  return k;
}

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
 * Puts the snapshot's ärenden into the cache under the IVs it recorded (one decryption for all of
 * them): the list's read takes a row from the cache only when the row's IV is that same one, and
 * forgets entries of rows no longer there (keepOnly). Returns the rows to decrypt one by one now:
 * none with a snapshot, every ärende without one (or with one that does not open).
 */
async function fromSnapshot(
  db: FaltsamDb,
  rows: StoredRecordRow[] | null,
  row: StoredMetaRow | undefined,
): Promise<StoredRecordRow[]> {
  const known = await openSnapshot(db, row);
  if (!known) return rows ?? (await readArendeRows(db));
  if (!isUnlocked(db)) return [];
  const cache = cacheOf(db);
  for (const [id, { iv, data, version }] of known) {
    const k = `arende:${id}`;
    // The row's clear version (database.ts) as it was then; openCached copies in a newer one.
    if (!cache.has(k)) cache.set(k, { iv, version, data: Promise.resolve(data) });
  }
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
