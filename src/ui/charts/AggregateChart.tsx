import { t } from '../i18n/koordinator';
import type { AggregateChartData } from './aggregate-chart-render';
import { LazyChart } from './LazyChart';

const load = () => import('./aggregate-chart-render').then((m) => m.renderAggregateChart);

/**
 * A chart of the coordinator's views; chart.js loads with it, the table beside it shows every
 * figure. A hidden figure is a gap; a chart whose figures are all hidden is not drawn at all and
 * says so (an empty frame would read as zeros), one with some gaps says that under it.
 */
export function AggregateChart({ data, label }: { data: AggregateChartData; label: string }) {
  const points = data.datasets.flatMap((d) => d.data);
  const shown = points.filter((v) => v !== null).length;
  if (shown === 0) return <p class="muted chart-hidden">{t.koordinator.chartAllHidden}</p>;
  return (
    <div>
      <LazyChart load={load} data={data} label={label} failedText={t.koordinator.chartFailed} />
      {shown < points.length && <p class="muted chart-note">{t.koordinator.chartSomeHidden}</p>}
    </div>
  );
}
