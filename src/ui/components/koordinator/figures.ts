/** Published figures for display, charts and CSV: a hidden figure is text, a gap or a marker. */

import { type Figure, isHidden, isSuppressed } from '../../../domain/aggregation/cell-key';
import type { CsvValue } from '../../../domain/aggregation/csv';
import { toPercent } from '../../../domain/aggregation/csv';
import { formatNumber } from '../../i18n/format-time';

export type Cell = Figure | string | null;

// In the chosen language (33,3 or 33.3); the CSV keeps Swedish Excel's format whatever it is.
const integer = { format: (n: number) => formatNumber(n, 0) };
const decimal = { format: (n: number) => formatNumber(n, 1) };

/** A count, a mean (one decimal) or a share shown as percent. */
export type Kind = 'count' | 'mean' | 'percent';

export interface TypedCell {
  value: Cell;
  kind?: Kind;
}

export function display(c: TypedCell, texts: { suppressed: string; withheld: string }): string {
  const v = c.value;
  if (v === null) return '–';
  if (typeof v === 'string') return v;
  if (isHidden(v)) return isSuppressed(v) ? texts.suppressed : texts.withheld;
  if (c.kind === 'percent') return `${decimal.format(toPercent(v))}`;
  if (c.kind === 'mean') return decimal.format(v);
  return integer.format(v);
}

export function csvOf(c: TypedCell): CsvValue {
  const v = c.value;
  if (v === null || typeof v === 'string' || isHidden(v)) return v;
  if (c.kind === 'percent') return toPercent(v);
  return v;
}

/** For a chart: the number, or null (a gap) when hidden or missing. */
export function plot(v: Figure | null | undefined, kind: Kind = 'count'): number | null {
  if (v === null || v === undefined || isHidden(v)) return null;
  return kind === 'percent' ? toPercent(v) : v;
}
