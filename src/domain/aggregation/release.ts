/**
 * One release: every figure of an area for one reference period, computed once from the persons
 * behind it, perturbed by ./cell-key, and audited before anything is published.
 *
 * The audit (the release's guarantee): for every person and for every protected attribute of
 * theirs (an answer, a category), the release would read exactly the same if that person were
 * absent, and if that attribute had some other value — each checked by moving one person and
 * verifying that every figure that changes stays within the values its published figure allows
 * (`possibleTrue`). Such a neighbouring data set is an explicit witness, so no reader, even one
 * who knows every other person exactly and all the figures and these rules, can pin down that
 * person's presence or attribute, nor any count of 1–4 persons (each changes with some person).
 * Where no witness exists, the figures in its way are withheld (`WITHHELD`), which only adds
 * freedom, so persons already checked stay safe. Means and shares are computed from published
 * figures only (./likert-release.ts), so they say nothing beyond them.
 */
import {
  cellKey,
  type Figure,
  MAX_NOISE,
  perturbCount,
  perturbSum,
  possibleTrue,
  SUPPRESSED,
  secondKey,
  WITHHELD,
} from './cell-key';

/** Persons with the same attribute values: how many, and the sum of their keys. */
export interface Unit<V> {
  readonly value: V;
  readonly count: number;
  readonly keySum: number;
}

export interface FigureSpec<V> {
  /** A count of persons, or a sum of a number per person (the numerator of a mean). */
  readonly kind: 'count' | 'sum';
  /** count: 1 for a person it counts, else 0; sum: the person's number (0 = not in it). */
  readonly weight: (v: V) => number;
  /** The attributes whose change may change the weight. */
  readonly reads: readonly string[];
}

/** A protected attribute: the other values a person could have had. */
export interface Attribute<V> {
  readonly name: string;
  readonly alternatives: (v: V) => readonly V[];
}

export interface ReleaseResult {
  /** In the order of the figure specs. A sum's number is its perturbed value, for a mean only. */
  readonly figures: Figure[];
  /** How many figures the audit withheld. */
  readonly withheld: number;
}

interface State<V> {
  readonly specs: readonly FigureSpec<V>[];
  readonly truth: number[];
  readonly shown: (number | null)[];
  readonly withheld: boolean[];
}

/** Whether a true value of figure f one person different would still publish as it did. */
function allows<V>(s: State<V>, f: number, value: number): boolean {
  if (s.withheld[f]) return true;
  const shown = s.shown[f] ?? null;
  if ((s.specs[f] as FigureSpec<V>).kind === 'sum')
    return shown !== null && Math.abs(value - shown) <= MAX_NOISE;
  const { lo, hi } = possibleTrue(shown);
  return value >= lo && value <= hi;
}

/** The figures that would not allow a change by `deltas` (figure → change). */
function blockers<V>(s: State<V>, deltas: Map<number, number>): number[] {
  const out: number[] = [];
  for (const [f, d] of deltas) if (d !== 0 && !allows(s, f, (s.truth[f] ?? 0) + d)) out.push(f);
  return out;
}

function deltasOf<V>(s: State<V>, fs: readonly number[], from: V, to: V | null): Map<number, number> {
  const deltas = new Map<number, number>();
  for (const f of fs) {
    const w = (s.specs[f] as FigureSpec<V>).weight;
    deltas.set(f, (to === null ? 0 : w(to)) - w(from));
  }
  return deltas;
}

/** Makes one of the candidate changes possible, withholding the fewest figures if none is. */
function certify<V>(s: State<V>, candidates: Map<number, number>[]): void {
  let best: number[] | null = null;
  for (const deltas of candidates) {
    const b = blockers(s, deltas);
    if (b.length === 0) return;
    if (best === null || b.length < best.length) best = b;
  }
  for (const f of best ?? []) s.withheld[f] = true;
}

/** Truths, keys and the figures each unit is in, in one pass. */
function tally<V>(units: readonly Unit<V>[], specs: readonly FigureSpec<V>[]) {
  const truth = specs.map(() => 0);
  const keys = specs.map(() => 0);
  const member: number[][] = units.map(() => []);
  units.forEach((u, i) => {
    if (!Number.isSafeInteger(u.count) || u.count < 0)
      throw new RangeError('A unit count is a whole number ≥ 0.');
    specs.forEach((spec, f) => {
      const w = spec.weight(u.value);
      if (w === 0) return;
      truth[f] = (truth[f] ?? 0) + u.count * w;
      keys[f] = ((keys[f] ?? 0) + u.keySum) % 2 ** 32;
      member[i]?.push(f);
    });
  });
  return { truth, keys, member };
}

/** Perturbs every figure and audits the release; see the module comment. */
export function publishRelease<V>(
  units: readonly Unit<V>[],
  specs: readonly FigureSpec<V>[],
  attributes: readonly Attribute<V>[],
): ReleaseResult {
  const { truth, keys, member } = tally(units, specs);
  const shown = specs.map((spec, f) =>
    spec.kind === 'sum'
      ? perturbSum(truth[f] ?? 0, secondKey(keys[f] ?? 0))
      : perturbCount(truth[f] ?? 0, cellKey(keys[f] ?? 0)),
  );
  const s: State<V> = { specs, truth, shown, withheld: specs.map(() => false) };
  const readers = new Map(
    attributes.map((a) => [a.name, specs.flatMap((spec, f) => (spec.reads.includes(a.name) ? [f] : []))]),
  );
  units.forEach((u, i) => {
    if (u.count < 1) return;
    // Absent: every figure the unit is in loses one person.
    certify(s, [deltasOf(s, member[i] ?? [], u.value, null)]);
    for (const a of attributes) {
      const fs = readers.get(a.name) ?? [];
      const alternatives = a.alternatives(u.value);
      if (alternatives.length > 0)
        certify(
          s,
          alternatives.map((alt) => deltasOf(s, fs, u.value, alt)),
        );
    }
  });
  return {
    figures: specs.map((_, f): Figure => {
      if (s.withheld[f]) return WITHHELD;
      const v = shown[f] ?? null;
      return v === null ? SUPPRESSED : v;
    }),
    withheld: s.withheld.filter(Boolean).length,
  };
}

/** Groups persons by value: `keyOf` names the value; counts and key sums add up. */
export function unitsOf<P, V>(
  persons: Iterable<P>,
  attributesOf: (p: P) => V,
  keyOf: (v: V) => string,
  personKey: (p: P) => number,
): Unit<V>[] {
  const byKey = new Map<string, { value: V; count: number; keySum: number }>();
  for (const p of persons) {
    const value = attributesOf(p);
    const k = keyOf(value);
    const unit = byKey.get(k);
    if (unit) {
      unit.count += 1;
      unit.keySum = (unit.keySum + personKey(p)) % 2 ** 32;
    } else byKey.set(k, { value, count: 1, keySum: personKey(p) % 2 ** 32 });
  }
  return [...byKey.values()];
}
