/**
 * The decrypted ärenden as ONE encrypted meta row ('arendeSnapshot'), so an unlock decrypts one
 * blob instead of one per ärende. Profiled in Chromium (bench/cold-start.ts, 5,000 ärenden): AES-GCM
 * decrypt runs on the renderer's main thread, and 5,000 separate decryptions with their promise
 * chains, TextDecoder calls and garbage were the largest share of the unlock's main-thread time
 * (PBKDF2 itself runs off the main thread in ~0.1–0.15 s).
 *
 * Soundness: the snapshot is only a hint. Each entry records the IV of the row it was taken from;
 * a row is taken from the snapshot only when the row read from IndexedDB now has that same IV (a
 * fresh random IV per write, so the same IV is the same write; decrypted-cache validates the same
 * way). Other rows are decrypted one by one, rows not in IndexedDB are never shown (the list reads
 * the rows), and a snapshot that does not decrypt or parse is deleted and ignored.
 *
 * Data protection: it is sealed like any other meta value (AES-GCM, the data key, a fresh IV,
 * bound to its key). Every transaction that deletes ärende rows also deletes it (snapshot-guard.ts,
 * a Dexie middleware, so no deletion path can forget it), a wipe clears meta with it, and a write checks in its
 * own transaction that every ärende it holds is still on the device.
 */
import Dexie from 'dexie';
import { openMeta, sealMeta } from './codec';
import type { FaltsamDb, StoredMetaRow } from './database';
import { isUnlocked, onForget } from './keyring';

import { SNAPSHOT_KEY } from './snapshot-guard';

export { SNAPSHOT_KEY };

/** [id, the row's IV as decrypted-cache keys it, the decrypted data, the row's clear version]. */
export type SnapshotEntry = [string, string, Record<string, unknown>, number | null];

interface SnapshotValue {
  v: 1;
  rows: SnapshotEntry[];
}

/**
 * Delay after a change before the snapshot is rewritten (then at the next idle moment): short, so
 * a sync or an unlock that had to decrypt is in the snapshot before the app is closed or locked.
 */
const WRITE_DELAY_MS = 500;

/** What the snapshot recorded for one ärende. */
export interface Known {
  iv: string;
  data: Record<string, unknown>;
  /** The row's clear version then (database.ts); undefined for a row that had none. */
  version: number | undefined;
}

/** id → what it recorded, from a decrypted snapshot, or null when it is not one this module wrote. */
function entriesOf(value: unknown): Map<string, Known> | null {
  const v = value as Partial<SnapshotValue> | null;
  if (typeof v !== 'object' || v === null || v.v !== 1 || !Array.isArray(v.rows)) return null;
  const out = new Map<string, Known>();
  for (const e of v.rows) {
    if (!Array.isArray(e) || typeof e[0] !== 'string' || typeof e[1] !== 'string') return null;
    if (typeof e[2] !== 'object' || e[2] === null || Array.isArray(e[2])) return null;
    if (e[3] !== null && e[3] !== undefined && typeof e[3] !== 'number') return null;
    out.set(e[0], { iv: e[1], data: e[2] as Record<string, unknown>, version: e[3] ?? undefined });
  }
  return out;
}

/** Deletes the snapshot unless it has been rewritten since `row` was read. */
async function dropIfUnchanged(db: FaltsamDb, row: StoredMetaRow): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const now = await db.meta.get(SNAPSHOT_KEY);
    if (now?.enc && row.enc && sameBytes(now.enc.iv, row.enc.iv)) await db.meta.delete(SNAPSHOT_KEY);
  });
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Opens a snapshot row read at unlock: id → [iv, data], or null (none, or one that fails to
 * decrypt or parse, which is deleted). The store must be unlocked.
 */
export async function openSnapshot(
  db: FaltsamDb,
  row: StoredMetaRow | undefined,
): Promise<Map<string, Known> | null> {
  if (!row) return null;
  let entries: Map<string, Known> | null = null;
  try {
    entries = row.enc ? entriesOf(await openMeta(db, SNAPSHOT_KEY, row)) : null;
  } catch {
    entries = null;
  }
  if (!entries) await dropIfUnchanged(db, row).catch(() => undefined);
  return entries;
}

/** Reads the snapshot's ciphertext (before unlock: nothing is decrypted). */
export function readSnapshotRow(db: FaltsamDb): Promise<StoredMetaRow | undefined> {
  return Dexie.ignoreTransaction(() => db.meta.get(SNAPSHOT_KEY));
}

/**
 * Writes `entries` (the cache's ärenden) as the snapshot, unless an ärende in it has left the
 * device meanwhile: checked against the records' keys inside the writing transaction, so a removal
 * committed before it makes the write a no-op and one committed after deletes the snapshot.
 * Returns whether it was written.
 */
export async function writeSnapshot(db: FaltsamDb, entries: readonly SnapshotEntry[]): Promise<boolean> {
  const arendeKeys = () =>
    db.records.where('[entity+id]').between(['arende', Dexie.minKey], ['arende', Dexie.maxKey]).primaryKeys();
  const present = new Set((await arendeKeys()).map(([, id]) => id));
  const kept = entries.filter(([id]) => present.has(id));
  const row = await sealMeta(db, SNAPSHOT_KEY, { v: 1, rows: kept } satisfies SnapshotValue);
  return db.transaction('rw', [db.records, db.meta], async () => {
    const still = new Set((await arendeKeys()).map(([, id]) => id));
    if (!kept.every(([id]) => still.has(id))) return false;
    await db.meta.put(row);
    return true;
  });
}

// ---- scheduling: rewritten a while after the ärenden change, at an idle moment, never in a save

interface Schedule {
  timer: ReturnType<typeof setTimeout> | null;
  /** Bumped on every change; a write that started before a change leaves the snapshot dirty. */
  generation: number;
  written: number;
  /** Date.now() of the last change. */
  changedAt: number;
  collect: () => Promise<SnapshotEntry[]>;
}

const schedules = new Map<FaltsamDb, Schedule>();
onForget((db) => cancel(db));

function cancel(db: FaltsamDb): void {
  const s = schedules.get(db);
  if (s?.timer) clearTimeout(s.timer);
  schedules.delete(db);
}

function whenIdle(run: () => void): void {
  const ric = (globalThis as { requestIdleCallback?: (cb: () => void, o?: object) => number })
    .requestIdleCallback;
  if (typeof ric === 'function') ric(run, { timeout: WRITE_DELAY_MS });
  else run();
}

/**
 * The ärenden in memory changed: rewrite the snapshot once they have not changed for
 * WRITE_DELAY_MS (collect reads them then). Called per row (a pulled page is thousands), so it only
 * notes the time; the one timer re-arms itself while changes go on.
 */
export function snapshotDirty(db: FaltsamDb, collect: () => Promise<SnapshotEntry[]>): void {
  let s = schedules.get(db);
  if (!s) {
    s = { timer: null, generation: 0, written: 0, changedAt: 0, collect };
    schedules.set(db, s);
  }
  s.generation++;
  s.changedAt = Date.now();
  if (!s.timer) arm(db, s, WRITE_DELAY_MS);
}

function arm(db: FaltsamDb, s: Schedule, delay: number): void {
  s.timer = setTimeout(() => {
    s.timer = null;
    const quietFor = Date.now() - s.changedAt;
    if (quietFor < WRITE_DELAY_MS) arm(db, s, WRITE_DELAY_MS - quietFor);
    else whenIdle(() => void flushSnapshot(db));
  }, delay);
}

/** Writes the snapshot now if the ärenden changed since the last write (tests; page hide). */
export async function flushSnapshot(db: FaltsamDb): Promise<void> {
  const s = schedules.get(db);
  if (!s || s.written === s.generation || !isUnlocked(db)) return;
  if (s.timer) clearTimeout(s.timer);
  s.timer = null;
  const generation = s.generation;
  try {
    const ok = await writeSnapshot(db, await s.collect());
    if (ok && schedules.get(db) === s) s.written = Math.max(s.written, generation);
  } catch {
    // Locked meanwhile, or the database closed: the next change schedules another write.
  }
}

// Leaving the page: write what is pending (best effort; the next unlock validates every row anyway).
(globalThis as { addEventListener?: (t: string, l: () => void) => void }).addEventListener?.(
  'pagehide',
  () => {
    for (const db of schedules.keys()) void flushSnapshot(db);
  },
);
