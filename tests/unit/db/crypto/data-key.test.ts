// The data key and its envelope: unlock with the right secret only, a typed WrongSecretError
// otherwise, and changeSecret re-wrapping the same key so old ciphertexts stay readable.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  changeSecret,
  createDataKey,
  DEFAULT_PBKDF2_ITERATIONS,
  decryptJson,
  encryptJson,
  InvalidEnvelopeError,
  type KeyEnvelope,
  parseEnvelope,
  recordAad,
  unlock,
  WrongSecretError,
} from '../../../../src/db/crypto';

// Few iterations keep these tests fast; 'uses the default parameters' covers the real count.
const FAST = { iterations: 1_000 };
const AAD = recordAad('arende', 'r1');
const RECORD = { id: 'r1', status: 'aktiv', anteckningar: 'Möte med FK bokat' };

describe('createDataKey / unlock', () => {
  it('gives back a key that reads what the created key wrote', async () => {
    const { envelope, key } = await createDataKey('rätt lösenfras', FAST);
    const blob = await encryptJson(key, RECORD, AAD);
    const unlocked = await unlock(envelope, 'rätt lösenfras');
    expect(await decryptJson(unlocked, blob, AAD)).toEqual(RECORD);
  });

  it('hands out only non-extractable AES-GCM keys for encrypt/decrypt', async () => {
    const { envelope, key } = await createDataKey('s', FAST);
    for (const k of [key, await unlock(envelope, 's')]) {
      expect(k.extractable).toBe(false);
      expect(k.algorithm).toMatchObject({ name: 'AES-GCM', length: 256 });
      expect([...k.usages].sort()).toEqual(['decrypt', 'encrypt']);
      await expect(crypto.subtle.exportKey('raw', k)).rejects.toThrow();
    }
  });

  it('writes a JSON envelope with a random 16-byte salt and a fresh data key each time', async () => {
    const a = await createDataKey('same', FAST);
    const b = await createDataKey('same', FAST);
    expect(parseEnvelope(JSON.parse(JSON.stringify(a.envelope)))).toEqual(a.envelope);
    expect(a.envelope.kdf).toMatchObject({ name: 'PBKDF2', hash: 'SHA-256', iterations: 1_000 });
    expect(atob(a.envelope.kdf.salt)).toHaveLength(16);
    expect(a.envelope.kdf.salt).not.toBe(b.envelope.kdf.salt);
    expect(a.envelope.wrapped).not.toBe(b.envelope.wrapped);
    const blob = await encryptJson(a.key, RECORD, AAD);
    await expect(decryptJson(b.key, blob, AAD)).rejects.toThrow();
  });

  it('fails with WrongSecretError for any other secret, never with garbage or a DOMException', async () => {
    const { envelope } = await createDataKey('rätt lösenfras', FAST);
    await fc.assert(
      fc.asyncProperty(fc.string(), async (guess) => {
        fc.pre(guess.normalize('NFKC') !== 'rätt lösenfras');
        await expect(unlock(envelope, guess)).rejects.toBeInstanceOf(WrongSecretError);
      }),
      { numRuns: 50 },
    );
    const error = await unlock(envelope, 'Rätt lösenfras').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WrongSecretError);
    expect((error as Error).cause).toBeDefined();
  });

  it('treats composed and decomposed å/ä/ö as the same secret', async () => {
    const composed = 'sjö\u00e5';
    const decomposed = 'sjo\u0308a\u030a';
    expect(composed).not.toBe(decomposed);
    const { envelope } = await createDataKey(composed, FAST);
    await expect(unlock(envelope, decomposed)).resolves.toBeDefined();
  });

  it('fails with WrongSecretError when the stored parameters were changed', async () => {
    const { envelope } = await createDataKey('s', FAST);
    const lowered = { ...envelope, kdf: { ...envelope.kdf, iterations: 1 } };
    await expect(unlock(lowered, 's')).rejects.toBeInstanceOf(WrongSecretError);
    const otherSalt = { ...envelope, kdf: { ...envelope.kdf, salt: btoa('x'.repeat(16)) } };
    await expect(unlock(otherSalt, 's')).rejects.toBeInstanceOf(WrongSecretError);
    const flipped = atob(envelope.wrapped);
    const tampered = {
      ...envelope,
      wrapped: btoa(`${flipped.slice(0, -1)}${flipped.at(-1) === 'a' ? 'b' : 'a'}`),
    };
    await expect(unlock(tampered, 's')).rejects.toBeInstanceOf(WrongSecretError);
  });

  it('refuses a malformed envelope with InvalidEnvelopeError before deriving anything', async () => {
    await expect(unlock({ v: 1 } as unknown as KeyEnvelope, 's')).rejects.toBeInstanceOf(
      InvalidEnvelopeError,
    );
    await expect(changeSecret(null as unknown as KeyEnvelope, 's', 't')).rejects.toBeInstanceOf(
      InvalidEnvelopeError,
    );
  });

  it('refuses an empty new secret and out-of-range iteration counts', async () => {
    await expect(createDataKey('', FAST)).rejects.toBeInstanceOf(RangeError);
    await expect(createDataKey('s', { iterations: 0 })).rejects.toBeInstanceOf(RangeError);
    await expect(createDataKey('s', { iterations: 1.5 })).rejects.toBeInstanceOf(RangeError);
    await expect(createDataKey('s', { iterations: 1e9 })).rejects.toBeInstanceOf(RangeError);
    const { envelope } = await createDataKey('s', FAST);
    await expect(changeSecret(envelope, 's', '', FAST)).rejects.toBeInstanceOf(RangeError);
  });
});

describe('changeSecret', () => {
  it('re-wraps the same data key: old ciphertexts open with the new secret, not the old', async () => {
    const { envelope, key } = await createDataKey('gammal', FAST);
    const blob = await encryptJson(key, RECORD, AAD);
    const next = await changeSecret(envelope, 'gammal', 'ny lösenfras', FAST);

    expect(next.kdf.salt).not.toBe(envelope.kdf.salt);
    expect(await decryptJson(await unlock(next, 'ny lösenfras'), blob, AAD)).toEqual(RECORD);
    await expect(unlock(next, 'gammal')).rejects.toBeInstanceOf(WrongSecretError);
    // Writes under the new unlock are readable with the key created at the start.
    const later = await encryptJson(await unlock(next, 'ny lösenfras'), { n: 2 }, AAD);
    expect(await decryptJson(key, later, AAD)).toEqual({ n: 2 });
  });

  it('can be repeated, and only the latest secret opens the latest envelope', async () => {
    const { envelope, key } = await createDataKey('s0', FAST);
    const blob = await encryptJson(key, RECORD, AAD);
    let current = envelope;
    for (const [from, to] of [
      ['s0', 's1'],
      ['s1', 's2'],
      ['s2', 's0'],
    ] as const) {
      current = await changeSecret(current, from, to, FAST);
    }
    expect(await decryptJson(await unlock(current, 's0'), blob, AAD)).toEqual(RECORD);
    await expect(unlock(current, 's2')).rejects.toBeInstanceOf(WrongSecretError);
  });

  it('fails with WrongSecretError when the old secret is wrong', async () => {
    const { envelope } = await createDataKey('gammal', FAST);
    await expect(changeSecret(envelope, 'fel', 'ny', FAST)).rejects.toBeInstanceOf(WrongSecretError);
  });
});

describe('default parameters', () => {
  // The one test at the real cost: three PBKDF2 derivations at 600,000 iterations (≈ 0.15–0.3 s each
  // on the dev machine).
  it('creates envelopes at ≥ 600,000 iterations and raises a weaker one on changeSecret', async () => {
    expect(DEFAULT_PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    const { envelope, key } = await createDataKey('lösenfras');
    expect(envelope.kdf.iterations).toBe(DEFAULT_PBKDF2_ITERATIONS);
    const blob = await encryptJson(key, RECORD, AAD);

    const weak = await createDataKey('äldre', FAST);
    const raised = await changeSecret(weak.envelope, 'äldre', 'äldre');
    expect(raised.kdf.iterations).toBe(DEFAULT_PBKDF2_ITERATIONS);

    const unlocked = await unlock(envelope, 'lösenfras');
    expect(await decryptJson(unlocked, blob, AAD)).toEqual(RECORD);
  }, 30_000);
});
