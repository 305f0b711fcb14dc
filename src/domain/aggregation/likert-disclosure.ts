/**
 * Disclosure control for one Likert slot: n, mean, share answering 4–5 ("jakande") and the 1–5
 * distribution, alone or broken down by groups with the overall as their total row. The share
 * publishes how many answered 4–5 and the mean publishes Σ answer × count, so both are equations
 * on the hidden cells and are protected together with them:
 * - n < MIN_CELL: the summary is hidden whole, zeros included. Otherwise n, mean and share are
 *   figures about n persons and are shown, and distribution counts of 1 to 4 are hidden.
 * - Counts: each summary is a circulation (n → answered 1–3 / 4–5 → cells), so the exact audit of
 *   ./disclosure covers n − shown cells, the share's count and, in a breakdown, overall − groups.
 * - Means: the audit of ./likert-moves.
 * - What gives way, cheapest first: more distribution cells, means, the share, the whole summary.
 * A breakdown shows the overall exactly as `protectLikert` does, so every view of the slot agrees;
 * at worst its groups are hidden whole, which shows nothing beyond the overall.
 */
import {
  chooseComplement,
  type Figure,
  type FlowEdge,
  findPinned,
  type Hiding,
  isSmall,
  isSuppressed,
  MIN_CELL,
  SUPPRESSED,
} from './disclosure';
import { A, findMeanPinned, isFree, isOverallFree, J, type MoveState, N, PER_GROUP } from './likert-moves';

/** Counts of the answers 1..5 (index 0 = answer 1). */
export type LikertCounts = readonly [number, number, number, number, number];

export interface LikertFigures {
  /** How many answered the slot. */
  n: Figure;
  /** null when nobody answered. */
  mean: Figure | null;
  /** Share 0–1 answering 4 or 5; null when nobody answered. */
  shareJakande: Figure | null;
  /** Counts of the answers 1..5. */
  distribution: Figure[];
}

interface Group {
  readonly values: readonly number[];
  readonly base: number;
  meanShown: boolean;
  whole: boolean;
}

interface Release extends MoveState {
  readonly edges: readonly FlowEdge[];
  readonly nodes: number;
  readonly hiding: Hiding;
  readonly groups: Group[];
}

const groupValues = (c: LikertCounts): number[] => {
  const a = c[0] + c[1] + c[2];
  const j = c[3] + c[4];
  return [...c, a, j, a + j];
};

function hideWhole(rel: Release, g: Group): void {
  for (let f = 0; f < PER_GROUP; f++) {
    rel.hiding.hidden[g.base + f] = true;
    rel.hiding.lowerBound[g.base + f] = 0;
  }
  g.meanShown = false;
  g.whole = true;
}

type Action = { kind: 'cell'; edge: number } | { kind: 'mean' | 'share' | 'whole'; group: Group };

function apply(rel: Release, action: Action): void {
  if (action.kind === 'cell') rel.hiding.hidden[action.edge] = true;
  else if (action.kind === 'mean') action.group.meanShown = false;
  else if (action.kind === 'share') {
    rel.hiding.hidden[action.group.base + A] = true;
    rel.hiding.hidden[action.group.base + J] = true;
  } else hideWhole(rel, action.group);
}

/** What could free a figure of group g that the means pin, cheapest first. */
function actions(rel: Release, g: Group | undefined): Action[] {
  const hidden = rel.hiding.hidden;
  const smallestCell = (h: Group) => {
    let best = -1;
    for (let k = 0; k < 5; k++) {
      const v = h.values[k] ?? 0;
      if (!hidden[h.base + k] && v > 0 && (best < 0 || v < (h.values[best - h.base] ?? 0))) best = h.base + k;
    }
    return best;
  };
  const bySize = [...rel.groups]
    .filter((h) => !h.whole)
    .sort((x, y) => (x.values[N] ?? 0) - (y.values[N] ?? 0));
  if (!g) return bySize.map((group) => ({ kind: 'whole', group }));
  const shares = (h: Group) => [0, 1, 2, 3, 4].some((k) => hidden[h.base + k] && hidden[g.base + k]);
  // The few smallest groups that share a hidden answer with g: enough to mirror a change, and cheap.
  const partners = bySize.filter((h) => h !== g && shares(h)).slice(0, 4);
  const list: Action[] = [];
  for (const h of [g, ...partners]) {
    const edge = h.whole ? -1 : smallestCell(h);
    if (edge >= 0) list.push({ kind: 'cell', edge });
  }
  for (const h of [g, ...partners]) if (h.meanShown) list.push({ kind: 'mean', group: h });
  if (!hidden[g.base + J] || !hidden[g.base + A]) list.push({ kind: 'share', group: g });
  if (!g.whole) list.push({ kind: 'whole', group: g });
  return [...list, ...bySize.filter((h) => h !== g).map((group): Action => ({ kind: 'whole', group }))];
}

/** Hides complements until the counts pin nothing; false when it ran out of figures to hide. */
function settleCounts(rel: Release, known: Set<number>): boolean {
  const table = { nodes: rel.nodes, edges: rel.edges };
  const firstBase = rel.groups[0]?.base ?? 0;
  for (;;) {
    const pinned = findPinned(table, rel.hiding, rel.strict, known);
    if (pinned < 0) return true;
    const complement = chooseComplement(table, rel.hiding, pinned);
    if (complement < 0) return false;
    const offset = complement - firstBase;
    const group = rel.groups[Math.floor(offset / PER_GROUP)];
    if (offset % PER_GROUP === N && group) hideWhole(rel, group);
    else rel.hiding.hidden[complement] = true;
  }
}

/** Whether an action, with the complements it then needs, frees the target; the release is left as it was. */
function wouldFree(
  rel: Release,
  action: Action,
  target: { group: number; figure: number },
  known: ReadonlySet<number>,
): boolean {
  const saved = {
    hidden: [...rel.hiding.hidden],
    lowerBound: [...rel.hiding.lowerBound],
    groups: rel.groups.map((h) => ({ meanShown: h.meanShown, whole: h.whole })),
  };
  apply(rel, action);
  const freed =
    settleCounts(rel, new Set(known)) &&
    (target.group >= 0 ? isFree(rel, target.group, target.figure) : isOverallFree(rel, target.figure));
  rel.hiding.hidden.splice(0, Infinity, ...saved.hidden);
  rel.hiding.lowerBound.splice(0, Infinity, ...saved.lowerBound);
  rel.groups.forEach((h, i) => {
    Object.assign(h, saved.groups[i]);
  });
  return freed;
}

/**
 * Gives way for a figure the means pin: the first action short of hiding a whole group that frees
 * it, else the cheapest such action, so every round hides more; whole groups only when nothing
 * else is left. False when nothing is left to hide.
 */
function widen(rel: Release, target: { group: number; figure: number }, known: ReadonlySet<number>): boolean {
  const list = actions(rel, rel.groups[target.group]);
  const gentle = list.filter((a) => a.kind !== 'whole');
  const drastic = list.filter((a) => a.kind === 'whole');
  const frees = (a: Action) => target.figure >= 0 && wouldFree(rel, a, target, known);
  const chosen = gentle.find(frees) ?? gentle[0] ?? drastic.find(frees) ?? drastic[0];
  if (!chosen) return false;
  apply(rel, chosen);
  return true;
}

function settleRelease(rel: Release): void {
  // Figures proven free stay free as more is hidden: by the counts, and with the means too.
  const freeByCounts = new Set<number>();
  const freeByMeans = new Set<number>();
  for (;;) {
    const target = settleCounts(rel, freeByCounts)
      ? findMeanPinned(rel, freeByMeans)
      : { group: -1, figure: -1 };
    if (target === null || !widen(rel, target, freeByCounts)) return;
  }
}

/** A summary's edges: n splits into answered 1–3 (node x+1) and 4–5 (x+2), which flow on as cells. */
function summaryEdges(
  values: readonly number[],
  source: number,
  x: number,
  sink: (k: number) => number,
): FlowEdge[] {
  const edge = (from: number, to: number, value: number, rank: number) => ({
    from,
    to,
    value,
    rank,
    fixed: false,
  });
  return [
    ...[0, 1, 2, 3, 4].map((k) => edge(k < 3 ? x + 1 : x + 2, sink(k), values[k] ?? 0, 0)),
    edge(x, x + 1, values[A] ?? 0, 1),
    edge(x, x + 2, values[J] ?? 0, 1),
    edge(source, x, values[N] ?? 0, 2),
  ];
}

function newRelease(
  edges: FlowEdge[],
  nodes: number,
  values: number[][],
  firstBase: number,
  strict: boolean,
): Release {
  // A reader knows a hidden count is ≥ 1 where zeros are shown; a hidden share may hide 0 answers.
  const hiding: Hiding = {
    hidden: edges.map(() => false),
    lowerBound: edges.map((_, e) => (e % PER_GROUP === A || e % PER_GROUP === J ? 0 : 1)),
  };
  const rel: Release = {
    edges,
    nodes,
    hiding,
    hidden: hiding.hidden,
    lowerBound: hiding.lowerBound,
    groups: values.map((v, g) => ({
      values: v,
      base: firstBase + g * PER_GROUP,
      meanShown: false,
      whole: false,
    })),
    overall: null,
    strict,
  };
  for (const g of rel.groups) {
    if (isSmall(g.values[N] ?? 0)) hideWhole(rel, g);
    else {
      g.meanShown = (g.values[N] ?? 0) >= MIN_CELL;
      for (let k = 0; k < 5; k++) if (isSmall(g.values[k] ?? 0)) rel.hiding.hidden[g.base + k] = true;
    }
  }
  return rel;
}

function figuresOf(rel: Release, g: Group): LikertFigures {
  const hidden = (f: number) => rel.hiding.hidden[g.base + f] === true;
  const n = g.values[N] ?? 0;
  const weighted = g.values.slice(0, 5).reduce((s, c, k) => s + c * (k + 1), 0);
  return {
    n: hidden(N) ? SUPPRESSED : n,
    mean: n === 0 ? null : g.meanShown && !hidden(N) ? weighted / n : SUPPRESSED,
    shareJakande: n === 0 ? null : hidden(J) || hidden(N) ? SUPPRESSED : (g.values[J] ?? 0) / n,
    distribution: g.values.slice(0, 5).map((c, k) => (hidden(k) ? SUPPRESSED : c)),
  };
}

function assertLikertCounts(counts: LikertCounts): void {
  if (counts.length !== 5 || counts.some((c) => !Number.isSafeInteger(c) || c < 0)) {
    throw new RangeError('Likert counts are five whole numbers ≥ 0.');
  }
}

/** The published figures of one slot for one set of respondents. */
export function protectLikert(counts: LikertCounts): LikertFigures {
  assertLikertCounts(counts);
  const values = groupValues(counts);
  // Nodes: 0 splits n, 1 and 2 gather answers 1–3 and 4–5, cells meet in 3, which n leaves.
  const rel = newRelease(
    summaryEdges(values, 3, 0, () => 3),
    4,
    [values],
    0,
    true,
  );
  settleRelease(rel);
  return figuresOf(rel, rel.groups[0] as Group);
}

/**
 * One slot broken down by groups that partition its respondents (occasion, enhet, period, …), with
 * the overall shown as `protectLikert` shows it.
 */
export function protectLikertBreakdown(groups: readonly LikertCounts[]): {
  overall: LikertFigures;
  groups: LikertFigures[];
} {
  groups.forEach(assertLikertCounts);
  const total: [number, number, number, number, number] = [0, 0, 0, 0, 0];
  for (const c of groups) for (let k = 0; k < 5; k++) total[k] = (total[k] ?? 0) + (c[k] ?? 0);
  const overall = protectLikert(total);
  if (groups.length <= 1) return { overall, groups: groups.map(() => overall) };
  // Nodes: overall n from 0 to 1, answers 1–3 and 4–5 gather in 2 and 3, answer columns are 4..8,
  // and group g splits its n at 9 + 3g. The overall row is fixed: edges 0..7 in figure order.
  const ov = groupValues(total);
  const edges: FlowEdge[] = [
    ...[0, 1, 2, 3, 4].map((k) => ({
      from: 4 + k,
      to: k < 3 ? 2 : 3,
      value: ov[k] ?? 0,
      rank: 9,
      fixed: true,
    })),
    { from: 2, to: 0, value: ov[A] ?? 0, rank: 9, fixed: true },
    { from: 3, to: 0, value: ov[J] ?? 0, rank: 9, fixed: true },
    { from: 0, to: 1, value: ov[N] ?? 0, rank: 9, fixed: true },
  ];
  const values = groups.map(groupValues);
  values.forEach((v, g) => {
    edges.push(...summaryEdges(v, 1, 9 + 3 * g, (k) => 4 + k));
  });
  const shownOverall = [...overall.distribution, overall.shareJakande, overall.shareJakande, overall.n];
  const rel = newRelease(edges, 9 + 3 * groups.length, values, PER_GROUP, false);
  shownOverall.forEach((figure, f) => {
    rel.hiding.hidden[f] = isSuppressed(figure);
    rel.hiding.lowerBound[f] = isSuppressed(overall.n) || f === A || f === J ? 0 : 1;
  });
  const withOverall: Release = {
    ...rel,
    overall: { values: ov, base: 0, meanShown: typeof overall.mean === 'number' },
  };
  settleRelease(withOverall);
  return { overall, groups: rel.groups.map((g) => figuresOf(rel, g)) };
}
