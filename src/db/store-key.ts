/**
 * The unlock secret and the data key (PRODUCT.md §5): on a fresh device the login password becomes
 * the unlock secret; afterwards the store is unlocked with it, offline. Only the key envelope (the
 * data key wrapped under a PBKDF2-derived key) and who the device belongs to are kept in the clear.
 * Changing the secret re-wraps the same data key, so no record is re-encrypted. Data written by a
 * build before encryption is encrypted in place when the first key is created.
 */
import { PLAINTEXT_META, sealConflicts, sealMeta, sealOutbox, sealRecords } from './codec';
import {
  changeSecret,
  createDataKey,
  type KdfOptions,
  type KeyEnvelope,
  parseEnvelope,
  unlock,
  WrongSecretError,
} from './crypto';
import type { ConflictRow, FaltsamDb, OutboxRow, RecordRow } from './database';
import { prefetchEarly, takePrefetched, warmUp } from './decrypted-cache';
import { forgetKey, setKey } from './keyring';
import { getMeta, type LockUser, setMeta } from './meta';
import { getStoreState } from './store-state';

export { WrongSecretError } from './crypto';
export { isUnlocked, LockedError, onLockChange } from './keyring';
export { getStoreState, type StoreState, UnlockSecretNeededError } from './store-state';

async function storedEnvelope(db: FaltsamDb): Promise<KeyEnvelope | null> {
  const row = await db.meta.get('keyEnvelope');
  return row ? parseEnvelope(row.value) : null;
}

/**
 * Creates the device's data key under `secret`, keeps it in memory and stores its envelope and the
 * owner's name in the clear. Rows written before encryption are encrypted now.
 */
export async function createStoreKey(
  db: FaltsamDb,
  secret: string,
  user: LockUser,
  kdf: KdfOptions = {},
): Promise<void> {
  const { envelope, key } = await createDataKey(secret, kdf);
  await db.transaction('rw', db.meta, async () => {
    await setMeta(db, 'keyEnvelope', envelope);
    await setMeta(db, 'lockUser', { id: user.id, username: user.username, displayName: user.displayName });
  });
  setKey(db, key);
  await encryptLegacyRows(db);
}

/** Unlocks with the secret: WrongSecretError when it does not open the envelope. Offline. */
export async function unlockStore(db: FaltsamDb, secret: string): Promise<void> {
  const envelope = await storedEnvelope(db);
  if (!envelope) throw new WrongSecretError();
  // The list's ärenden are read while the key is derived (or since the secret's first key), and
  // decrypted the moment it is there.
  const rows = takePrefetched(db);
  const key = await unlock(envelope, secret);
  setKey(db, key);
  warmUp(db, key, rows).catch(() => {});
}

/** The lock screen's first key: the encrypted ärenden are read while the rest is typed. */
export function prepareUnlock(db: FaltsamDb): void {
  prefetchEarly(db);
}

/** Whether `secret` opens the store; unlocks it when it does (hand-over mode's unlock). */
export async function checkStoreSecret(db: FaltsamDb, secret: string): Promise<boolean> {
  if (secret.length === 0) return false;
  try {
    await unlockStore(db, secret);
    return true;
  } catch (e) {
    if (e instanceof WrongSecretError) return false;
    throw e;
  }
}

/** Forgets the data key and every decrypted cache; nothing encrypted is readable until unlocked. */
export function lockStore(db: FaltsamDb): void {
  forgetKey(db);
}

/**
 * Re-wraps the data key under a new secret (offline). Records are not touched: their ciphertext is
 * byte for byte the same afterwards. WrongSecretError when `oldSecret` is not the current one.
 */
export async function changeStoreSecret(
  db: FaltsamDb,
  oldSecret: string,
  newSecret: string,
  kdf: KdfOptions = {},
): Promise<void> {
  const envelope = await storedEnvelope(db);
  if (!envelope) throw new WrongSecretError();
  const next = await changeSecret(envelope, oldSecret, newSecret, kdf);
  await setMeta(db, 'keyEnvelope', next);
}

/** A device of a build before encryption that checked the password offline (unlock-verifier.ts). */
export async function unlockLegacyOffline(db: FaltsamDb, password: string): Promise<boolean> {
  const { checkUnlockPassword } = await import('./unlock-verifier');
  const state = await getStoreState(db);
  if (!state.legacy || !state.user || !(await checkUnlockPassword(db, password))) return false;
  await createStoreKey(db, password, state.user);
  return true;
}

/**
 * Encrypts, in place, every row still in plain text (written before encryption at rest). Sealed
 * first, then written in one transaction that replaces only rows that are still plain.
 */
export async function encryptLegacyRows(db: FaltsamDb): Promise<number> {
  const [records, outbox, conflicts, meta] = await Promise.all([
    db.records.filter((r) => r.enc === undefined).toArray(),
    db.outbox.filter((r) => r.enc === undefined).toArray(),
    db.conflicts.filter((r) => r.enc === undefined).toArray(),
    db.meta.filter((r) => r.enc === undefined && !PLAINTEXT_META.has(r.key)).toArray(),
  ]);
  const total = records.length + outbox.length + conflicts.length + meta.length;
  if (total === 0) return 0;
  const sealed = await Promise.all([
    sealRecords(db, records as RecordRow[]),
    sealOutbox(db, outbox as unknown as OutboxRow[]),
    sealConflicts(db, conflicts as unknown as ConflictRow[]),
    Promise.all(meta.filter((m) => m.key !== 'unlockVerifier').map((m) => sealMeta(db, m.key, m.value))),
  ]);
  await db.transaction('rw', [db.records, db.outbox, db.conflicts, db.meta], async () => {
    const stillPlain = <T extends { enc?: unknown }>(row: T | undefined) => row !== undefined && !row.enc;
    for (const r of sealed[0])
      if (stillPlain(await db.records.get([r.entity, r.id]))) await db.records.put(r);
    for (const r of sealed[1]) if (stillPlain(await db.outbox.get(r.seq))) await db.outbox.put(r);
    for (const r of sealed[2]) if (stillPlain(await db.conflicts.get(r.id))) await db.conflicts.put(r);
    for (const r of sealed[3]) if (stillPlain(await db.meta.get(r.key))) await db.meta.put(r);
    // Hand-over unlocks with the store's secret now; the old password verifier is not kept.
    await db.meta.delete('unlockVerifier');
  });
  return total;
}

/** The envelope as stored (for tests and the change-secret screen); null on a fresh device. */
export async function getKeyEnvelope(db: FaltsamDb): Promise<KeyEnvelope | null> {
  return (await getMeta(db, 'keyEnvelope')) ?? null;
}
