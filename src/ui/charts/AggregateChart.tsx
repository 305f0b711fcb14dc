import type { AggregateChartData } from './aggregate-chart-render';
import { LazyChart } from './LazyChart';

const load = () => import('./aggregate-chart-render').then((m) => m.renderAggregateChart);

/** A chart of the coordinator's views; chart.js loads with it, the table beside it shows hidden figures too. */
export function AggregateChart(props: { data: AggregateChartData; label: string; failedText: string }) {
  return <LazyChart load={load} {...props} />;
}
