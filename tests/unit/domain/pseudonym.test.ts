import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PSEUDONYM_CODE_RE, PseudonymCode } from '../../../src/domain/arende';
import { CODE_ALPHABET, cryptoRandomInts, generatePseudonymCode } from '../../../src/domain/pseudonym';

/** A stand-in for crypto.getRandomValues that hands out the given values, then zeros. */
const fixedInts = (values: number[]) => (n: number) =>
  Uint32Array.from({ length: n }, (_, i) => values[i] ?? 0);

describe('CODE_ALPHABET', () => {
  it('has no characters that can be mistaken for one another (0/O, 1/I/L)', () => {
    for (const c of ['0', 'O', '1', 'I', 'L']) expect(CODE_ALPHABET).not.toContain(c);
  });

  it('holds 31 distinct characters, each allowed by the code pattern', () => {
    expect(new Set(CODE_ALPHABET).size).toBe(31);
    for (const c of CODE_ALPHABET) expect(`AB-${c.repeat(4)}`).toMatch(PSEUDONYM_CODE_RE);
  });
});

describe('generatePseudonymCode', () => {
  it('joins the enhet prefix and four alphabet characters', () => {
    expect(generatePseudonymCode('NOR', fixedInts([0, 1, 30, 31]))).toBe('NOR-23Z2');
  });

  it('upper-cases the prefix and drops everything but letters A–Ö', () => {
    expect(generatePseudonymCode('nor', fixedInts([]))).toBe('NOR-2222');
    expect(generatePseudonymCode('Ö-vik 2', fixedInts([]))).toBe('ÖVIK-2222');
    expect(generatePseudonymCode('åsa', fixedInts([]))).toBe('ÅSA-2222');
  });

  it('keeps at most four letters of the prefix', () => {
    expect(generatePseudonymCode('Skellefteå', fixedInts([]))).toBe('SKEL-2222');
  });

  it('falls back to FS when fewer than two letters remain', () => {
    expect(generatePseudonymCode('', fixedInts([]))).toBe('FS-2222');
    expect(generatePseudonymCode('x', fixedInts([]))).toBe('FS-2222');
    expect(generatePseudonymCode('12-3', fixedInts([]))).toBe('FS-2222');
  });

  it('can produce every alphabet character', () => {
    const seen = new Set<string>();
    for (let i = 0; i < CODE_ALPHABET.length; i++) {
      seen.add(generatePseudonymCode('AB', fixedInts([i])).slice(3, 4));
    }
    expect([...seen].sort().join('')).toBe([...CODE_ALPHABET].sort().join(''));
  });

  it('always makes a valid code, whatever the prefix and the random numbers', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 12 }),
        fc.uint32Array({ minLength: 4, maxLength: 4 }),
        (prefix, ints) => {
          const code = generatePseudonymCode(prefix, () => ints);
          expect(code).toMatch(PSEUDONYM_CODE_RE);
          expect(PseudonymCode.safeParse(code).success).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('makes the same code from the same random numbers', () => {
    fc.assert(
      fc.property(fc.uint32Array({ minLength: 4, maxLength: 4 }), (ints) => {
        expect(generatePseudonymCode('NOR', () => ints)).toBe(generatePseudonymCode('NOR', () => ints));
      }),
    );
  });

  it('makes a valid code with the platform random source', () => {
    expect(generatePseudonymCode('NOR', cryptoRandomInts)).toMatch(PSEUDONYM_CODE_RE);
  });
});
