/**
 * Disclosure control: no hidden figure about 1 to MIN_CELL − 1 persons can be worked out from what
 * a table shows. A table is modelled as a circulation: each figure (cell, total) is an edge and each
 * row, column or total line is a node where inflow equals outflow, so "total − visible = hidden" is
 * a path and every way of changing hidden figures without changing what is shown is a cycle.
 * Invariants of every protected table: visible figures equal the true ones; a visible count is 0 or
 * ≥ MIN_CELL; zeros are shown (0 persons says nothing about anyone) except in a table whose total
 * is under MIN_CELL, which is hidden whole, or one whose inner cells are all hidden; no hidden
 * figure (in a table linked to published margins: no small one) is determined by the shown ones,
 * for a reader who knows them all, these rules, and hence that a hidden count where zeros are shown
 * is ≥ 1. Not covered: a reader who re-runs this code on candidate tables to see which would
 * publish the same, and joins with other tables than the linked ones named here.
 */
import { z } from 'zod';

export const MIN_CELL = 5;

/** A figure withheld from publication. It never says why, since that would tell small from large. */
export const Suppressed = z.strictObject({ suppressed: z.literal(true) });
export type Suppressed = z.infer<typeof Suppressed>;
export const SUPPRESSED: Suppressed = Object.freeze({ suppressed: true as const });
export const Figure = z.union([z.number(), Suppressed]);
export type Figure = z.infer<typeof Figure>;

export function isSuppressed(value: unknown): value is Suppressed {
  return (
    typeof value === 'object' && value !== null && (value as { suppressed?: unknown }).suppressed === true
  );
}

/** A count between 1 and MIN_CELL − 1: the figures that must never be shown or be derivable. */
export const isSmall = (count: number): boolean => count >= 1 && count < MIN_CELL;

/** One figure of a table: an edge of the circulation. `fixed` figures keep the visibility they have. */
export interface FlowEdge {
  readonly from: number;
  readonly to: number;
  readonly value: number;
  /** Preference when choosing complements: lower ranks (inner cells) are hidden before higher (totals). */
  readonly rank: number;
  readonly fixed: boolean;
}

export interface FlowTable {
  readonly nodes: number;
  readonly edges: readonly FlowEdge[];
}

/** What is hidden, and for each edge the least value a reader can assume (1 where zeros are shown). */
export interface Hiding {
  readonly hidden: boolean[];
  readonly lowerBound: number[];
}

function residualAdjacency(table: FlowTable, hiding: Hiding): number[][] {
  const adjacency: number[][] = Array.from({ length: table.nodes }, () => []);
  table.edges.forEach((edge, e) => {
    if (!hiding.hidden[e]) return;
    adjacency[edge.from]?.push(2 * e);
    if (edge.value > (hiding.lowerBound[e] ?? 0)) adjacency[edge.to]?.push(2 * e + 1);
  });
  return adjacency;
}

/** Nodes reachable from `from` along residual arcs, not using edge `skip`. */
function reachable(
  table: FlowTable,
  adjacency: number[][],
  from: number,
  skip: number,
  seen: Uint8Array,
): Uint8Array {
  seen.fill(0);
  const stack = [from];
  seen[from] = 1;
  while (stack.length > 0) {
    const node = stack.pop() as number;
    for (const arc of adjacency[node] ?? []) {
      if (arc >> 1 === skip) continue;
      const edge = table.edges[arc >> 1] as FlowEdge;
      const next = arc & 1 ? edge.from : edge.to;
      if (!seen[next]) {
        seen[next] = 1;
        stack.push(next);
      }
    }
  }
  return seen;
}

/**
 * A hidden edge is pinned when every assignment of the hidden edges that agrees with the shown
 * figures and the lower bounds gives it the same value. Such assignments differ by cycles in the
 * residual graph (any hidden edge may grow; one above its bound may shrink), so an edge is free
 * exactly when a residual cycle passes through it: exact, not a heuristic. Returns -1 when no edge
 * that must be protected is pinned. `strict` protects every hidden figure ≥ 1, otherwise only small
 * ones (used when the table is linked to margins that are published anyway). Hiding more only adds
 * residual arcs, so edges found free are added to `known` and need not be searched again.
 */
export function findPinned(
  table: FlowTable,
  hiding: Hiding,
  strict: boolean,
  known = new Set<number>(),
): number {
  const adjacency = residualAdjacency(table, hiding);
  const seen = new Uint8Array(table.nodes);
  for (let e = 0; e < table.edges.length; e++) {
    const edge = table.edges[e] as FlowEdge;
    if (!hiding.hidden[e] || known.has(e) || edge.value < 1 || !(strict || isSmall(edge.value))) continue;
    const canShrink = edge.value > (hiding.lowerBound[e] ?? 0);
    if (
      !reachable(table, adjacency, edge.to, e, seen)[edge.from] &&
      !(canShrink && reachable(table, adjacency, edge.from, e, seen)[edge.to])
    )
      return e;
    known.add(e);
  }
  return -1;
}

const better = (a: FlowEdge, b: FlowEdge | undefined) =>
  !b || a.rank < b.rank || (a.rank === b.rank && a.value < b.value);

/**
 * The complement to hide for a pinned edge u→v. To grow, it needs a residual path v ⇝ u; the nodes
 * reachable from v do not include u, so only hiding a figure that crosses out of that set can help,
 * and each such choice enlarges it. Likewise u ⇝ v to shrink. When the edge is the only hidden one
 * on its line, the set is that line and this is the classic rule: hide the next smallest cell of
 * the row. Among crossing figures the lowest rank, then the smallest value wins; with none, any
 * visible figure. -1 when nothing visible and movable is left.
 */
export function chooseComplement(table: FlowTable, hiding: Hiding, pinned: number): number {
  const { edges } = table;
  const target = edges[pinned] as FlowEdge;
  const adjacency = residualAdjacency(table, hiding);
  const cuts = [reachable(table, adjacency, target.to, pinned, new Uint8Array(table.nodes))];
  if (target.value > (hiding.lowerBound[pinned] ?? 0)) {
    cuts.push(reachable(table, adjacency, target.from, pinned, new Uint8Array(table.nodes)));
  }
  let crossing = -1;
  let any = -1;
  for (let e = 0; e < edges.length; e++) {
    const edge = edges[e] as FlowEdge;
    if (hiding.hidden[e] || edge.fixed || edge.value === 0) continue;
    if (better(edge, edges[any])) any = e;
    const canShrink = edge.value > (hiding.lowerBound[e] ?? 0);
    const crosses = cuts.some(
      (inS) => (inS[edge.from] && !inS[edge.to]) || (canShrink && inS[edge.to] && !inS[edge.from]),
    );
    if (crosses && better(edge, edges[crossing])) crossing = e;
  }
  return crossing >= 0 ? crossing : any;
}

/** Hides complements until nothing that must be protected is pinned; false if it ran out of figures. */
export function settle(table: FlowTable, hiding: Hiding, strict: boolean): boolean {
  const known = new Set<number>();
  for (;;) {
    const pinned = findPinned(table, hiding, strict, known);
    if (pinned < 0) return true;
    const complement = chooseComplement(table, hiding, pinned);
    if (complement < 0) return false;
    hiding.hidden[complement] = true;
  }
}

export function assertCounts(counts: readonly number[]): void {
  for (const c of counts) {
    if (!Number.isSafeInteger(c) || c < 0)
      throw new RangeError(`A count must be a whole number ≥ 0, got ${c}.`);
  }
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/**
 * Checks a two-way table of counts (every row as long as the first, whole numbers ≥ 0; RangeError
 * otherwise) and sums its rows, its columns and the whole.
 */
export function twoWayMargins(counts: readonly (readonly number[])[]): {
  rows: number;
  cols: number;
  rowSums: number[];
  colSums: number[];
  total: number;
} {
  const rows = counts.length;
  const cols = counts[0]?.length ?? 0;
  for (const row of counts) {
    if (row.length !== cols) throw new RangeError('Every row must have the same number of columns.');
    assertCounts(row);
  }
  const rowSums = counts.map(sum);
  const colSums = Array.from({ length: cols }, (_, j) => sum(counts.map((row) => row[j] ?? 0)));
  return { rows, cols, rowSums, colSums, total: sum(rowSums) };
}
const shown = (value: number, hidden: boolean | undefined): Figure => (hidden ? SUPPRESSED : value);

export interface OneWayTable {
  cells: Figure[];
  total: Figure;
}

/** Primary hiding of small counts; a table whose total is small is hidden whole, zeros included. */
function primaryHiding(table: FlowTable, total: number): Hiding {
  const whole = isSmall(total);
  return {
    hidden: table.edges.map((e) => whole || (!e.fixed && isSmall(e.value))),
    lowerBound: table.edges.map(() => (whole ? 0 : 1)),
  };
}

/** Counts by category with their total. Deterministic, so the same counts always publish the same way. */
export function protectOneWay(counts: readonly number[]): OneWayTable {
  assertCounts(counts);
  const total = sum(counts);
  // Node 0 → node 1 through each category, back through the total.
  const edges: FlowEdge[] = counts.map((value) => ({ from: 0, to: 1, value, rank: 0, fixed: false }));
  edges.push({ from: 1, to: 0, value: total, rank: 1, fixed: false });
  const table = { nodes: 2, edges };
  const hiding = primaryHiding(table, total);
  if (!settle(table, hiding, true)) hiding.hidden.fill(true);
  return {
    cells: counts.map((c, i) => shown(c, hiding.hidden[i])),
    total: shown(total, hiding.hidden[counts.length]),
  };
}

export interface TwoWayTable {
  cells: Figure[][];
  rowTotals: Figure[];
  colTotals: Figure[];
  total: Figure;
}

/**
 * Rows × columns with row, column and grand totals. With `linkedMargins` the totals are published
 * exactly as `protectOneWay` publishes the row sums and the column sums on their own, so a view
 * that also shows those one-way tables cannot be subtracted from this one; only the inner cells
 * then serve as complements, and if they run out all inner cells are hidden, which shows nothing
 * beyond the two one-way tables.
 */
export function protectTwoWay(
  counts: readonly (readonly number[])[],
  options?: { linkedMargins?: boolean },
): TwoWayTable {
  const linked = options?.linkedMargins ?? false;
  const { rows, cols, rowSums, colSums, total } = twoWayMargins(counts);
  // Nodes: rows 0..r-1, columns r..r+c-1, the totals row r+c, the totals column r+c+1.
  const totalsRow = rows + cols;
  const totalsCol = rows + cols + 1;
  const edges: FlowEdge[] = [];
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      edges.push({ from: rows + j, to: i, value: counts[i]?.[j] ?? 0, rank: 0, fixed: false });
    }
  }
  rowSums.forEach((value, i) => {
    edges.push({ from: i, to: totalsCol, value, rank: 1, fixed: linked });
  });
  colSums.forEach((value, j) => {
    edges.push({ from: totalsRow, to: rows + j, value, rank: 1, fixed: linked });
  });
  edges.push({ from: totalsCol, to: totalsRow, value: total, rank: 2, fixed: linked });
  const table = { nodes: rows + cols + 2, edges };
  const hiding = primaryHiding(table, total);
  const inner = rows * cols;
  if (linked && !isSmall(total)) {
    const rowMargins = protectOneWay(rowSums).cells;
    const colMargins = protectOneWay(colSums).cells;
    for (let i = 0; i < rows; i++) hiding.hidden[inner + i] = isSuppressed(rowMargins[i]);
    for (let j = 0; j < cols; j++) hiding.hidden[inner + rows + j] = isSuppressed(colMargins[j]);
  }
  if (!settle(table, hiding, !linked)) {
    // Out of complements: hide every inner cell, zeros too, so only the margins remain.
    for (let e = 0; e < inner; e++) {
      hiding.hidden[e] = true;
      hiding.lowerBound[e] = 0;
    }
    if (!linked) hiding.hidden.fill(true);
  }
  const at = (e: number) => shown((edges[e] as FlowEdge).value, hiding.hidden[e]);
  return {
    cells: Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => at(i * cols + j))),
    rowTotals: rowSums.map((_, i) => at(inner + i)),
    colTotals: colSums.map((_, j) => at(inner + rows + j)),
    total: at(edges.length - 1),
  };
}
