import type { MotenReport } from '../../../domain/aggregation/report';
import { AggregateChart } from '../../charts/AggregateChart';
import { t } from '../../i18n/koordinator';
import { FigureTable } from './FigureTable';
import { plot } from './figures';
import { Section } from './Section';
import { twoWayRows } from './two-way';

const k = t.koordinator;

export function MotenView({ report }: { report: MotenReport }) {
  const typeLabel = (c: string) => (k.mo.types as Record<string, string>)[c] ?? c;
  const enhetName = (id: string) => report.enheter.find((e) => e.id === id)?.namn ?? id;
  const columns = [...report.byMonth.cols.map(typeLabel), k.total];
  return (
    <>
      <Section id="mo-manad" title={k.mo.monthHeading}>
        {report.byMonth.rows.length === 0 ? (
          <p>{k.noData}</p>
        ) : (
          <div class="chart-and-table chart-and-table--stacked">
            <AggregateChart
              data={{
                type: 'bar',
                stacked: true,
                labels: report.byMonth.rows,
                datasets: report.byMonth.cols.map((c, j) => ({
                  label: typeLabel(c),
                  data: report.byMonth.cells.map((row) => plot(row[j])),
                })),
              }}
              label={k.mo.chartLabel}
            />
            <FigureTable
              caption={k.mo.monthCaption}
              rowHeader={k.mo.month}
              columns={columns}
              rows={twoWayRows(report.byMonth, (m) => m)}
              filename="moten-per-manad"
            />
          </div>
        )}
      </Section>
      <Section id="mo-enhet" title={k.mo.enhetHeading}>
        <FigureTable
          caption={k.mo.enhetCaption}
          rowHeader={k.enhetCol}
          columns={columns}
          rows={twoWayRows(report.byEnhet, enhetName)}
          filename="moten-per-enhet"
        />
      </Section>
    </>
  );
}
