/**
 * Derives the wrapping key from the user's unlock secret: PBKDF2-SHA256 → a non-extractable AES-KW
 * key usable only to wrap/unwrap the data key. The secret is NFKC-normalised first, so the same
 * passphrase typed as composed or decomposed å/ä/ö derives the same key on every device. Both the
 * normalisation and the UTF-8 encoding are part of envelope v1: changing either locks users out.
 */
import { type Bytes, utf8 } from './encoding';
import { CryptoUnavailableError } from './errors';

export interface Pbkdf2Params {
  iterations: number;
  salt: Bytes;
}

// Measured on the dev machine (Node 20.20, 2-vCPU AMD EPYC VM, 20 runs): one derivation at
// 600,000 iterations takes ≈ 0.15 s at best, median 0.19–0.29 s under load (load average ≈ 7).
// Phones are typically 2–4× slower; that is the cost of one unlock or one secret change.
export async function deriveWrappingKey(secret: string, params: Pbkdf2Params): Promise<CryptoKey> {
  try {
    const material = await crypto.subtle.importKey('raw', utf8(secret.normalize('NFKC')), 'PBKDF2', false, [
      'deriveKey',
    ]);
    return await crypto.subtle.deriveKey(
      { name: 'PBKDF2', hash: 'SHA-256', salt: params.salt, iterations: params.iterations },
      material,
      { name: 'AES-KW', length: 256 },
      false,
      ['wrapKey', 'unwrapKey'],
    );
  } catch (e) {
    throw new CryptoUnavailableError('Could not derive the wrapping key (WebCrypto PBKDF2).', { cause: e });
  }
}
