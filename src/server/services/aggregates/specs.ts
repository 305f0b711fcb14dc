/** Builds the figure list of a release table by table: each count names its index in the release. */
import type { Figure } from '../../../domain/aggregation/cell-key';
import type { FigureSpec } from '../../../domain/aggregation/release';
import type { TwoWayReport } from '../../../domain/aggregation/report';

export class Specs<V> {
  readonly list: FigureSpec<V>[] = [];

  /** A count of the persons `member` holds; `reads` names the attributes it depends on. */
  count(member: (v: V) => boolean, reads: readonly string[]): number {
    this.list.push({ kind: 'count', weight: (v) => (member(v) ? 1 : 0), reads });
    return this.list.length - 1;
  }

  /** One count per key. */
  counts<K>(keys: readonly K[], member: (v: V, k: K) => boolean, reads: readonly string[]): number[] {
    return keys.map((k) => this.count((v) => member(v, k), reads));
  }
}

/** Index layout of a two-way table, turned into its published form. */
export interface TwoWayLayout {
  rows: string[];
  cols: string[];
  cells: number[][];
  rowTotals: number[];
  colTotals: number[];
  total: number;
}

export function twoWayOf(layout: TwoWayLayout, figures: readonly Figure[]): TwoWayReport {
  const at = (i: number) => figures[i] as Figure;
  return {
    rows: layout.rows,
    cols: layout.cols,
    cells: layout.cells.map((r) => r.map(at)),
    rowTotals: layout.rowTotals.map(at),
    colTotals: layout.colTotals.map(at),
    total: at(layout.total),
  };
}

/** A key for grouping persons with the same value into one unit. */
export const valueKey = (v: unknown): string => JSON.stringify(v);
