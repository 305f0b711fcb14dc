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
    super('Enhetens uppgifter är låsta. Lås upp för att fortsätta.');
  }
}

interface Slot {
  key: CryptoKey | null;
  /** While a key is being derived (tests hand one in before it exists). */
  pending: Promise<CryptoKey> | null;
}

const slots = new WeakMap<FaltsamDb, Slot>();
const listeners = new WeakMap<FaltsamDb, Set<() => void>>();
const cleanups = new Set<(db: FaltsamDb) => void>();

function notify(db: FaltsamDb): void {
  for (const l of listeners.get(db) ?? []) l();
}

/** Keeps the data key for this database until lock() or wipe. */
export function setKey(db: FaltsamDb, key: CryptoKey | Promise<CryptoKey>): void {
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

/** Forgets the key and every decrypted cache: the store is locked. */
export function forgetKey(db: FaltsamDb): void {
  const had = slots.delete(db);
  for (const c of cleanups) c(db);
  if (had) notify(db);
}

export function isUnlocked(db: FaltsamDb): boolean {
  return slots.has(db);
}

/** The key right now, or LockedError. A key still being derived is returned as its promise. */
export function currentKey(db: FaltsamDb): CryptoKey | Promise<CryptoKey> {
  const slot = slots.get(db);
  if (!slot) throw new LockedError();
  return slot.key ?? (slot.pending as Promise<CryptoKey>);
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
