import type { Figure } from '../../../domain/aggregation/cell-key';
import type { KartlaggningReport } from '../../../domain/aggregation/report';
import { AggregateChart } from '../../charts/AggregateChart';
import { t } from '../../i18n/koordinator';
import { FigureTable } from './FigureTable';
import { plot } from './figures';
import { Section } from './Section';

const k = t.koordinator;

export function KartlaggningView({
  report,
  enhetId,
}: {
  report: KartlaggningReport;
  enhetId: string | null;
}) {
  const enhetIndex = report.enheter.findIndex((e) => e.id === enhetId);
  const enhet = report.enheter[enhetIndex];
  const scope = enhet?.namn ?? k.allEnheter;
  const label = (dimension: string, code: string) =>
    (dimension === 'behovsgrupp' ? report.behovsgrupper.find((b) => b.code === code)?.label : undefined) ??
    k.kl.categories[dimension]?.[code] ??
    code;
  return (
    <>
      <Section id="kl-enhet" title={k.kl.perEnhetHeading}>
        <FigureTable
          caption={k.kl.enhetCaption(report.date)}
          rowHeader={k.enhetCol}
          columns={[k.kl.count]}
          rows={[
            ...report.enheter.map((e, i) => ({
              label: e.namn,
              cells: [{ value: report.enhet.cells[i] ?? 0 }],
            })),
            { label: k.kl.total, cells: [{ value: report.enhet.total }] },
          ]}
          filename={`kartlaggning-enhet-${report.date}`}
        />
      </Section>
      {report.tables.map((table) => {
        // One enhet: its row of the enhet × category table, whose margins agree with the förbund's.
        const cells: Figure[] = enhet ? (table.perEnhet.cells[enhetIndex] ?? []) : table.total.cells;
        const total: Figure = enhet ? (table.perEnhet.rowTotals[enhetIndex] ?? 0) : table.total.total;
        const categories = table.total.categories;
        const dimension = k.kl.dimensions[table.dimension] ?? table.dimension;
        return (
          <Section
            key={table.dimension}
            id={`kl-${table.dimension}`}
            title={k.kl.headings[table.dimension] ?? ''}
          >
            <div class="chart-and-table">
              <AggregateChart
                data={{
                  type: 'bar',
                  labels: categories.map((c) => label(table.dimension, c)),
                  datasets: [{ label: k.kl.count, data: cells.map((c) => plot(c)) }],
                }}
                label={k.kl.chartLabel(dimension)}
              />
              <FigureTable
                caption={k.kl.caption(dimension, scope, report.date)}
                rowHeader={k.kl.category}
                columns={[k.kl.count]}
                rows={[
                  ...categories.map((c, i) => ({
                    label: label(table.dimension, c),
                    cells: [{ value: cells[i] ?? 0 }],
                  })),
                  { label: k.kl.total, cells: [{ value: total }] },
                ]}
                filename={`kartlaggning-${table.dimension}-${report.date}`}
              />
            </div>
          </Section>
        );
      })}
    </>
  );
}
