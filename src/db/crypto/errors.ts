/**
 * The typed failures of the device crypto. Every WebCrypto rejection leaving this folder is one of
 * these (the DOMException kept as `cause`), so callers branch on `instanceof`, never on error names.
 */

/** Base class: anything the at-rest crypto refuses or cannot do. */
export class DeviceCryptoError extends Error {
  override name = 'DeviceCryptoError';
}

/** The unlock secret does not open the key envelope (AES-KW integrity check failed). */
export class WrongSecretError extends DeviceCryptoError {
  override name = 'WrongSecretError';
  constructor(options?: ErrorOptions) {
    super('The secret does not unlock this device’s data key.', options);
  }
}

/** A stored key envelope is not a well-formed version-1 envelope. */
export class InvalidEnvelopeError extends DeviceCryptoError {
  override name = 'InvalidEnvelopeError';
}

/**
 * A stored ciphertext does not authenticate: tampered, truncated, moved to another record (AAD
 * mismatch) or written under another data key. These cases are indistinguishable by design.
 */
export class DecryptionError extends DeviceCryptoError {
  override name = 'DecryptionError';
}

/** WebCrypto failed for a reason other than a wrong key (missing API, unsupported algorithm). */
export class CryptoUnavailableError extends DeviceCryptoError {
  override name = 'CryptoUnavailableError';
}

/** True for the DOMException WebCrypto uses when authentication (GCM tag / KW check) fails. */
export function isAuthFailure(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'OperationError';
}
