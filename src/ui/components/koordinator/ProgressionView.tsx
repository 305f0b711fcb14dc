import type { ProgressionReport } from '../../../domain/aggregation/report';
import { AggregateChart } from '../../charts/AggregateChart';
import { t } from '../../i18n/koordinator';
import { FigureTable } from './FigureTable';
import { plot } from './figures';
import { Section } from './Section';

const k = t.koordinator;

export function ProgressionView({ report }: { report: ProgressionReport }) {
  const m14 = report.overTime.find((s) => s.slot === 'M14');
  const m15 = report.overTime.find((s) => s.slot === 'M15');
  const months = [...new Set([...(m14?.groups ?? []), ...(m15?.groups ?? [])].map((g) => g.key))].sort();
  const at = (s: typeof m14, month: string) => s?.groups.find((g) => g.key === month)?.figures;
  return (
    <>
      <Section id="pr-arenden" title={k.pr.heading}>
        <FigureTable
          caption={k.pr.caption}
          rowHeader={k.kl.category}
          columns={[k.kl.count]}
          rows={[
            ...report.arenden.categories.map((c, i) => ({
              label: k.pr.categories[c] ?? c,
              cells: [{ value: report.arenden.cells[i] ?? 0 }],
            })),
            { label: k.kl.total, cells: [{ value: report.arenden.total }] },
            { label: `${k.pr.share} (%)`, cells: [{ value: report.share, kind: 'percent' }] },
          ]}
          filename="stegforflyttning-arenden"
        />
      </Section>
      <Section id="pr-tid" title={k.pr.overTimeHeading}>
        {months.length === 0 ? (
          <p>{k.noData}</p>
        ) : (
          <div class="chart-and-table chart-and-table--stacked">
            <AggregateChart
              data={{
                type: 'line',
                labels: months,
                datasets: [
                  { label: k.pr.m14, data: months.map((m) => plot(at(m14, m)?.mean)) },
                  { label: k.pr.m15, data: months.map((m) => plot(at(m15, m)?.mean)) },
                ],
                yMin: 1,
                yMax: 5,
              }}
              label={k.pr.chartLabel}
            />
            <FigureTable
              caption={k.pr.overTimeCaption}
              rowHeader={k.pr.month}
              columns={[
                `${k.pr.m14}: ${k.ki.n}`,
                `${k.pr.m14}: ${k.ki.mean}`,
                `${k.pr.m14}: ${k.ki.share}`,
                `${k.pr.m15}: ${k.ki.n}`,
                `${k.pr.m15}: ${k.ki.mean}`,
                `${k.pr.m15}: ${k.ki.share}`,
              ]}
              rows={months.map((m) => {
                const three = (f: ReturnType<typeof at>) =>
                  f
                    ? [
                        { value: f.n },
                        { value: f.mean, kind: 'mean' as const },
                        { value: f.shareJakande, kind: 'percent' as const },
                      ]
                    : [{ value: 0 }, { value: null }, { value: null }];
                return { label: m, cells: [...three(at(m14, m)), ...three(at(m15, m))] };
              })}
              filename="stegforflyttning-per-manad"
            />
          </div>
        )}
      </Section>
    </>
  );
}
