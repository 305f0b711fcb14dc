/**
 * The key envelope: the device's data key, wrapped (AES-KW) under a passphrase-derived key, plus the
 * KDF parameters that derive it. Plain JSON (base64 bytes) so it can live in `meta`; always parsed
 * with zod on read. Version 1 means PBKDF2-SHA256 → AES-KW-256 wrapping an AES-GCM-256 key.
 */
import { z } from '../../domain/zod';
import { fromBase64 } from './encoding';
import { InvalidEnvelopeError } from './errors';

/** OWASP 2023 floor for PBKDF2-HMAC-SHA256; new envelopes and changed secrets use at least this. */
export const DEFAULT_PBKDF2_ITERATIONS = 600_000;
/**
 * Ceiling on what an envelope may ask for, so a corrupted or planted envelope cannot stall unlock
 * for minutes. Far above what we would raise the default to on phones.
 */
export const MAX_PBKDF2_ITERATIONS = 20_000_000;
export const SALT_BYTES = 16;
/** AES-KW output for a 32-byte key: the key plus the 8-byte integrity block. */
export const WRAPPED_KEY_BYTES = 40;

const base64Of = (bytes: number) =>
  z.string().refine((s) => fromBase64(s)?.length === bytes, `must be base64 of exactly ${bytes} bytes`);

export const keyEnvelopeSchema = z.strictObject({
  v: z.literal(1),
  kdf: z.strictObject({
    name: z.literal('PBKDF2'),
    hash: z.literal('SHA-256'),
    // No floor here beyond 1: the floor is enforced when an envelope is written, and a lowered
    // count in storage only derives a different key (unlock then fails) — it opens nothing.
    iterations: z.number().int().min(1).max(MAX_PBKDF2_ITERATIONS),
    salt: base64Of(SALT_BYTES),
  }),
  wrapped: base64Of(WRAPPED_KEY_BYTES),
});

export type KeyEnvelope = z.infer<typeof keyEnvelopeSchema>;

/** Validates an envelope read from storage; throws InvalidEnvelopeError naming what is wrong. */
export function parseEnvelope(input: unknown): KeyEnvelope {
  const result = keyEnvelopeSchema.safeParse(input);
  if (result.success) return result.data;
  const detail = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
  throw new InvalidEnvelopeError(`Invalid key envelope: ${detail}`, { cause: result.error });
}
