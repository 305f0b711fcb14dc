/** Published figures for display, charts and CSV: a hidden figure is text, a gap or a marker. */

import type { CsvValue } from '../../../domain/aggregation/csv';
import { toPercent } from '../../../domain/aggregation/csv';
import { type Figure, isSuppressed } from '../../../domain/aggregation/disclosure';

export type Cell = Figure | string | null;

const integer = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 1, minimumFractionDigits: 1 });

/** A count, a mean (one decimal) or a share shown as percent. */
export type Kind = 'count' | 'mean' | 'percent';

export interface TypedCell {
  value: Cell;
  kind?: Kind;
}

export function display(c: TypedCell, suppressedText: string): string {
  const v = c.value;
  if (v === null) return '–';
  if (typeof v === 'string') return v;
  if (isSuppressed(v)) return suppressedText;
  if (c.kind === 'percent') return `${decimal.format(toPercent(v))}`;
  if (c.kind === 'mean') return decimal.format(v);
  return integer.format(v);
}

export function csvOf(c: TypedCell): CsvValue {
  const v = c.value;
  if (v === null || typeof v === 'string' || isSuppressed(v)) return v;
  if (c.kind === 'percent') return toPercent(v);
  if (c.kind === 'mean') return Math.round(v * 100) / 100;
  return v;
}

/** For a chart: the number, or null (a gap) when hidden or missing. */
export function plot(v: Figure | null | undefined, kind: Kind = 'count'): number | null {
  if (v === null || v === undefined || isSuppressed(v)) return null;
  return kind === 'percent' ? toPercent(v) : v;
}
