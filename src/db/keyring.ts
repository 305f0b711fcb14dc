/**
 * The data key of each open device database, held in memory only (a non-extractable CryptoKey,
 * never written anywhere). Locking forgets it, together with every decrypted cache registered here;
 * while locked, every read or write of encrypted data throws LockedError.
 */
import type { FaltsamDb } from './database';

/** The store is locked: nothing encrypted can be read or written until it is unlocked. */
export class LockedError extends Error {
  override name = 'LockedError';
  constructor() {
    super('Apparatens uppgifter är låsta. Lås upp för att fortsätta.');
  }
}

interface Slot {
  key: CryptoKey | null;
  /** While a key is being derived (tests hand one in before it exists). */
  pending: Promise<CryptoKey> | null;
}

const slots = new WeakMap<FaltsamDb, Slot>();
/** Saves under way per database; a lock waits for them before the key is dropped. */
const holds = new WeakMap<FaltsamDb, number>();
/** Locked (for every new reader and the UI) but the key kept until the saves under way end. */
const locking = new WeakSet<FaltsamDb>();
const listeners = new WeakMap<FaltsamDb, Set<() => void>>();
const cleanups = new Set<(db: FaltsamDb) => void>();

function notify(db: FaltsamDb): void {
  for (const l of listeners.get(db) ?? []) l();
}

/** Keeps the data key for this database until lock() or wipe. */
export function setKey(db: FaltsamDb, key: CryptoKey | Promise<CryptoKey>): void {
  locking.delete(db);
  if (key instanceof Promise) {
    const slot: Slot = { key: null, pending: key };
    slots.set(db, slot);
    key.then(
      (k) => {
        if (slots.get(db) !== slot) return;
        slot.key = k;
        slot.pending = null;
        notify(db);
      },
      () => {
        if (slots.get(db) === slot) slots.delete(db);
        notify(db);
      },
    );
  } else {
    slots.set(db, { key, pending: null });
  }
  notify(db);
}

/**
 * Forgets the key and every decrypted cache: the store is locked at once for the UI and every new
 * operation. A save already under way (see holdingKey) still finishes with the key, which is
 * dropped when the last one ends, so a lock never loses a save or leaves half of one.
 */
export function forgetKey(db: FaltsamDb): void {
  const had = slots.has(db);
  if ((holds.get(db) ?? 0) > 0) locking.add(db);
  else slots.delete(db);
  for (const c of cleanups) c(db);
  if (had) notify(db);
}

export function isUnlocked(db: FaltsamDb): boolean {
  return slots.has(db) && !locking.has(db);
}

/** The key right now, or LockedError. A key still being derived is returned as its promise. */
export function currentKey(db: FaltsamDb): CryptoKey | Promise<CryptoKey> {
  const slot = slots.get(db);
  if (!slot || (locking.has(db) && (holds.get(db) ?? 0) === 0)) throw new LockedError();
  return slot.key ?? (slot.pending as Promise<CryptoKey>);
}

/** Runs a save that must not be cut off by a lock: LockedError if locked when it starts. */
export async function holdingKey<T>(db: FaltsamDb, save: () => Promise<T>): Promise<T> {
  // A save nested in one under way (a create writing its outbox entry) goes on.
  if (!isUnlocked(db) && (holds.get(db) ?? 0) === 0) throw new LockedError();
  holds.set(db, (holds.get(db) ?? 0) + 1);
  try {
    return await save();
  } finally {
    const left = (holds.get(db) ?? 1) - 1;
    holds.set(db, left);
    if (left === 0 && locking.has(db)) {
      locking.delete(db);
      slots.delete(db);
    }
  }
}

/** Called on every lock and wipe: modules drop what they decrypted and cached. */
export function onForget(cleanup: (db: FaltsamDb) => void): void {
  cleanups.add(cleanup);
}

/** Subscribes to lock and unlock of one database; returns the unsubscribe function. */
export function onLockChange(db: FaltsamDb, listener: () => void): () => void {
  let set = listeners.get(db);
  if (!set) {
    set = new Set();
    listeners.set(db, set);
  }
  set.add(listener);
  return () => set.delete(listener);
}
