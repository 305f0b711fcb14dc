/**
 * What the service worker may read and write, in its own small IndexedDB database beside the
 * device database: the sealed outbox (boxes only the server can open), the server's receipts for
 * them (ids, sequences, versions, names of conflicting fields, refusal codes — no content) and the
 * push-only credential. Nothing here is readable record data, so it needs no data key, and the
 * worker reaches it with raw IndexedDB: no Dexie, no zod, so sw.js stays small.
 */
import type { SealedBox, SealKey } from '../domain/sealed-box';
import type { MutationResult } from '../domain/sync-protocol';

export interface SealedRow {
  /** The outbox entry's sequence; the boxes are sent in this order. */
  seq: number;
  /** The mutation id (a random UUID, as in the outbox's index). */
  id: string;
  box: SealedBox;
}

/** What the worker needs to push: the token and which key the boxes are sealed for. No secret. */
export interface SwCredential {
  deviceId: string;
  token: string;
  sealKey: SealKey;
}

const SEALED = 'sealed';
const RECEIPTS = 'receipts';
const CONFIG = 'config';
const CREDENTIAL = 'credential';

/** The worker's database of a device database: 'faltsam' → 'faltsam-sw'. */
export const swStoreName = (deviceDbName: string) => `${deviceDbName}-sw`;

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

function open(name: string): Promise<IDBDatabase> {
  const r = indexedDB.open(name, 1);
  r.onupgradeneeded = () => {
    r.result.createObjectStore(SEALED, { keyPath: 'seq' });
    r.result.createObjectStore(RECEIPTS, { keyPath: 'seq' });
    r.result.createObjectStore(CONFIG);
  };
  return request(r);
}

/** Runs `work` in one transaction and resolves with its result once the transaction has committed. */
async function inTx<T>(
  name: string,
  stores: string[],
  mode: IDBTransactionMode,
  work: (tx: IDBTransaction) => Promise<T>,
): Promise<T> {
  const db = await open(name);
  try {
    const tx = db.transaction(stores, mode, { durability: 'strict' });
    const done = new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onabort = () => reject(tx.error);
      tx.onerror = () => reject(tx.error);
    });
    const result = await work(tx);
    await done;
    return result;
  } finally {
    db.close();
  }
}

export function putSealed(name: string, rows: readonly SealedRow[]): Promise<void> {
  return inTx(name, [SEALED], 'readwrite', async (tx) => {
    for (const row of rows) tx.objectStore(SEALED).put(row);
  });
}

/** The oldest boxes first, at most `limit`. */
export function readSealed(name: string, limit: number): Promise<SealedRow[]> {
  return inTx(name, [SEALED], 'readonly', (tx) => request(tx.objectStore(SEALED).getAll(null, limit)));
}

export function sealedSeqs(name: string): Promise<number[]> {
  return inTx(name, [SEALED], 'readonly', async (tx) =>
    (await request(tx.objectStore(SEALED).getAllKeys())).map(Number),
  );
}

/** The sequences the worker has a box or an answer for: neither is sealed again. */
export function knownSeqs(name: string): Promise<number[]> {
  return inTx(name, [SEALED, RECEIPTS], 'readonly', async (tx) => {
    const [sealed, answered] = await Promise.all([
      request(tx.objectStore(SEALED).getAllKeys()),
      request(tx.objectStore(RECEIPTS).getAllKeys()),
    ]);
    return [...sealed, ...answered].map(Number);
  });
}

export function deleteSealed(name: string, seqs: readonly number[]): Promise<void> {
  return inTx(name, [SEALED], 'readwrite', async (tx) => {
    for (const seq of seqs) tx.objectStore(SEALED).delete(seq);
  });
}

/**
 * Keeps the server's answers and drops their boxes, in one transaction: an answered box is never
 * sent again, and an answer is never lost (the server forgets answers below a batch's lowest seq).
 */
export function storeReceipts(name: string, results: readonly MutationResult[]): Promise<void> {
  return inTx(name, [SEALED, RECEIPTS], 'readwrite', async (tx) => {
    for (const r of results) {
      tx.objectStore(RECEIPTS).put(r);
      tx.objectStore(SEALED).delete(r.seq);
    }
  });
}

export function readReceipts(name: string): Promise<MutationResult[]> {
  return inTx(name, [RECEIPTS], 'readonly', (tx) => request(tx.objectStore(RECEIPTS).getAll()));
}

export function deleteReceipts(name: string, seqs: readonly number[]): Promise<void> {
  return inTx(name, [RECEIPTS], 'readwrite', async (tx) => {
    for (const seq of seqs) tx.objectStore(RECEIPTS).delete(seq);
  });
}

export function getCredential(name: string): Promise<SwCredential | undefined> {
  return inTx(name, [CONFIG], 'readonly', (tx) => request(tx.objectStore(CONFIG).get(CREDENTIAL)));
}

export function setCredential(name: string, cred: SwCredential): Promise<void> {
  return inTx(name, [CONFIG], 'readwrite', async (tx) => {
    tx.objectStore(CONFIG).put(cred, CREDENTIAL);
  });
}

/** Empties everything (logout and wipe): the boxes, the receipts and the credential. */
export function clearSwStore(name: string): Promise<void> {
  return inTx(name, [SEALED, RECEIPTS, CONFIG], 'readwrite', async (tx) => {
    for (const s of [SEALED, RECEIPTS, CONFIG]) tx.objectStore(s).clear();
  });
}
