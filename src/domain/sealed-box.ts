/**
 * Sealed boxes: hybrid public-key encryption that a device uses to seal an outbox entry for the
 * server, so that the service worker can carry it while the app is locked without being able to
 * read it. The construction is ECIES as HPKE (RFC 9180) builds its DHKEM(P-256, HKDF-SHA256) +
 * AES-256-GCM: a fresh ephemeral ECDH P-256 key per box, the shared secret run through HKDF-SHA256
 * with both public keys in the info (so a box is bound to the key it was sealed for), AES-GCM with
 * the key id as additional data. Only WebCrypto, so the page and the server (Node's webcrypto) run
 * the same code; nothing on the device can open a box — the private key never leaves the server.
 */
import { z } from './zod';

const CURVE = { name: 'ECDH', namedCurve: 'P-256' } as const;
const INFO_PREFIX = 'faltsam sealed box v1';
/** An uncompressed P-256 point: 0x04 ‖ x ‖ y. */
const POINT_BYTES = 65;
const IV_BYTES = 12;

const b64url = z.string().regex(/^[A-Za-z0-9_-]+$/);

/** The public half of a seal key, as the server publishes it. */
export const SealKey = z.object({
  kid: z.string().regex(/^[a-z0-9-]{1,64}$/),
  publicKey: b64url.length(87),
});
export type SealKey = z.infer<typeof SealKey>;

export const SealedBox = z.object({
  v: z.literal(1),
  kid: z.string().max(64),
  epk: b64url.length(87),
  iv: b64url.length(16),
  // A full outbox entry is bounded by the push's body limit; this keeps one box well inside it.
  ct: b64url.min(22).max(2_000_000),
});
export type SealedBox = z.infer<typeof SealedBox>;

export class SealedBoxError extends Error {
  constructor() {
    super('The sealed box cannot be opened with this key.');
    this.name = 'SealedBoxError';
  }
}

export function toB64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

export function fromB64url(text: string): Uint8Array<ArrayBuffer> {
  const s = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** HKDF-SHA256 over the ECDH secret, bound to both public keys and the key id. */
async function boxKey(
  privateKey: CryptoKey,
  peer: Uint8Array<ArrayBuffer>,
  epk: Uint8Array,
  recipient: Uint8Array,
  kid: string,
  usage: 'encrypt' | 'decrypt',
): Promise<CryptoKey> {
  const subtle = globalThis.crypto.subtle;
  const peerKey = await subtle.importKey('raw', peer, CURVE, false, []);
  const secret = await subtle.deriveBits({ name: 'ECDH', public: peerKey }, privateKey, 256);
  const ikm = await subtle.importKey('raw', secret, 'HKDF', false, ['deriveKey']);
  const info = concat(new TextEncoder().encode(`${INFO_PREFIX}|${kid}|`), epk, recipient);
  return subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(32), info },
    ikm,
    { name: 'AES-GCM', length: 256 },
    false,
    [usage],
  );
}

/** Seals `plaintext` for the holder of the private half of `key`. */
export async function seal(key: SealKey, plaintext: Uint8Array<ArrayBuffer>): Promise<SealedBox> {
  const subtle = globalThis.crypto.subtle;
  const recipient = fromB64url(key.publicKey);
  const eph = (await subtle.generateKey(CURVE, true, ['deriveBits'])) as CryptoKeyPair;
  const epk = new Uint8Array(await subtle.exportKey('raw', eph.publicKey));
  const aes = await boxKey(eph.privateKey, recipient, epk, recipient, key.kid, 'encrypt');
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const aad = new TextEncoder().encode(key.kid);
  const ct = new Uint8Array(
    await subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad }, aes, plaintext),
  );
  return { v: 1, kid: key.kid, epk: toB64url(epk), iv: toB64url(iv), ct: toB64url(ct) };
}

/** Opens a box with the recipient's key pair; any tampering or wrong key is a SealedBoxError. */
export async function openBox(
  recipient: { kid: string; publicKey: string; privateKey: CryptoKey },
  box: SealedBox,
): Promise<Uint8Array> {
  if (box.kid !== recipient.kid) throw new SealedBoxError();
  try {
    const epk = fromB64url(box.epk);
    if (epk.length !== POINT_BYTES) throw new SealedBoxError();
    const pub = fromB64url(recipient.publicKey);
    const aes = await boxKey(recipient.privateKey, epk, epk, pub, box.kid, 'decrypt');
    const aad = new TextEncoder().encode(box.kid);
    const plain = await globalThis.crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: fromB64url(box.iv), additionalData: aad },
      aes,
      fromB64url(box.ct),
    );
    return new Uint8Array(plain);
  } catch {
    throw new SealedBoxError();
  }
}

/** A new seal key pair: the public half to publish, the private half as JWK for the server's store. */
export async function generateSealKeyPair(): Promise<{ publicKey: string; privateJwk: JsonWebKey }> {
  const subtle = globalThis.crypto.subtle;
  const pair = (await subtle.generateKey(CURVE, true, ['deriveBits'])) as CryptoKeyPair;
  return {
    publicKey: toB64url(new Uint8Array(await subtle.exportKey('raw', pair.publicKey))),
    privateJwk: await subtle.exportKey('jwk', pair.privateKey),
  };
}

export function importSealPrivateKey(jwk: JsonWebKey): Promise<CryptoKey> {
  return globalThis.crypto.subtle.importKey('jwk', jwk, CURVE, false, ['deriveBits']);
}
