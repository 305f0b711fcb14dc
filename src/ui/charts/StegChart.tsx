import { LazyChart } from './LazyChart';
import type { StegChartData } from './steg-chart-render';

const load = () => import('./steg-chart-render').then((m) => m.renderStegChart);

/** The stegförflyttning chart (M14/M15 over time) of an ärende; chart.js loads with it. */
export function StegChart(props: { data: StegChartData; label: string; failedText: string }) {
  return <LazyChart load={load} {...props} />;
}
