import type { SipReport } from '../../../domain/aggregation/report';
import { AggregateChart } from '../../charts/AggregateChart';
import { t } from '../../i18n/koordinator';
import { FigureTable } from './FigureTable';
import { plot } from './figures';
import { Section } from './Section';
import { twoWayRows } from './two-way';

const k = t.koordinator;

export function SipView({ report }: { report: SipReport }) {
  const enhetName = (id: string) => report.enheter.find((e) => e.id === id)?.namn ?? id;
  const statusLabel = (s: string) => (k.sip.status as Record<string, string>)[s] ?? s;
  return (
    <>
      <Section id="sip-status" title={k.sip.statusHeading}>
        <div class="chart-and-table chart-and-table--stacked">
          <AggregateChart
            data={{
              type: 'bar',
              labels: report.statusByEnhet.cols.map(statusLabel),
              datasets: [{ label: k.kl.count, data: report.statusByEnhet.colTotals.map((c) => plot(c)) }],
            }}
            label={k.sip.chartLabel}
          />
          <FigureTable
            caption={k.sip.statusCaption}
            rowHeader={k.enhetCol}
            columns={[...report.statusByEnhet.cols.map(statusLabel), k.total]}
            rows={twoWayRows(report.statusByEnhet, enhetName)}
            filename="sip-per-enhet-och-status"
          />
        </div>
      </Section>
      <Section id="sip-fullstandighet" title={k.sip.completenessHeading}>
        <FigureTable
          caption={k.sip.completenessCaption}
          rowHeader={k.sip.item}
          columns={[k.sip.met, k.sip.notMet, k.total]}
          rows={[
            ...report.completeness.map((c) => ({
              label: `${k.sip.item} ${c.item}`,
              cells: [...c.table.cells.map((value) => ({ value })), { value: c.table.total }],
            })),
            {
              label: k.sip.complete,
              cells: [...report.complete.cells.map((value) => ({ value })), { value: report.complete.total }],
            },
          ]}
          filename="sip-fullstandighet"
        />
      </Section>
      <Section id="sip-dagar" title={k.sip.daysHeading}>
        <FigureTable
          caption={k.sip.daysCaption}
          rowHeader={k.sip.band}
          columns={[k.kl.count]}
          rows={[
            ...report.daysToStart.bands.categories.map((c, i) => ({
              label: (k.sip.bands as Record<string, string>)[c] ?? c,
              cells: [{ value: report.daysToStart.bands.cells[i] ?? 0 }],
            })),
            { label: k.total, cells: [{ value: report.daysToStart.bands.total }] },
          ]}
          filename="sip-dagar-till-start"
        />
      </Section>
    </>
  );
}
