/**
 * Encrypts JSON values for IndexedDB with the data key: AES-GCM-256, a fresh random 12-byte IV per
 * write, and additional data binding the ciphertext to one record, so it cannot be moved to another.
 */
import { type Bytes, randomBytes, utf8 } from './encoding';
import { CryptoUnavailableError, DecryptionError, isAuthFailure } from './errors';

/** What is stored in place of a record's plaintext. Raw bytes: IndexedDB clones them as-is. */
export interface EncryptedBlob {
  v: 1;
  iv: Bytes;
  /** Ciphertext followed by the 16-byte GCM tag. */
  ct: Bytes;
}

/** Stateless with decode(bytes) (no stream option), so one instance serves every call. */
const DECODER = new TextDecoder('utf-8', { fatal: true });
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Domain separation: the format version is authenticated too, not just the stored `v`. */
const AAD_PREFIX = 'faltsam.blob.v1:';

/**
 * The additional data for a record: `${entity}:${id}`. Entity names never contain ':', so the
 * split is unambiguous whatever the id holds.
 */
export function recordAad(entity: string, id: string): string {
  if (entity.length === 0 || entity.includes(':')) throw new RangeError(`Bad entity name for AAD: ${entity}`);
  return `${entity}:${id}`;
}

/**
 * IVs come from the CSPRNG in blocks of 256 (one getRandomValues call, not one per write: a sync
 * round re-encrypts thousands of records). Each is copied out, so no stored IV shares a buffer with
 * another; IVs are not secret, and random 96-bit IVs stay as unlikely to repeat as before.
 */
const IV_BLOCK = 256;
let ivPool: Bytes = new Uint8Array(0);
let ivUsed = 0;
function freshIv(): Bytes {
  if (ivUsed + IV_BYTES > ivPool.length) {
    ivPool = randomBytes(IV_BYTES * IV_BLOCK);
    ivUsed = 0;
  }
  const iv = ivPool.slice(ivUsed, ivUsed + IV_BYTES);
  ivUsed += IV_BYTES;
  return iv;
}

/** Encrypts JSON.stringify(value). Throws TypeError (from JSON) for values JSON cannot hold. */
export async function encryptJson(key: CryptoKey, value: unknown, aad: string): Promise<EncryptedBlob> {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError('encryptJson: value has no JSON form');
  const iv = freshIv();
  let ct: ArrayBuffer;
  try {
    ct = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: utf8(AAD_PREFIX + aad) },
      key,
      utf8(json),
    );
  } catch (e) {
    throw new CryptoUnavailableError('Could not encrypt (is this the data key?).', { cause: e });
  }
  return { v: 1, iv, ct: new Uint8Array(ct) };
}

/**
 * Decrypts and parses a blob written by encryptJson for the same `aad`. Any malformed, tampered or
 * misplaced blob throws DecryptionError; the result is unvalidated JSON for the caller's schema.
 */
export async function decryptJson(key: CryptoKey, blob: EncryptedBlob, aad: string): Promise<unknown> {
  // The blob comes from storage: check its shape at runtime whatever its static type says.
  const candidate = blob as unknown as Partial<Record<'v' | 'iv' | 'ct', unknown>> | null;
  if (typeof candidate !== 'object' || candidate === null || candidate.v !== 1) {
    throw new DecryptionError('Not a version-1 encrypted blob.');
  }
  const iv = bytesOf(candidate.iv);
  const ct = bytesOf(candidate.ct);
  if (iv?.length !== IV_BYTES || ct === null || ct.length < TAG_BYTES) {
    throw new DecryptionError('Encrypted blob has a malformed iv or ciphertext.');
  }
  let plain: ArrayBuffer;
  try {
    plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv, additionalData: utf8(AAD_PREFIX + aad) },
      key,
      ct,
    );
  } catch (e) {
    throw new DecryptionError(
      isAuthFailure(e)
        ? 'Encrypted blob failed authentication (tampered, another record’s, or another key’s).'
        : 'Could not decrypt the blob.',
      { cause: e },
    );
  }
  try {
    return JSON.parse(DECODER.decode(plain));
  } catch (e) {
    // Unreachable for blobs this module wrote: the tag authenticated the bytes.
    throw new DecryptionError('Decrypted blob is not UTF-8 JSON.', { cause: e });
  }
}

function bytesOf(x: unknown): Bytes | null {
  if (x instanceof Uint8Array && x.buffer instanceof ArrayBuffer) return x as Bytes;
  if (x instanceof ArrayBuffer) return new Uint8Array(x);
  return null;
}
