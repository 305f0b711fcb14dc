/**
 * The login kept on the device, so a handläggare can open the app and work with no network.
 * Switching user wipes the previous user's records, but never while any of them is unsynced.
 */
import type { LoginResponse } from '../domain/account';
import { sealMeta } from './codec';
import type { FaltsamDb } from './database';
import { forgetKey } from './keyring';
import { getMeta, type MetaValues } from './meta';
import { clearSealedOutbox } from './sealed-outbox';

export type StoredSession = MetaValues['session'];

/** The kept login (encrypted: LockedError while the store is locked). */
export async function getSession(db: FaltsamDb): Promise<StoredSession | undefined> {
  return getMeta(db, 'session');
}

/** How many local edits have not reached the server (pending or rejected). */
export async function unsyncedCount(db: FaltsamDb): Promise<number> {
  return db.outbox.count();
}

/**
 * Stores a new login. If the device held another user's data it is wiped first; the caller must
 * have checked unsyncedCount() — this refuses rather than lose anything.
 */
export async function saveSession(
  db: FaltsamDb,
  login: LoginResponse,
  previousUserId?: string,
): Promise<void> {
  const prev = previousUserId ?? (await getMeta(db, 'lockUser'))?.id;
  if (prev && prev !== login.user.id) {
    // Another user's data goes first (their key with it); the caller then creates a new key.
    await db.transaction('rw', [db.records, db.outbox, db.conflicts, db.meta], async () => {
      if ((await db.outbox.count()) > 0) throw new Error('unsynced-data-of-other-user');
      await wipeTables(db);
    });
    forgetKey(db);
  }
  const { id, username, displayName } = login.user;
  // Encrypted before the transaction opens.
  const rows = await Promise.all([
    sealMeta(db, 'lockUser', { id, username, displayName }),
    sealMeta(db, 'session', { token: login.token, expiresAt: login.expiresAt, user: login.user }),
  ]);
  await db.meta.bulkPut(rows);
}

async function wipeTables(db: FaltsamDb): Promise<void> {
  await Promise.all([db.records.clear(), db.outbox.clear(), db.conflicts.clear()]);
  // After the records: clearing them writes the ärende rows' generation token (snapshot-guard.ts).
  await db.meta.clear();
}

/**
 * Removes every record, the outbox, the session, the device id and the key envelope from this
 * device, and forgets the data key.
 */
export async function wipeDevice(db: FaltsamDb): Promise<void> {
  await db.transaction('rw', [db.records, db.outbox, db.conflicts, db.meta], () => wipeTables(db));
  // The sealed copies, the worker's receipts and the push credential go with the outbox.
  await clearSealedOutbox(db);
  forgetKey(db);
}
