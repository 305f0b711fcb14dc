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
  knownSeqs,
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
 * Seals pending outbox entries that have no box yet; returns how many. After a write only those
 * above the newest box are looked at (a walk of the outbox's key, not of all of it: saving the
 * thousandth offline ärende costs what the first did); `all` also finds older ones left unsealed
 * (a lock or a crash between a save and its seal), once per sync round. Does nothing without a
 * credential or while locked (the next unlocked round seals what is left).
 */
export async function sealNewOutbox(db: FaltsamDb, { all = false }: { all?: boolean } = {}): Promise<number> {
  if (!isUnlocked(db)) return 0;
  const name = swStoreName(db.name);
  const [cred, deviceId] = await Promise.all([getCredential(name), getMeta(db, 'deviceId')]);
  if (!cred || cred.deviceId !== deviceId) return 0;
  const secret = await getMeta(db, 'pushSecret');
  if (!secret) return 0;
  const seqs = await knownSeqs(name);
  const have = new Set(seqs);
  const from = all ? 0 : Math.max(0, ...seqs);
  const unsealed = await db.outbox
    .where(':id')
    .above(from)
    .filter((e) => e.state === 'pending' && !have.has(e.seq))
    .toArray();
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
