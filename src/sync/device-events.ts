/**
 * What the sync triggers watch on the device: the store being unlocked, and local writes (in this
 * tab or another), seen as the outbox sequence moving on. Kept apart from triggers.ts so the
 * triggers' code can load after the first screen without dragging the database code along.
 */
import { liveQuery } from 'dexie';
import type { FaltsamDb } from '../db/database';
import { isUnlocked, onLockChange } from '../db/keyring';

export interface DeviceEvents {
  /** Calls `fn` whenever the store becomes unlocked; returns the unsubscribe function. */
  onUnlock(fn: () => void): () => void;
  /** Calls `fn` after every local write (any tab); returns the unsubscribe function. */
  onLocalWrite(fn: () => void): () => void;
}

export function deviceEvents(db: FaltsamDb): DeviceEvents {
  return {
    onUnlock: (fn) =>
      onLockChange(db, () => {
        if (isUnlocked(db)) fn();
      }),
    onLocalWrite: (fn) => {
      // Every local write takes the next sequence number (meta nextSeq, plain text).
      let last: number | null = null;
      const sub = liveQuery(() => db.meta.get('nextSeq')).subscribe({
        next: (row) => {
          const seq = typeof row?.value === 'number' ? row.value : 0;
          if (last !== null && seq > last) fn();
          last = seq;
        },
      });
      return () => sub.unsubscribe();
    },
  };
}
