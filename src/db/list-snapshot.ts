/**
 * The decrypted ärenden as ONE encrypted meta row ('arendeSnapshot'), so an unlock decrypts one
 * blob instead of one per ärende, and reads no ärende row at all when they have not changed since.
 * Profiled in Chromium (bench/cold-start.ts, 5,000 ärenden): AES-GCM decrypt runs on the renderer's
 * main thread, and 5,000 separate decryptions with their promise chains, TextDecoder calls and
 * garbage were the largest share of the unlock's main-thread time; once those were gone, reading
 * the 5,000 encrypted rows to check them (IndexedDB's getAll and deserialising each row) was.
 *
 * Soundness: the snapshot is taken from one list read (decrypted-cache.ts), i.e. one read
 * transaction that saw the ärende rows and their generation token (snapshot-guard.ts: every
 * transaction writing ärende rows writes a fresh random token), and it records that token; it is
 * stored only if the token is still the same in the storing transaction. While the token stays
 * the same the rows do, so a list read that sees it takes the snapshot's ärenden as they are.
 * Where the token has moved on, the snapshot is only a hint: each entry records the IV of the row
 * it was taken from, and a row is taken from it only when the row read now has that same IV (a
 * fresh random IV per write, so the same IV is the same write). A snapshot that does not decrypt
 * or parse is deleted and ignored.
 *
 * Data protection: it is sealed like any other meta value (AES-GCM, the data key, a fresh IV,
 * bound to its key). Every transaction that deletes ärende rows also deletes it (snapshot-guard.ts,
 * a Dexie middleware, so no deletion path can forget it), and a wipe clears meta with it.
 */
import Dexie from 'dexie';
import { ivKey, openMeta, sealMeta } from './codec';
import type { FaltsamDb, StoredMetaRow } from './database';
import { isUnlocked, onForget } from './keyring';
import { GEN_KEY, SNAPSHOT_KEY } from './snapshot-guard';
import { whenIdle } from './when-idle';

export { GEN_KEY, SNAPSHOT_KEY };

/** [id, the row's IV as ivKey gives it, the decrypted data, the row's clear version]. */
export type SnapshotEntry = [string, string, Record<string, unknown>, number | null];

/** What a snapshot holds: the ärenden of one list read and the generation token it saw. */
export interface ListState {
  /** The token of the rows (snapshot-guard.ts); null where there was none (never trusted). */
  gen: string | null;
  rows: SnapshotEntry[];
}

/**
 * As sealed. Tried: the keys of each shape once and rows as value arrays (a third fewer bytes to
 * decrypt, decode and parse), but building 5,000 objects key by key in JS cost more at unlock than
 * JSON.parse building them natively.
 */
interface SnapshotValue {
  v: 2;
  gen: string;
  rows: SnapshotEntry[];
}

/**
 * Delay after a change before the snapshot is rewritten (then at the next idle moment): short, so
 * a sync or an unlock that had to decrypt is in the snapshot before the app is closed or locked.
 */
const WRITE_DELAY_MS = 500;

/** An opened snapshot: the ärenden it recorded and the generation token it was taken at. */
export interface OpenedSnapshot {
  gen: string;
  rows: SnapshotEntry[];
}

/** The snapshot's content, or null when it is not one this module wrote. */
function contentOf(value: unknown): OpenedSnapshot | null {
  const v = value as Partial<SnapshotValue> | null;
  if (typeof v !== 'object' || v === null || v.v !== 2 || typeof v.gen !== 'string') return null;
  if (!Array.isArray(v.rows)) return null;
  const ids = new Set<string>();
  for (const e of v.rows) {
    if (!Array.isArray(e) || typeof e[0] !== 'string' || typeof e[1] !== 'string') return null;
    if (typeof e[2] !== 'object' || e[2] === null || Array.isArray(e[2])) return null;
    if (e[3] !== null && typeof e[3] !== 'number') return null;
    ids.add(e[0]);
  }
  // Two entries of one id cannot come from one read: not a snapshot this module wrote.
  if (ids.size !== v.rows.length) return null;
  return { gen: v.gen, rows: v.rows };
}

/** Deletes the snapshot unless it has been rewritten since `row` was read. */
async function dropIfUnchanged(db: FaltsamDb, row: StoredMetaRow): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const now = await db.meta.get(SNAPSHOT_KEY);
    if (now?.enc && row.enc && ivKey(now.enc.iv) === ivKey(row.enc.iv)) await db.meta.delete(SNAPSHOT_KEY);
  });
}

/**
 * Opens a snapshot row read at unlock, or null (none, or one that fails to decrypt or parse, which
 * is deleted). The store must be unlocked.
 */
export async function openSnapshot(
  db: FaltsamDb,
  row: StoredMetaRow | undefined,
): Promise<OpenedSnapshot | null> {
  if (!row) return null;
  let content: OpenedSnapshot | null = null;
  try {
    content = row.enc ? contentOf(await openMeta(db, SNAPSHOT_KEY, row)) : null;
  } catch {
    content = null;
  }
  if (!content) await dropIfUnchanged(db, row).catch(() => undefined);
  return content;
}

/** Reads the snapshot's ciphertext (before unlock: nothing is decrypted). */
export function readSnapshotRow(db: FaltsamDb): Promise<StoredMetaRow | undefined> {
  return Dexie.ignoreTransaction(() => db.meta.get(SNAPSHOT_KEY));
}

/** The ärende rows' generation token now (snapshot-guard.ts), or null when there is none. */
export async function currentGen(db: FaltsamDb): Promise<string | null> {
  const row = await db.meta.get(GEN_KEY);
  return typeof row?.value === 'string' ? row.value : null;
}

/**
 * Writes `state` (one list read's ärenden) as the snapshot, if the ärende rows are still those it
 * was read at: its generation token is checked inside the writing transaction, so a write of ärende
 * rows committed before makes this a no-op, and one committed after changes the token (and a
 * deletion deletes the snapshot). A state without a token is not written. Returns whether it was.
 */
export async function writeSnapshot(db: FaltsamDb, state: ListState): Promise<boolean> {
  const { gen, rows } = state;
  if (gen === null) return false;
  // In the list's order (arende-repo.ts sorts by code with this collation), so that sorting the
  // ärenden an unlock lists from it finds them sorted: one pass instead of ~60,000 comparisons.
  const byCode = new Intl.Collator('sv');
  const sorted = [...rows].sort((a, b) => byCode.compare(String(a[2].code), String(b[2].code)));
  const row = await sealMeta(db, SNAPSHOT_KEY, { v: 2, gen, rows: sorted } satisfies SnapshotValue);
  return db.transaction('rw', db.meta, async () => {
    if ((await currentGen(db)) !== gen) return false;
    await db.meta.put(row);
    return true;
  });
}

// ---- scheduling: rewritten a while after the ärenden change, at an idle moment, never in a save

interface Schedule {
  timer: ReturnType<typeof setTimeout> | null;
  /** Changed since the last write began. */
  dirty: boolean;
  /** The generation token of the last snapshot this tab wrote: the same state is not written twice. */
  writtenGen: string | null;
  /** Date.now() of the last change. */
  changedAt: number;
  /** The ärenden as of now (null: none to write); may read them (decrypted-cache.ts). */
  collect: () => Promise<ListState | null>;
}

const schedules = new Map<FaltsamDb, Schedule>();
/** Holds on the scheduled rewrite (holdSnapshotWrites), by database. */
const holds = new Map<FaltsamDb, number>();
onForget((db) => cancel(db));

function cancel(db: FaltsamDb): void {
  const s = schedules.get(db);
  if (s?.timer) clearTimeout(s.timer);
  schedules.delete(db);
}

/**
 * The ärenden changed (a write of ärende rows in this tab, or a list read that found them changed):
 * rewrite the snapshot once they have not changed for WRITE_DELAY_MS (collect reads them then).
 * Called per write (a first sync stores many pages), so it only notes the time; the one timer
 * re-arms itself while changes go on.
 */
export function snapshotDirty(db: FaltsamDb, collect: () => Promise<ListState | null>): void {
  let s = schedules.get(db);
  if (!s) {
    s = { timer: null, dirty: false, writtenGen: null, changedAt: 0, collect };
    schedules.set(db, s);
  }
  s.dirty = true;
  s.changedAt = Date.now();
  if (!s.timer) arm(db, s, WRITE_DELAY_MS);
}

/**
 * Keeps the scheduled rewrite from running until the returned function is called (a sync's pull:
 * between its pages the ärenden are quiet for longer than WRITE_DELAY_MS, and each rewrite seals
 * every ärende so far, so a first sync of 10,000 rewrote it after nearly every page). A change
 * meanwhile is written at the first idle moment after the last hold ends; flushSnapshot still
 * writes at once.
 */
export function holdSnapshotWrites(db: FaltsamDb): () => void {
  holds.set(db, (holds.get(db) ?? 0) + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (holds.get(db) ?? 1) - 1;
    if (left > 0) holds.set(db, left);
    else holds.delete(db);
    const s = schedules.get(db);
    // The pull is over: written at the next idle moment, not WRITE_DELAY_MS after its last page
    // (whose store armed the timer), so the app closed soon after a first sync opens from it.
    if (left === 0 && s?.dirty) {
      if (s.timer) clearTimeout(s.timer);
      s.timer = null;
      whenIdle(() => void flushSnapshot(db), { timeout: WRITE_DELAY_MS, otherwise: 'now' });
    }
  };
}

function arm(db: FaltsamDb, s: Schedule, delay: number): void {
  s.timer = setTimeout(() => {
    s.timer = null;
    if (holds.has(db)) return; // armed again when the hold ends
    const quietFor = Date.now() - s.changedAt;
    if (quietFor < WRITE_DELAY_MS) arm(db, s, WRITE_DELAY_MS - quietFor);
    else whenIdle(() => void flushSnapshot(db), { timeout: WRITE_DELAY_MS, otherwise: 'now' });
  }, delay);
}

/** Writes the snapshot now if the ärenden changed since the last write (tests; page hide). */
export async function flushSnapshot(db: FaltsamDb): Promise<void> {
  const s = schedules.get(db);
  if (!s?.dirty || !isUnlocked(db)) return;
  if (s.timer) clearTimeout(s.timer);
  s.timer = null;
  s.dirty = false;
  try {
    const state = await s.collect();
    if (!state || state.gen === null || state.gen === s.writtenGen) return;
    // Not written: the rows changed meanwhile, and that change made it dirty again.
    if ((await writeSnapshot(db, state)) && schedules.get(db) === s) s.writtenGen = state.gen;
  } catch {
    // Locked meanwhile, or the database closed: the next change schedules another write.
  }
}

// Leaving the page: write what is pending (best effort; an unlock checks the snapshot's token anyway).
(globalThis as { addEventListener?: (t: string, l: () => void) => void }).addEventListener?.(
  'pagehide',
  () => {
    for (const db of schedules.keys()) void flushSnapshot(db);
  },
);
