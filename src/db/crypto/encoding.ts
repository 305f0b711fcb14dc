/**
 * Byte helpers for the device crypto: strict canonical base64 (for the JSON key envelope), UTF-8
 * and fresh randomness. Only crypto.getRandomValues is used; nothing here is secret-dependent.
 */

/** Bytes backed by a plain ArrayBuffer: what WebCrypto accepts and IndexedDB clones as-is. */
export type Bytes = Uint8Array<ArrayBuffer>;

export function randomBytes(length: number): Bytes {
  return crypto.getRandomValues(new Uint8Array(length));
}

// One encoder for the module: a device decrypting thousands of records at unlock should not make
// thousands of encoders.
const ENCODER = new TextEncoder();

export function utf8(text: string): Bytes {
  return ENCODER.encode(text) as Bytes;
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

const CANONICAL_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Decodes padded standard base64; null for anything else (whitespace, url-safe, bad padding). */
export function fromBase64(text: string): Bytes | null {
  if (!CANONICAL_BASE64.test(text)) return null;
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  // Non-zero trailing bits would let two strings name the same bytes; refuse them.
  return toBase64(out) === text ? out : null;
}
