import { useMemo } from 'preact/hooks';
import type { Local } from '../../../db/casework-repo';
import { progressionSeries, type Stegmatning } from '../../../domain/stegforflyttning';
import { StegChart } from '../../charts/StegChart';
import { t } from '../../i18n/casework';
import { DateText } from '../DateText';

/**
 * Both signs of progress over time: a chart, and the same figures in a table beside it; a note when
 * the measurements were asked in different instrument versions.
 */
export function StegSection({
  matningar,
  intervalMonths,
}: {
  matningar: readonly Local<Stegmatning>[];
  /** The förbund's interval (its settings). */
  intervalMonths: number;
}) {
  const s = t.casework.steg;
  const versions = [...new Set(matningar.map((x) => x.instrumentVersion))].sort();
  const rows = useMemo(() => byDate(matningar), [matningar]);
  const data = useMemo(
    () => ({
      labels: rows.map((r) => r.date),
      m14: rows.map((r) => r.M14),
      m15: rows.map((r) => r.M15),
      m14Label: s.m14,
      m15Label: s.m15,
    }),
    [rows, s],
  );
  return (
    <section class="casework-section" aria-labelledby="steg-heading">
      <h2 id="steg-heading">{s.heading}</h2>
      <p class="muted">{s.intro(intervalMonths)}</p>
      {versions.length > 1 && <p class="muted">{s.versions(versions.join(', '))}</p>}
      {rows.length === 0 ? (
        <p>{s.none}</p>
      ) : (
        <div class="chart-and-table">
          <StegChart data={data} label={s.chartLabel(matningar.length)} failedText={s.chartFailed} />
          {/* Focusable, as FigureTable's: in the narrow column beside the chart the table may scroll
              sideways (dates never wrap), and a keyboard user must be able to scroll it too. */}
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus */}
          <section class="table-wrap" tabIndex={0} aria-label={s.caption}>
            <table class="arende-table data-table">
              <caption>{s.caption}</caption>
              <thead>
                <tr>
                  <th scope="col">{s.colDatum}</th>
                  <th scope="col">{s.m14}</th>
                  <th scope="col">{s.m15}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.date}>
                    <th scope="row">
                      <DateText iso={r.date} />
                    </th>
                    <td>{r.M14 ?? '–'}</td>
                    <td>{r.M15 ?? '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </div>
      )}
    </section>
  );
}

/** One row per date; the last measurement of a slot on a date counts. */
function byDate(list: readonly Stegmatning[]): { date: string; M14: number | null; M15: number | null }[] {
  const series = progressionSeries(list);
  const dates = [...new Set(list.map((m) => m.date))].sort();
  return dates.map((date) => ({
    date,
    M14: series.M14.filter((m) => m.date === date).at(-1)?.value ?? null,
    M15: series.M15.filter((m) => m.date === date).at(-1)?.value ?? null,
  }));
}
