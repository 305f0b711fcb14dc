import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cellKey,
  MAX_NOISE,
  MIN_CELL,
  NOISE,
  NOISE_VARIANCE,
  noiseOf,
  perturbCount,
  possibleTrue,
} from '../../../../src/domain/aggregation/cell-key';

/** Every value a count can be published as, by brute force over the noise table. */
function outputs(v: number): Set<number | null> {
  const out = new Set<number | null>();
  let cumulative = 0;
  NOISE.forEach((p) => {
    if (p > 0) out.add(perturbCount(v, Math.min(cumulative + p / 2, 0.999999)));
    cumulative += p;
  });
  return out;
}

describe('the cell-key perturbation table', () => {
  it('is a distribution on −3…3 with mean 0, the chosen variance, and every value possible', () => {
    expect(NOISE).toHaveLength(2 * MAX_NOISE + 1);
    expect(NOISE.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(NOISE.reduce((s, p, i) => s + p * (i - MAX_NOISE), 0)).toBeCloseTo(0, 12);
    expect(NOISE.reduce((s, p, i) => s + p * (i - MAX_NOISE) ** 2, 0)).toBeCloseTo(NOISE_VARIANCE, 6);
    for (const p of NOISE) expect(p).toBeGreaterThan(0.01);
    expect(noiseOf(0)).toBe(-MAX_NOISE);
    expect(noiseOf(0.999999)).toBe(MAX_NOISE);
  });

  it('never shows a count of 0–4 and never shows a count of 5 or more as too few', () => {
    for (let v = 0; v < MIN_CELL; v++) expect([...outputs(v)]).toEqual([null]);
    for (let v = MIN_CELL; v < 60; v++) {
      for (const p of outputs(v)) {
        expect(p).not.toBeNull();
        expect(p as number).toBeGreaterThanOrEqual(MIN_CELL);
        expect(Math.abs((p as number) - v)).toBeLessThanOrEqual(MAX_NOISE);
      }
      // Never one value for certain: a reader can never take a shown count for exact.
      expect(outputs(v).size).toBeGreaterThanOrEqual(4);
    }
  });

  it('possibleTrue is exactly the set of counts that can publish a value, each with two or more', () => {
    for (let p = MIN_CELL; p < 50; p++) {
      const exact = Array.from({ length: 60 }, (_, v) => v).filter((v) => outputs(v).has(p));
      const { lo, hi } = possibleTrue(p);
      expect(exact).toEqual(Array.from({ length: hi - lo + 1 }, (_, i) => lo + i));
      expect(hi - lo).toBeGreaterThanOrEqual(MAX_NOISE);
    }
    expect(possibleTrue(null)).toEqual({ lo: 0, hi: MIN_CELL - 1 });
  });

  it('gives the same persons the same value every time (consistency), from their key sum', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 2 ** 32 - 1 }), { minLength: 5, maxLength: 40 }),
        (keys) => {
          const sum = keys.reduce((a, b) => a + b, 0);
          const shuffled = [...keys].reverse().reduce((a, b) => a + b, 0);
          expect(perturbCount(keys.length, cellKey(sum))).toBe(perturbCount(keys.length, cellKey(shuffled)));
          expect(cellKey(sum)).toBeGreaterThanOrEqual(0);
          expect(cellKey(sum)).toBeLessThan(1);
        },
      ),
      { seed: 1301, numRuns: 200 },
    );
  });

  it('refuses a count that is not a whole number ≥ 0', () => {
    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])
      expect(() => perturbCount(bad, 0.5)).toThrow(RangeError);
  });
});
