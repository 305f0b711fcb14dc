/**
 * The cell-key method (ABS; Eurostat/Destatis, as in the R packages sdcTools/cellKey and ptable)
 * for the counts the coordinator sees. Every person (an ärende, or a half-year response) has a
 * secret random key, a whole number 0 ≤ k < 2^32 kept on the server. A cell's key is the sum of
 * the keys of the persons in it, modulo 2^32, read as a fraction 0 ≤ u < 1; the noise added to
 * the cell is looked up from u in a fixed, public perturbation table. So the same persons always
 * give the same published value, in every table, release and query (consistency), and a cell
 * with one person more or less gets an unrelated noise the reader cannot compute.
 *
 * Invariants of a published count (see docs/disclosure-control.md):
 * - true 0–4 (zero included) is never shown: it is "för få för att visas";
 * - true ≥ 5 is shown as a number ≥ 5 within MAX_NOISE of it (`possibleTrue` gives the exact set);
 * - the table is public; only the keys are secret.
 */
import { z } from '../zod';

/** The least number of persons a shown figure stands on. */
export const MIN_CELL = 5;
/** The largest noise, in persons. */
export const MAX_NOISE = 3;
/** The variance of the noise (ptable's V) for counts away from the threshold. */
export const NOISE_VARIANCE = 1.5;

/** A count of 0–4 persons: shown as "för få för att visas". */
export const Suppressed = z.strictObject({ suppressed: z.literal(true) });
export type Suppressed = z.infer<typeof Suppressed>;
export const SUPPRESSED: Suppressed = Object.freeze({ suppressed: true as const });

/**
 * A figure withheld by the release's audit because, shown, it would let one person's attribute or
 * presence be pinned down together with the other figures (see ./release.ts). Any size.
 */
export const Withheld = z.strictObject({ withheld: z.literal(true) });
export type Withheld = z.infer<typeof Withheld>;
export const WITHHELD: Withheld = Object.freeze({ withheld: true as const });

/** A published figure: a protected number, too few, or withheld. */
export const Figure = z.union([z.number(), Suppressed, Withheld]);
export type Figure = z.infer<typeof Figure>;

export function isSuppressed(value: unknown): value is Suppressed {
  return (
    typeof value === 'object' && value !== null && (value as { suppressed?: unknown }).suppressed === true
  );
}
export function isWithheld(value: unknown): value is Withheld {
  return typeof value === 'object' && value !== null && (value as { withheld?: unknown }).withheld === true;
}
/** Not shown as a number, for either reason. */
export const isHidden = (value: unknown): value is Suppressed | Withheld =>
  isSuppressed(value) || isWithheld(value);

/**
 * The noise distribution for e = −MAX_NOISE … MAX_NOISE: the maximum-entropy distribution with
 * mean 0 and variance NOISE_VARIANCE on those values (what ptable's create_cnt_ptable computes
 * for counts away from the threshold), p(e) ∝ exp(−λe²) with λ found by bisection.
 */
export const NOISE: readonly number[] = (() => {
  const values = Array.from({ length: 2 * MAX_NOISE + 1 }, (_, i) => i - MAX_NOISE);
  const dist = (lambda: number) => {
    const w = values.map((e) => Math.exp(-lambda * e * e));
    const total = w.reduce((a, b) => a + b, 0);
    return w.map((x) => x / total);
  };
  let lo = 1e-6;
  let hi = 20;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    const variance = dist(mid).reduce((s, p, k) => s + p * (values[k] ?? 0) ** 2, 0);
    if (variance > NOISE_VARIANCE) lo = mid;
    else hi = mid;
  }
  return Object.freeze(dist((lo + hi) / 2));
})();

const CUMULATIVE = NOISE.map((_, i) => NOISE.slice(0, i + 1).reduce((a, b) => a + b, 0));

/** The noise for a cell key 0 ≤ u < 1: the first e whose cumulative probability exceeds u. */
export function noiseOf(u: number): number {
  const i = CUMULATIVE.findIndex((c) => u < c);
  return (i < 0 ? CUMULATIVE.length - 1 : i) - MAX_NOISE;
}

const TWO_32 = 2 ** 32;

/** A sum of person keys as the cell key 0 ≤ u < 1. */
export const cellKey = (keySum: number): number => (((keySum % TWO_32) + TWO_32) % TWO_32) / TWO_32;

/**
 * A second key from the same persons, for a figure other than their count (the sum behind a mean):
 * Knuth's multiplicative hash of the key sum, so its noise is not the count's.
 */
export const secondKey = (keySum: number): number =>
  Number((BigInt(Math.trunc(((keySum % TWO_32) + TWO_32) % TWO_32)) * 2654435761n) % 2n ** 32n) / TWO_32;

/**
 * The published count: null (too few) for 0–4, else v + noise. A result below MIN_CELL is
 * reflected to 2·MIN_CELL − 1 − j (4 → 5, 3 → 6, 2 → 7), so a count of 5 or more is never shown
 * as too few (an "Alla svar" row is never hidden while a row under it shows) and never as exactly
 * itself with certainty: counts of 5–7 are shown a little high on average, the rest unbiased.
 */
export function perturbCount(v: number, u: number): number | null {
  if (!Number.isSafeInteger(v) || v < 0)
    throw new RangeError(`A count must be a whole number ≥ 0, got ${v}.`);
  if (v < MIN_CELL) return null;
  const j = v + noiseOf(u);
  return j < MIN_CELL ? 2 * MIN_CELL - 1 - j : j;
}

/** Every true count that can be published as `shown` (null = too few): an interval. */
export function possibleTrue(shown: number | null): { lo: number; hi: number } {
  if (shown === null) return { lo: 0, hi: MIN_CELL - 1 };
  return { lo: Math.max(MIN_CELL, shown - MAX_NOISE), hi: shown + MAX_NOISE };
}

/** A sum (the numerator of a mean) published with the same noise table, never reflected. */
export const perturbSum = (s: number, u: number): number => s + noiseOf(u);
