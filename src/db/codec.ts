/**
 * What is encrypted at rest and how: the one place rows are turned into what IndexedDB stores and
 * back. Record data, an outbox entry's changes (with its base version, time and any error from the
 * server), conflict values and every meta value outside PLAINTEXT_META are AES-GCM blobs whose
 * additional data names the row, so a blob cannot be moved to another row. What stays readable is
 * what the indexes and the locked screen need: entity names, random UUIDs, outbox sequence/state,
 * and the few meta keys listed below.
 *
 * WebCrypto is asynchronous and IndexedDB commits a transaction that waits on anything else, so
 * every crypto call goes through Dexie.waitFor, which keeps an open transaction alive (and keeps
 * liveQuery's read tracking) until it settles. Callers that can encrypt before opening the
 * transaction do so; the read-modify-write transactions (a save that folds in rejected edits, a
 * pulled page laid over pending edits) stay one atomic transaction this way.
 */
import Dexie from 'dexie';
import { decryptJson, type EncryptedBlob, encryptJson, recordAad } from './crypto';
import type {
  ConflictRow,
  FaltsamDb,
  OutboxRow,
  RecordRow,
  StoredConflictRow,
  StoredMetaRow,
  StoredOutboxRow,
  StoredRecordRow,
} from './database';
import { currentKey } from './keyring';

/**
 * Meta keys stored in plain text: needed before unlock (the key envelope, who the device belongs to
 * for the lock screen, the hand-over lock that decides the first screen) or bookkeeping with no
 * content (device id, sequence, cursor, the ärende rows' random generation token, which
 * snapshot-guard.ts writes inside transactions where nothing can be sealed). Everything else is
 * encrypted.
 */
export const PLAINTEXT_META: ReadonlySet<string> = new Set([
  'deviceId',
  'nextSeq',
  'cursor',
  'startingOver',
  'keyEnvelope',
  'lockUser',
  'handoverLock',
  'arendeGen',
]);

/**
 * A row's IV as a string, the one way rows are compared by write: every seal draws a fresh random
 * IV, so two rows (or a row and what was remembered of it) with the same IV hold the same write.
 */
export function ivKey(iv: Uint8Array): string {
  // A loop, not String.fromCharCode(...iv): this runs for every row of every list read.
  let k = '';
  for (let i = 0; i < iv.length; i++) k += String.fromCharCode(iv[i] as number);
  return k;
}

function viaDexie<T>(p: Promise<T>): Promise<T> {
  return Dexie.waitFor(p);
}

async function key(db: FaltsamDb): Promise<CryptoKey> {
  const k = currentKey(db);
  return k instanceof Promise ? viaDexie(k) : k;
}

export async function seal(db: FaltsamDb, aad: string, value: unknown): Promise<EncryptedBlob> {
  const k = await key(db);
  return viaDexie(encryptJson(k, value, aad));
}

export async function open(db: FaltsamDb, aad: string, blob: EncryptedBlob): Promise<unknown> {
  const k = await key(db);
  return viaDexie(decryptJson(k, blob, aad));
}

/** Seals many values with one key lookup and one wait. */
async function sealMany(db: FaltsamDb, items: readonly [string, unknown][]): Promise<EncryptedBlob[]> {
  currentKey(db); // locked: LockedError, even with nothing to seal
  if (items.length === 0) return [];
  const k = await key(db);
  return viaDexie(Promise.all(items.map(([aad, v]) => encryptJson(k, v, aad))));
}

async function openMany(db: FaltsamDb, items: readonly [string, EncryptedBlob][]): Promise<unknown[]> {
  currentKey(db); // locked: LockedError, even for rows written before encryption
  if (items.length === 0) return [];
  const k = await key(db);
  return viaDexie(Promise.all(items.map(([aad, b]) => decryptJson(k, b, aad))));
}

// ---- records

const recAad = (r: { entity: string; id: string }) => recordAad(r.entity, r.id);

/**
 * The server version of a record is stored in the clear on its row (StoredRecordRow.version), not
 * in the sealed data: it is a counter, not content, and a push's answers set it on thousands of
 * rows without decrypting or encrypting anything (sync-apply.ts).
 */
export async function sealRecords(db: FaltsamDb, rows: readonly RecordRow[]): Promise<StoredRecordRow[]> {
  const split = rows.map((r) => splitVersion(r.data));
  const blobs = await sealMany(
    db,
    rows.map((r, i) => [recAad(r), (split[i] as Split).sealed]),
  );
  return rows.map((r, i) => {
    const { version } = split[i] as Split;
    const row: StoredRecordRow = { entity: r.entity, id: r.id, enc: blobs[i] as EncryptedBlob };
    if (version !== undefined) row.version = version;
    return row;
  });
}

interface Split {
  sealed: Record<string, unknown>;
  version: number | undefined;
}

function splitVersion(data: Record<string, unknown>): Split {
  if (typeof data.version !== 'number') return { sealed: data, version: undefined };
  const { version, ...sealed } = data;
  return { sealed, version: version as number };
}

/**
 * The later of a row's clear version and the one sealed in its data. New writes seal none; a row
 * written before versions were kept on the row (database.ts, version 2) has only the sealed one;
 * and a tab still running the build before, open while another tab upgraded the store (Dexie
 * opens it at the old version), seals the version inside and may leave a stale clear one on the
 * row. Versions only grow, so the later one is right in every case.
 */
export function laterVersion(clear: number | undefined, sealed: unknown): number | undefined {
  if (typeof sealed !== 'number') return clear;
  return clear === undefined || sealed > clear ? sealed : clear;
}

/**
 * A record's data with the version of its row (laterVersion). Just-decrypted data is this
 * caller's own object and is set in place; a plain row's data is copied.
 */
function withRowVersion(
  row: StoredRecordRow,
  opened: Record<string, unknown> | undefined,
): Record<string, unknown> {
  if (opened) {
    const version = laterVersion(row.version, opened.version);
    if (version !== undefined) opened.version = version;
    return opened;
  }
  const plain = row.data as Record<string, unknown>;
  const version = laterVersion(row.version, plain.version);
  return version === plain.version ? plain : { ...plain, version };
}

/** Plain rows of data written before encryption (kept until the first unlock encrypts them) pass through. */
export async function openRecords(
  db: FaltsamDb,
  rows: readonly StoredRecordRow[],
): Promise<Record<string, unknown>[]> {
  const sealed = rows.filter((r) => r.enc);
  const plain = await openMany(
    db,
    sealed.map((r) => [recAad(r), r.enc as EncryptedBlob]),
  );
  const byRow = new Map(sealed.map((r, i) => [r, plain[i] as Record<string, unknown>]));
  return rows.map((r) => withRowVersion(r, byRow.get(r)));
}

/**
 * Decrypts with a key already at hand and without Dexie.waitFor: for a caller that starts the
 * decryption inside a read transaction and awaits it only after the transaction (readAllDecrypting).
 */
export function openRecordsWith(
  key: CryptoKey,
  rows: readonly StoredRecordRow[],
): Promise<Record<string, unknown>[]> {
  return Promise.all(
    rows.map(async (r) =>
      withRowVersion(
        r,
        r.enc ? ((await decryptJson(key, r.enc, recAad(r))) as Record<string, unknown>) : undefined,
      ),
    ),
  );
}

// ---- outbox

type OutboxSecret = Pick<OutboxRow, 'baseVersion' | 'changes' | 'at' | 'error'>;
const outAad = (r: { id: string }) => recordAad('outbox', r.id);

export async function sealOutbox(db: FaltsamDb, rows: readonly OutboxRow[]): Promise<StoredOutboxRow[]> {
  const blobs = await sealMany(
    db,
    rows.map((r) => {
      const secret: OutboxSecret = { baseVersion: r.baseVersion, changes: r.changes, at: r.at };
      if (r.error) secret.error = r.error;
      return [outAad(r), secret];
    }),
  );
  return rows.map((r, i) => ({
    seq: r.seq,
    id: r.id,
    entity: r.entity,
    recordId: r.recordId,
    state: r.state,
    ...(r.delete ? { delete: true as const } : {}),
    enc: blobs[i] as EncryptedBlob,
  }));
}

export async function openOutbox(db: FaltsamDb, rows: readonly StoredOutboxRow[]): Promise<OutboxRow[]> {
  const sealed = rows.filter((r) => r.enc);
  const secrets = await openMany(
    db,
    sealed.map((r) => [outAad(r), r.enc as EncryptedBlob]),
  );
  const byRow = new Map(sealed.map((r, i) => [r, secrets[i] as OutboxSecret]));
  return rows.map((r) => {
    const { enc: _enc, ...visible } = r;
    const secret = byRow.get(r) ?? (r as unknown as OutboxSecret);
    const out: OutboxRow = {
      ...visible,
      baseVersion: secret.baseVersion,
      changes: secret.changes,
      at: secret.at,
    };
    if (secret.error) out.error = secret.error;
    return out;
  });
}

// ---- conflicts

type ConflictSecret = Pick<ConflictRow, 'local' | 'server' | 'serverPending' | 'at'>;
const conAad = (r: { id: string }) => recordAad('conflict', r.id);

export async function sealConflicts(
  db: FaltsamDb,
  rows: readonly ConflictRow[],
): Promise<StoredConflictRow[]> {
  const blobs = await sealMany(
    db,
    rows.map((r) => [
      conAad(r),
      { local: r.local, server: r.server, serverPending: r.serverPending, at: r.at } satisfies ConflictSecret,
    ]),
  );
  return rows.map((r, i) => ({
    id: r.id,
    entity: r.entity,
    recordId: r.recordId,
    field: r.field,
    enc: blobs[i] as EncryptedBlob,
  }));
}

export async function openConflicts(
  db: FaltsamDb,
  rows: readonly StoredConflictRow[],
): Promise<ConflictRow[]> {
  const sealed = rows.filter((r) => r.enc);
  const secrets = await openMany(
    db,
    sealed.map((r) => [conAad(r), r.enc as EncryptedBlob]),
  );
  const byRow = new Map(sealed.map((r, i) => [r, secrets[i] as ConflictSecret]));
  return rows.map((r) => {
    const { enc: _enc, ...visible } = r;
    const s = byRow.get(r) ?? (r as unknown as ConflictSecret);
    return {
      ...visible,
      local: s.local,
      server: s.server,
      ...(s.serverPending ? { serverPending: true } : {}),
      at: s.at,
    };
  });
}

// ---- meta

const metaAad = (k: string) => recordAad('meta', k);

export async function sealMeta(db: FaltsamDb, key: string, value: unknown): Promise<StoredMetaRow> {
  if (PLAINTEXT_META.has(key)) return { key, value };
  return { key, enc: await seal(db, metaAad(key), value) };
}

export async function openMeta(db: FaltsamDb, key: string, row: StoredMetaRow | undefined): Promise<unknown> {
  if (!PLAINTEXT_META.has(key)) currentKey(db); // locked: LockedError
  if (!row) return undefined;
  if (row.enc) return open(db, metaAad(key), row.enc);
  return row.value;
}
