/**
 * The device data key: one random AES-GCM-256 key per device, never stored or returned in the clear.
 * It exists on disk only wrapped in a KeyEnvelope; callers get it back only as a non-extractable key.
 */
import { type Bytes, fromBase64, randomBytes, toBase64 } from './encoding';
import {
  DEFAULT_PBKDF2_ITERATIONS,
  type KeyEnvelope,
  MAX_PBKDF2_ITERATIONS,
  parseEnvelope,
  SALT_BYTES,
} from './envelope';
import { CryptoUnavailableError, isAuthFailure, WrongSecretError } from './errors';
import { deriveWrappingKey } from './key-derivation';

export interface KdfOptions {
  /**
   * PBKDF2 iterations for the envelope being written. Production code leaves this out (the default
   * is DEFAULT_PBKDF2_ITERATIONS); tests pass fewer to stay fast.
   */
  iterations?: number;
}

const DATA_KEY_ALGORITHM = { name: 'AES-GCM', length: 256 } as const;
const DATA_KEY_USAGES: KeyUsage[] = ['encrypt', 'decrypt'];

/** Generates the device's data key and its envelope. Store the envelope; keep the key in memory. */
export async function createDataKey(
  secret: string,
  options: KdfOptions = {},
): Promise<{ envelope: KeyEnvelope; key: CryptoKey }> {
  const iterations = checkedIterations(options.iterations ?? DEFAULT_PBKDF2_ITERATIONS);
  checkSecret(secret);
  // Extractable only so that wrapKey accepts it; this handle never leaves the function.
  const raw = await webCrypto('generate the data key', () =>
    crypto.subtle.generateKey(DATA_KEY_ALGORITHM, true, DATA_KEY_USAGES),
  );
  const { envelope, kek } = await seal(raw, secret, iterations);
  return { envelope, key: await openWith(envelope, kek, false) };
}

/** Opens the envelope with the unlock secret: the non-extractable data key, or WrongSecretError. */
export async function unlock(envelope: KeyEnvelope, secret: string): Promise<CryptoKey> {
  const valid = parseEnvelope(envelope);
  return openWith(valid, await kekFor(valid, secret), false);
}

/**
 * Re-wraps the same data key under a new secret (new salt; iterations never below the default or
 * the old envelope's unless passed explicitly), so no record is re-encrypted. Also the way to raise
 * the iteration count: changeSecret(env, s, s). The new envelope is opened once before it is
 * returned; the caller replaces the stored one with it in a single write.
 */
export async function changeSecret(
  envelope: KeyEnvelope,
  oldSecret: string,
  newSecret: string,
  options: KdfOptions = {},
): Promise<KeyEnvelope> {
  const valid = parseEnvelope(envelope);
  const iterations = checkedIterations(
    options.iterations ?? Math.max(DEFAULT_PBKDF2_ITERATIONS, valid.kdf.iterations),
  );
  checkSecret(newSecret);
  // Extractable only for the re-wrap below; dropped when this function returns.
  const dataKey = await openWith(valid, await kekFor(valid, oldSecret), true);
  const { envelope: next, kek } = await seal(dataKey, newSecret, iterations);
  await openWith(next, kek, false);
  return next;
}

async function seal(
  dataKey: CryptoKey,
  secret: string,
  iterations: number,
): Promise<{ envelope: KeyEnvelope; kek: CryptoKey }> {
  const salt = randomBytes(SALT_BYTES);
  const kek = await deriveWrappingKey(secret, { iterations, salt });
  const wrapped = await webCrypto('wrap the data key', () =>
    crypto.subtle.wrapKey('raw', dataKey, kek, 'AES-KW'),
  );
  const envelope = parseEnvelope({
    v: 1,
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: toBase64(salt) },
    wrapped: toBase64(new Uint8Array(wrapped)),
  });
  return { envelope, kek };
}

function kekFor(envelope: KeyEnvelope, secret: string): Promise<CryptoKey> {
  // parseEnvelope has checked that both base64 fields decode to the right lengths.
  const salt = fromBase64(envelope.kdf.salt) as Bytes;
  return deriveWrappingKey(secret, { iterations: envelope.kdf.iterations, salt });
}

async function openWith(envelope: KeyEnvelope, kek: CryptoKey, extractable: boolean): Promise<CryptoKey> {
  const wrapped = fromBase64(envelope.wrapped) as Bytes;
  try {
    return await crypto.subtle.unwrapKey(
      'raw',
      wrapped,
      kek,
      'AES-KW',
      DATA_KEY_ALGORITHM,
      extractable,
      DATA_KEY_USAGES,
    );
  } catch (e) {
    // AES-KW's integrity check is what fails for a wrong secret (a different KEK).
    if (isAuthFailure(e)) throw new WrongSecretError({ cause: e });
    throw new CryptoUnavailableError('Could not unwrap the data key.', { cause: e });
  }
}

async function webCrypto<T>(what: string, op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (e) {
    throw new CryptoUnavailableError(`Could not ${what}.`, { cause: e });
  }
}

function checkedIterations(n: number): number {
  if (!Number.isInteger(n) || n < 1 || n > MAX_PBKDF2_ITERATIONS) {
    throw new RangeError(`PBKDF2 iterations must be an integer in 1…${MAX_PBKDF2_ITERATIONS}, got ${n}`);
  }
  return n;
}

function checkSecret(secret: string): void {
  // Strength rules belong to the UI; an empty secret is a caller bug, not a user choice.
  if (secret.normalize('NFKC').length === 0) throw new RangeError('The unlock secret must not be empty');
}
