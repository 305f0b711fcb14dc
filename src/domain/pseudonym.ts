/**
 * Pseudonym codes such as NOR-4K7P: an enhet prefix and four characters from an alphabet without
 * look-alikes (no 0/O, 1/I/L), short enough to copy into the kommun's own case system, which alone
 * holds the link to the person. Uniqueness per förbund is enforced by the server.
 */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** `randomInts(n)` returns n uniformly random 32-bit unsigned integers (crypto.getRandomValues). */
export function generatePseudonymCode(prefix: string, randomInts: (n: number) => Uint32Array): string {
  const p = prefix
    .toUpperCase()
    .replace(/[^A-ZÅÄÖ]/g, '')
    .slice(0, 4);
  const safePrefix = p.length >= 2 ? p : 'FS';
  const ints = randomInts(4);
  let suffix = '';
  // 2^32 is not a multiple of 31; the bias (< 1e-8) is irrelevant for a pseudonym.
  for (const n of ints) suffix += CODE_ALPHABET[n % CODE_ALPHABET.length];
  return `${safePrefix}-${suffix}`;
}

export function cryptoRandomInts(n: number): Uint32Array {
  return globalThis.crypto.getRandomValues(new Uint32Array(n));
}
