/**
 * Encryption at rest for the device database: the public surface of src/db/crypto. Only a
 * non-extractable data key and wrapped/encrypted bytes ever leave this folder.
 */
export { changeSecret, createDataKey, type KdfOptions, unlock } from './data-key';
export {
  DEFAULT_PBKDF2_ITERATIONS,
  type KeyEnvelope,
  keyEnvelopeSchema,
  MAX_PBKDF2_ITERATIONS,
  parseEnvelope,
} from './envelope';
export {
  CryptoUnavailableError,
  DecryptionError,
  DeviceCryptoError,
  InvalidEnvelopeError,
  WrongSecretError,
} from './errors';
export { decryptJson, type EncryptedBlob, encryptJson, recordAad } from './record-cipher';
