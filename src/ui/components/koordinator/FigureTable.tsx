import { isHidden } from '../../../domain/aggregation/cell-key';
import { toExcelCsv } from '../../../domain/aggregation/csv';
import { t } from '../../i18n/koordinator';
import { csvOf, display, type TypedCell } from './figures';

export interface TableRow {
  label: string;
  cells: TypedCell[];
}

/** Saves `csv` as a file through a temporary link (no server round trip; works offline). */
function download(filename: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * A table of published figures with a caption and row headers; hidden figures say "för få för att
 * visas" or "skyddad", as the CSV does. Below it a button downloads the same table as a CSV for
 * Swedish Excel, with the legend as its last line.
 */
export function FigureTable({
  caption,
  rowHeader,
  columns,
  rows,
  filename,
}: {
  caption: string;
  rowHeader: string;
  columns: string[];
  rows: TableRow[];
  /** Without ".csv"; today's date is added unless the name ends with the table's own date. */
  filename: string;
}) {
  const onDownload = () => {
    const csv = toExcelCsv(
      [rowHeader, ...columns],
      [...rows.map((r) => [r.label, ...r.cells.map(csvOf)]), [], [t.koordinator.legend]],
    );
    const today = new Date();
    const p = (n: number) => String(n).padStart(2, '0');
    const day = `${today.getFullYear()}-${p(today.getMonth() + 1)}-${p(today.getDate())}`;
    // A table of a given date (kartläggning per 2026-03-01) is named by it; others by today's.
    download(`${/\d{4}-\d{2}-\d{2}$/.test(filename) ? filename : `${filename}-${day}`}.csv`, csv);
  };
  return (
    <div class="figure-table">
      {/* Focusable and named, so a keyboard user can scroll a wide table sideways (WCAG 2.1.1). */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus */}
      <section class="table-wrap" tabIndex={0} aria-label={caption}>
        <table class="arende-table data-table figures">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{rowHeader}</th>
              {columns.map((c) => (
                <th key={c} scope="col" class="num">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.label}>
                <th scope="row">{r.label}</th>
                {r.cells.map((c, i) => (
                  <td key={i} class={isHidden(c.value) ? 'num suppressed' : 'num'}>
                    {display(c, t.koordinator)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <button type="button" class="button" onClick={onDownload} aria-label={t.koordinator.csvFor(caption)}>
        {t.koordinator.csv}
      </button>
    </div>
  );
}
