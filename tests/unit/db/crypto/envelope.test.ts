// parseEnvelope: only a well-formed version-1 envelope passes; anything else is an
// InvalidEnvelopeError (never a zod error or TypeError leaking out).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidEnvelopeError, MAX_PBKDF2_ITERATIONS, parseEnvelope } from '../../../../src/db/crypto';
import { fromBase64, toBase64 } from '../../../../src/db/crypto/encoding';

const SALT = toBase64(new Uint8Array(16).fill(7));
const WRAPPED = toBase64(new Uint8Array(40).fill(9));
const valid = {
  v: 1,
  kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: 600_000, salt: SALT },
  wrapped: WRAPPED,
};
const withKdf = (kdf: Record<string, unknown>) => ({ ...valid, kdf: { ...valid.kdf, ...kdf } });

describe('parseEnvelope', () => {
  it('accepts a well-formed envelope unchanged', () => {
    expect(parseEnvelope(valid)).toEqual(valid);
    expect(parseEnvelope(withKdf({ iterations: 1 }))).toEqual(withKdf({ iterations: 1 }));
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a string', JSON.stringify(valid)],
    ['an array', [valid]],
    ['no version', { kdf: valid.kdf, wrapped: WRAPPED }],
    ['version 2', { ...valid, v: 2 }],
    ['version "1"', { ...valid, v: '1' }],
    ['no kdf', { v: 1, wrapped: WRAPPED }],
    ['another KDF', withKdf({ name: 'scrypt' })],
    ['SHA-1', withKdf({ hash: 'SHA-1' })],
    ['zero iterations', withKdf({ iterations: 0 })],
    ['fractional iterations', withKdf({ iterations: 1.5 })],
    ['iterations as a string', withKdf({ iterations: '600000' })],
    ['iterations above the ceiling', withKdf({ iterations: MAX_PBKDF2_ITERATIONS + 1 })],
    ['NaN iterations', withKdf({ iterations: Number.NaN })],
    ['a 15-byte salt', withKdf({ salt: toBase64(new Uint8Array(15)) })],
    ['a 32-byte salt', withKdf({ salt: toBase64(new Uint8Array(32)) })],
    ['a salt that is not base64', withKdf({ salt: '!!!!!!!!!!!!!!!!!!!!!!!!' })],
    ['a salt as bytes', withKdf({ salt: new Uint8Array(16) })],
    ['an unpadded salt', withKdf({ salt: SALT.replace(/=+$/, '') })],
    ['a salt with whitespace', withKdf({ salt: ` ${SALT}` })],
    ['a wrapped key of 32 bytes (not AES-KW)', { ...valid, wrapped: toBase64(new Uint8Array(32)) }],
    ['a missing wrapped key', { v: 1, kdf: valid.kdf }],
    ['an unknown top-level field', { ...valid, iv: 'AAAAAAAAAAAAAAAA' }],
    ['an unknown kdf field', withKdf({ memory: 65536 })],
  ])('rejects %s', (_case, input) => {
    expect(() => parseEnvelope(input)).toThrow(InvalidEnvelopeError);
  });

  it('names the offending field', () => {
    expect(() => parseEnvelope(withKdf({ hash: 'SHA-1' }))).toThrow(/kdf\.hash/);
  });

  it('throws only InvalidEnvelopeError for arbitrary input', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        expect(() => parseEnvelope(input)).toThrow(InvalidEnvelopeError);
      }),
    );
  });
});

describe('base64', () => {
  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(fromBase64(toBase64(bytes))).toEqual(bytes);
      }),
    );
  });

  it.each(['A', 'AB', 'AB=', 'A===', 'AB-_', 'AB==AB==', 'AQ== ', 'AR=='])('refuses %j', (text) => {
    expect(fromBase64(text)).toBeNull();
  });
});
