/**
 * The page's side of the sealed outbox (issue 16). Each queued mutation is also sealed for the
 * server (domain/sealed-box.ts) into the service worker's store (sw-store.ts), so the worker can
 * push it while the app is locked or closed without being able to read it. Inside each box, next
 * to the mutation, is the credential's secret, which lives only under the data key: a box can
 * be made only while the app is unlocked, so a stolen push token cannot forge one. The worker's
 * receipts are applied at the next unlock (sealed-receipts.ts).
 */
import { seal } from '../domain/sealed-box';
import type { PushCredential } from '../domain/sealed-push';
import { openOutbox } from './codec';
import type { FaltsamDb, OutboxRow } from './database';
import { isUnlocked } from './keyring';
import { getMeta, setMeta } from './meta';
import {
  clearSwStore,
  deleteSealed,
  getCredential,
  putSealed,
  type SealedRow,
  sealedSeqs,
  setCredential,
  swStoreName,
} from './sw-store';

/** Stores a credential the server issued: the secret under the data key, the rest for the worker. */
export async function savePushCredential(db: FaltsamDb, cred: PushCredential): Promise<void> {
  await setMeta(db, 'pushSecret', cred.secret);
  await setCredential(swStoreName(db.name), {
    deviceId: cred.deviceId,
    token: cred.token,
    sealKey: cred.sealKey,
  });
}

/** Whether this device has a credential for its current device id (else the page asks for one). */
export async function hasPushCredential(db: FaltsamDb): Promise<boolean> {
  const [cred, deviceId, secret] = await Promise.all([
    getCredential(swStoreName(db.name)),
    getMeta(db, 'deviceId'),
    getMeta(db, 'pushSecret'),
  ]);
  return cred !== undefined && cred.deviceId === deviceId && secret !== undefined;
}

function boxContent(deviceId: string, secret: string, e: OutboxRow): Uint8Array<ArrayBuffer> {
  const mutation = {
    id: e.id,
    seq: e.seq,
    entity: e.entity,
    recordId: e.recordId,
    baseVersion: e.baseVersion,
    changes: e.changes,
    at: e.at,
  };
  return new TextEncoder().encode(JSON.stringify({ deviceId, secret, mutation }));
}

/**
 * Seals every pending outbox entry that has no box yet; returns how many. Does nothing without a
 * credential or while locked (the next unlocked round seals what is left).
 */
export async function sealNewOutbox(db: FaltsamDb): Promise<number> {
  if (!isUnlocked(db)) return 0;
  const name = swStoreName(db.name);
  const [cred, deviceId] = await Promise.all([getCredential(name), getMeta(db, 'deviceId')]);
  if (!cred || cred.deviceId !== deviceId) return 0;
  const secret = await getMeta(db, 'pushSecret');
  if (!secret) return 0;
  const have = new Set(await sealedSeqs(name));
  const unsealed = await db.outbox.filter((e) => e.state === 'pending' && !have.has(e.seq)).toArray();
  if (unsealed.length === 0) return 0;
  const rows: SealedRow[] = await Promise.all(
    (await openOutbox(db, unsealed)).map(async (e) => ({
      seq: e.seq,
      id: e.id,
      box: await seal(cred.sealKey, boxContent(cred.deviceId, secret, e)),
    })),
  );
  await putSealed(name, rows);
  return rows.length;
}

/** Seals after a local write; never fails the write (what is not sealed now is sealed later). */
export async function sealAfterWrite(db: FaltsamDb): Promise<void> {
  await sealNewOutbox(db).catch(() => 0);
}

/** Drops the boxes of entries that are no longer pending (answered by the page's own push). */
export async function pruneSealed(db: FaltsamDb): Promise<void> {
  const name = swStoreName(db.name);
  const seqs = await sealedSeqs(name);
  if (seqs.length === 0) return;
  const rows = await db.outbox.bulkGet(seqs);
  await deleteSealed(
    name,
    seqs.filter((_, i) => rows[i]?.state !== 'pending'),
  );
}

/** Forgets the sealed outbox, the receipts and the credential (logout, wipe). */
export function clearSealedOutbox(db: FaltsamDb): Promise<void> {
  return clearSwStore(swStoreName(db.name));
}
