import type { TwoWayReport } from '../../../domain/aggregation/report';
import { t } from '../../i18n/koordinator';
import type { TableRow } from './FigureTable';

/** A two-way table's rows with a totals column, then the totals row. */
export function twoWayRows(table: TwoWayReport, rowLabel: (key: string) => string): TableRow[] {
  return [
    ...table.rows.map((key, i) => ({
      label: rowLabel(key),
      cells: [...(table.cells[i] ?? []).map((value) => ({ value })), { value: table.rowTotals[i] ?? 0 }],
    })),
    {
      label: t.koordinator.total,
      cells: [...table.colTotals.map((value) => ({ value })), { value: table.total }],
    },
  ];
}
