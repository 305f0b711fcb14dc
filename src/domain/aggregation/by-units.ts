/**
 * Disclosure control for counts of events (meetings, SIPs, measurements) where several events may
 * belong to the same person: a figure is small when fewer than MIN_CELL persons stand behind it,
 * whatever the number of events. The published values are the event counts; which figures are
 * hidden is decided by the persons behind each (primary) and by the exact audit of ./disclosure on
 * the event counts (complements). Since every hidden event count is at least its persons count,
 * a reader knows no more than the lower bound 1 per hidden non-zero figure, as in ./disclosure.
 */
import {
  assertCounts,
  type Figure,
  type FlowEdge,
  type Hiding,
  isSmall,
  isSuppressed,
  SUPPRESSED,
  settle,
  type TwoWayTable,
  twoWayMargins,
} from './disclosure';

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** Distinct persons behind each figure of a two-way table of events. */
export interface PersonsBehind {
  cells: readonly (readonly number[])[];
  rows: readonly number[];
  cols: readonly number[];
  total: number;
}

/** Persons behind a one-way table: per category and in all. */
export interface PersonsBehindOneWay {
  cells: readonly number[];
  total: number;
}

function primary(edges: readonly FlowEdge[], persons: readonly number[], totalPersons: number): Hiding {
  const whole = isSmall(totalPersons);
  return {
    hidden: edges.map((e, i) => whole || (!e.fixed && isSmall(persons[i] ?? 0))),
    lowerBound: edges.map(() => (whole ? 0 : 1)),
  };
}

const shown = (value: number, hidden: boolean | undefined): Figure => (hidden ? SUPPRESSED : value);

/** Event counts by category with their total, hidden where fewer than MIN_CELL persons are behind. */
export function protectOneWayByPersons(
  events: readonly number[],
  persons: PersonsBehindOneWay,
): { cells: Figure[]; total: Figure } {
  assertCounts(events);
  const total = sum(events);
  const edges: FlowEdge[] = events.map((value) => ({ from: 0, to: 1, value, rank: 0, fixed: false }));
  edges.push({ from: 1, to: 0, value: total, rank: 1, fixed: false });
  const hiding = primary(edges, [...persons.cells, persons.total], persons.total);
  if (!settle({ nodes: 2, edges }, hiding, true)) hiding.hidden.fill(true);
  return {
    cells: events.map((c, i) => shown(c, hiding.hidden[i])),
    total: shown(total, hiding.hidden[events.length]),
  };
}

/**
 * Rows × columns of event counts with margins, hidden by the persons behind each figure. With
 * `linkedMargins` the margins are published exactly as `protectOneWayByPersons` publishes the row
 * and column sums on their own, so two tables that share a margin (meetings by type × month and by
 * type × enhet) show it the same way and cannot be subtracted from each other.
 */
export function protectTwoWayByPersons(
  events: readonly (readonly number[])[],
  persons: PersonsBehind,
  options?: { linkedMargins?: boolean },
): TwoWayTable {
  const linked = options?.linkedMargins ?? false;
  const { rows, cols, rowSums, colSums, total } = twoWayMargins(events);
  const edges: FlowEdge[] = [];
  const personsOf: number[] = [];
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      edges.push({ from: rows + j, to: i, value: events[i]?.[j] ?? 0, rank: 0, fixed: false });
      personsOf.push(persons.cells[i]?.[j] ?? 0);
    }
  }
  rowSums.forEach((value, i) => {
    edges.push({ from: i, to: rows + cols + 1, value, rank: 1, fixed: linked });
    personsOf.push(persons.rows[i] ?? 0);
  });
  colSums.forEach((value, j) => {
    edges.push({ from: rows + cols, to: rows + j, value, rank: 1, fixed: linked });
    personsOf.push(persons.cols[j] ?? 0);
  });
  edges.push({ from: rows + cols + 1, to: rows + cols, value: total, rank: 2, fixed: linked });
  personsOf.push(persons.total);
  const table = { nodes: rows + cols + 2, edges };
  const hiding = primary(edges, personsOf, persons.total);
  const inner = rows * cols;
  if (linked && !isSmall(persons.total)) {
    const rowMargins = protectOneWayByPersons(rowSums, { cells: persons.rows, total: persons.total }).cells;
    const colMargins = protectOneWayByPersons(colSums, { cells: persons.cols, total: persons.total }).cells;
    for (let i = 0; i < rows; i++) hiding.hidden[inner + i] = isSuppressed(rowMargins[i]);
    for (let j = 0; j < cols; j++) hiding.hidden[inner + rows + j] = isSuppressed(colMargins[j]);
  }
  // Strict in both modes: an event count of 5 or more may still have fewer persons behind it.
  if (!settle(table, hiding, true)) {
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
