/**
 * The PBKDF2 password verifier that builds before encryption at rest kept at login (salt and hash
 * only) to unlock hand-over mode offline. No longer written by the app: hand-over now unlocks with
 * the encrypted store's secret (store-key.ts). Read once on such a device, so its first unlock can
 * create the data key offline and encrypt the old rows (unlockLegacyOffline); then deleted.
 */
import { z } from '../domain/zod';
import type { FaltsamDb } from './database';

export const UNLOCK_ITERATIONS = 600_000;
const SALT_BYTES = 16;
const HASH_BITS = 256;
const META_KEY = 'unlockVerifier';

const Base64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/);
export const UnlockVerifier = z.strictObject({
  v: z.literal(1),
  iterations: z.int().min(1).max(20_000_000),
  salt: Base64,
  hash: Base64,
});
export type UnlockVerifier = z.infer<typeof UnlockVerifier>;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

async function stretch(
  password: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<Uint8Array> {
  // NFKC: the same password typed with composed or decomposed å/ä/ö gives the same hash.
  const material = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(password.normalize('NFKC')),
    'PBKDF2',
    false,
    ['deriveBits'],
  );
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    material,
    HASH_BITS,
  );
  return new Uint8Array(bits);
}

/** A fresh verifier for `password` (random salt). `iterations` below the default is for tests only. */
export async function deriveUnlockVerifier(
  password: string,
  iterations: number = UNLOCK_ITERATIONS,
): Promise<UnlockVerifier> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  return {
    v: 1,
    iterations,
    salt: toBase64(salt),
    hash: toBase64(await stretch(password, salt, iterations)),
  };
}

export async function storeUnlockVerifier(db: FaltsamDb, verifier: UnlockVerifier): Promise<void> {
  await db.meta.put({ key: META_KEY, value: UnlockVerifier.parse(verifier) });
}

async function readVerifier(db: FaltsamDb): Promise<UnlockVerifier | null> {
  const parsed = UnlockVerifier.safeParse((await db.meta.get(META_KEY))?.value);
  return parsed.success ? parsed.data : null;
}

/** Whether this device can check the password offline (a login since this feature shipped). */
export async function hasUnlockVerifier(db: FaltsamDb): Promise<boolean> {
  return (await readVerifier(db)) !== null;
}

/** True when `password` is the one given at the last login on this device. Offline. */
export async function checkUnlockPassword(db: FaltsamDb, password: string): Promise<boolean> {
  const verifier = await readVerifier(db);
  if (!verifier || password.length === 0) return false;
  const expected = fromBase64(verifier.hash);
  const actual = await stretch(password, fromBase64(verifier.salt), verifier.iterations);
  // Compare every byte, so the time taken says nothing about where the first difference is.
  let diff = expected.length ^ actual.length;
  for (let i = 0; i < expected.length; i++) diff |= (expected[i] ?? 0) ^ (actual[i] ?? 0);
  return diff === 0;
}
