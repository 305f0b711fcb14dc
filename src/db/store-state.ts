/**
 * What the first screen needs to know before anything is unlocked: whether the device has an
 * encrypted store, whose it is, whether it is in hand-over mode. Reads only plain-text meta and
 * imports no crypto and no schemas, so the lock and login screens start without either.
 */
import type { FaltsamDb } from './database';
import { isUnlocked } from './keyring';
import type { LockUser } from './meta';

export interface StoreState {
  /** A key envelope exists: the device has encrypted data and an unlock secret. */
  hasKey: boolean;
  unlocked: boolean;
  /** Who the device belongs to (for the lock screen), or null. */
  user: LockUser | null;
  /** Data from before encryption, not yet encrypted (needs the user's password once). */
  legacy: boolean;
}

/**
 * The login password did not open this device's data (it was changed or reset on the server): the
 * previous unlock secret is needed, or — only with nothing unsynced — a fresh start.
 */
export class UnlockSecretNeededError extends Error {
  override name = 'UnlockSecretNeededError';
  constructor(readonly unsynced: number) {
    super('The password does not unlock the data on this device.');
  }
}

/** What the first screen needs; reads only plain-text meta, so it works while locked. */
export async function getStoreState(db: FaltsamDb): Promise<StoreState> {
  const [envelope, user, legacySession] = await Promise.all([
    db.meta.get('keyEnvelope'),
    db.meta.get('lockUser'),
    db.meta.get('session'),
  ]);
  const legacy = !envelope && legacySession !== undefined && legacySession.enc === undefined;
  const legacyUser = legacy ? (legacySession?.value as { user?: LockUser } | undefined)?.user : undefined;
  const who = (user?.value as LockUser | undefined) ?? legacyUser;
  return {
    hasKey: envelope !== undefined,
    unlocked: isUnlocked(db),
    user: who ? { id: who.id, username: who.username, displayName: who.displayName } : null,
    legacy,
  };
}

/**
 * Whether the device is in hand-over mode (a lock row in meta, handover-lock.ts). Any value counts,
 * even one that cannot be read: the hand-over screen then shows the locked screen, never the list.
 */
export async function isHandoverLocked(db: FaltsamDb): Promise<boolean> {
  const row = await db.meta.get('handoverLock');
  return row !== undefined && row.value !== null;
}
