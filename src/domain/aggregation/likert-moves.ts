/**
 * The mean audit of Likert releases. A shown mean fixes Σ answer × count, an equation the count
 * circulation of ./disclosure cannot see. A hidden figure is free if some change of the hidden
 * cells keeps every shown figure: here, changes of at most 3 per cell within one group (absorbed by
 * the overall row where that is hidden) or mirrored between two groups (the overall unchanged).
 * The search only ever proves a figure free with an explicit change, so it can over-protect but
 * never under-protect.
 */
import { isSmall } from './disclosure';

// Figures of a summary, in edge order from its base: cells 0..4, answered 1–3, answered 4–5, n.
export const A = 5;
export const J = 6;
export const N = 7;
export const PER_GROUP = 8;
/** Key bit of a group state whose mean is shown; bits 0..7 are its hidden figures. */
const MEAN_SHOWN = 1 << PER_GROUP;

interface Move {
  readonly delta: readonly number[];
  /** Bits of the figures the move changes. */
  readonly changes: number;
  /** Whether it changes Σ answer × count. */
  readonly weighted: boolean;
}

/** Every change of five counts by at most 3 each, with its effect on A, J and n; simplest first. */
const MOVES: readonly Move[] = (() => {
  const moves: { move: Move; size: number }[] = [];
  for (let code = 1; code < 7 ** 5; code++) {
    const d: number[] = [];
    let size = 0;
    let weight = 0;
    for (let k = 0, rest = code; k < 5; k++, rest = Math.floor(rest / 7)) {
      const x = (rest % 7) - 3;
      d.push(x);
      size += Math.abs(x);
      weight += (k + 1) * x;
    }
    const [d1 = 0, d2 = 0, d3 = 0, d4 = 0, d5 = 0] = d;
    d.push(d1 + d2 + d3, d4 + d5, d1 + d2 + d3 + d4 + d5);
    const changes = d.reduce((mask, x, f) => (x === 0 ? mask : mask | (1 << f)), 0);
    if (changes !== 0) moves.push({ move: { delta: d, changes, weighted: weight !== 0 }, size });
  }
  return moves.sort((x, y) => x.size - y.size).map((m) => m.move);
})();

const admitted = (key: number, m: Move) =>
  (m.changes & ~key & 0xff) === 0 && !(m.weighted && key & MEAN_SHOWN);

/** The state two summaries share for a move made in both: hidden in both, mean shown in either. */
const both = (k1: number, k2: number) => (k1 & k2 & 0xff) | ((k1 | k2) & MEAN_SHOWN);

/**
 * The moves a state admits that change figure f: they change only hidden figures, and not
 * Σ answer × count where the mean is shown. A memo of a pure function of (state, f), at most
 * 4,096 lists, kept across calls because filtering every move costs more than a slot's protection.
 */
const ADMISSIBLE = new Map<number, readonly Move[]>();
function admissible(key: number, f: number): readonly Move[] {
  const id = key * PER_GROUP + f;
  let list = ADMISSIBLE.get(id);
  if (!list) {
    list = MOVES.filter((m) => m.changes & (1 << f) && admitted(key, m));
    ADMISSIBLE.set(id, list);
  }
  return list;
}

export interface SummaryState {
  /** The eight figure values: cells, A, J, n. */
  readonly values: readonly number[];
  /** Edge index of its first figure. */
  readonly base: number;
  readonly meanShown: boolean;
}

export interface MoveState {
  readonly hidden: readonly boolean[];
  readonly lowerBound: readonly number[];
  readonly groups: readonly SummaryState[];
  /** The fixed overall row of a breakdown; null for a single summary. */
  readonly overall: SummaryState | null;
  /** Every hidden figure ≥ 1 is protected, else only small ones. */
  readonly strict: boolean;
}

function keyOf(state: MoveState, s: SummaryState): number {
  let key = s.meanShown ? MEAN_SHOWN : 0;
  for (let f = 0; f < PER_GROUP; f++) if (state.hidden[s.base + f]) key |= 1 << f;
  return key;
}

/** Whether sign × move keeps the summary's hidden figures at or above what a reader knows of them. */
function fits(state: MoveState, s: SummaryState, m: Move, sign: number): boolean {
  for (let f = 0; f < PER_GROUP; f++) {
    const change = m.delta[f] ?? 0;
    if (change === 0) continue;
    if (!state.hidden[s.base + f]) return false;
    if ((s.values[f] ?? 0) + sign * change < (state.lowerBound[s.base + f] ?? 0)) return false;
  }
  return true;
}

/** Whether figure f of group g can take another value without any shown figure changing. */
export function isFree(state: MoveState, g: number, f: number): boolean {
  const self = state.groups[g] as SummaryState;
  const key = keyOf(state, self);
  const overall = state.overall;
  // Within the group: where there is an overall row, it changes alike and must hide the change.
  for (const m of admissible(overall ? both(key, keyOf(state, overall)) : key, f)) {
    for (let sign = 1; sign >= -1; sign -= 2) {
      if (fits(state, self, m, sign) && (overall === null || fits(state, overall, m, sign))) return true;
    }
  }
  // Mirrored in another group, the overall unchanged.
  for (let h = 0; h < state.groups.length; h++) {
    const other = state.groups[h] as SummaryState;
    if (h === g) continue;
    for (const m of admissible(both(key, keyOf(state, other)), f)) {
      for (let sign = 1; sign >= -1; sign -= 2) {
        if (fits(state, self, m, sign) && fits(state, other, m, -sign)) return true;
      }
    }
  }
  return false;
}

/** Whether figure f of the overall row can change through a move in one group. */
export function isOverallFree(state: MoveState, f: number): boolean {
  const overall = state.overall as SummaryState;
  const key = keyOf(state, overall);
  return state.groups.some((s) => {
    for (const m of admissible(both(key, keyOf(state, s)), f)) {
      if (
        (fits(state, s, m, 1) && fits(state, overall, m, 1)) ||
        (fits(state, s, m, -1) && fits(state, overall, m, -1))
      )
        return true;
    }
    return false;
  });
}

const mustProtect = (state: MoveState, s: SummaryState, f: number) => {
  const value = s.values[f] ?? 0;
  return state.hidden[s.base + f] === true && value >= 1 && (state.strict || isSmall(value));
};

/**
 * The first hidden figure that the shown means, with everything else shown, pin; null when none.
 * Hiding more only frees figures, so edges in `known` (proven free earlier) are not searched again.
 */
export function findMeanPinned(
  state: MoveState,
  known: Set<number>,
): { group: number; figure: number } | null {
  const pinned = (s: SummaryState, f: number, free: () => boolean) => {
    if (known.has(s.base + f) || !mustProtect(state, s, f)) return false;
    if (!free()) return true;
    known.add(s.base + f);
    return false;
  };
  for (let g = 0; g < state.groups.length; g++) {
    const s = state.groups[g] as SummaryState;
    for (let f = 0; f < PER_GROUP; f++)
      if (pinned(s, f, () => isFree(state, g, f))) return { group: g, figure: f };
  }
  const overall = state.overall;
  if (overall === null) return null;
  for (let f = 0; f < PER_GROUP; f++)
    if (pinned(overall, f, () => isOverallFree(state, f))) return { group: -1, figure: f };
  return null;
}
