import type { CsvValue } from '../../../domain/aggregation/csv';
import { type StatTable, tableCsv } from '../../../domain/konsultation-stats';
import { formatNumber } from '../../i18n/format-time';
import { t } from '../../i18n/konsultation';

/** A figure in the chosen language (33,3 and 1 000, or 33.3 and 1,000); an empty share as a dash. */
function show(value: CsvValue): string {
  if (value === null) return t.konsultation.stats.empty;
  if (typeof value === 'number') return formatNumber(value);
  return typeof value === 'string' ? value : '';
}

/** Offers `csv` as a file download (UTF-8; the text already starts with its BOM). */
function download(csv: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** One statistics table with a visible caption, row headers in the first column, and its CSV download. */
export function StatTableView({
  caption,
  table,
  fileName,
}: {
  caption: string;
  table: StatTable;
  fileName: string;
}) {
  const s = t.konsultation.stats;
  return (
    <div class="form-section stat-table">
      {/* Focusable and named: a wide table scrolls sideways, which the keyboard must reach too. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region needs keyboard access (WCAG 2.1.1) */}
      <section class="table-wrap" aria-label={caption} tabIndex={0}>
        <table class="arende-table data-table">
          <caption>{caption}</caption>
          <thead>
            <tr>
              {table.headers.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, i) => (
              <tr key={i}>
                {row.map((cell, j) =>
                  j === 0 ? (
                    <th key={j} scope="row">
                      {show(cell)}
                    </th>
                  ) : (
                    <td key={j}>{show(cell)}</td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <button
        type="button"
        class="button button--secondary"
        aria-label={s.downloadLabel(caption.toLowerCase())}
        onClick={() => download(tableCsv(table), fileName)}
      >
        {s.download}
      </button>
    </div>
  );
}
