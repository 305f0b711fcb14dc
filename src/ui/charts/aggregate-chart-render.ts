/**
 * Bar and line charts of the coordinator's views with Chart.js. Only ever loaded through import()
 * from AggregateChart, so chart.js stays out of the start-up bundle (the build fails otherwise).
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

Chart.register(
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  LinearScale,
  CategoryScale,
  Legend,
  Tooltip,
);

export interface AggregateChartData {
  type: 'bar' | 'line';
  labels: string[];
  /** A hidden figure is null: a gap, never a bar of 0. */
  datasets: { label: string; data: (number | null)[] }[];
  /** Fixed y range, e.g. 1–5 for means or 0–100 for percent. */
  yMin?: number;
  yMax?: number;
  stacked?: boolean;
}

// Distinguishable in grey scale too, and each line has its own dash and point shape.
const COLOURS = ['#1b4d89', '#9a3412', '#166534', '#6b21a8', '#854d0e', '#334155'];
const DASHES = [[], [6, 4], [2, 3], [10, 3, 2, 3], [], [4, 4]];
const POINTS = ['circle', 'triangle', 'rect', 'rectRot', 'rectRounded', 'triangle'] as const;

export function renderAggregateChart(canvas: HTMLCanvasElement, d: AggregateChartData): { destroy(): void } {
  return new Chart(canvas, {
    type: d.type,
    data: {
      labels: d.labels,
      datasets: d.datasets.map((s, i) => ({
        label: s.label,
        data: s.data,
        borderColor: COLOURS[i % COLOURS.length],
        backgroundColor: COLOURS[i % COLOURS.length],
        borderDash: d.type === 'line' ? DASHES[i % DASHES.length] : undefined,
        pointStyle: POINTS[i % POINTS.length],
        pointRadius: d.type === 'line' ? 5 : undefined,
        spanGaps: true,
      })),
    },
    options: {
      animation: false,
      maintainAspectRatio: false,
      scales: {
        x: { stacked: d.stacked ?? false },
        y: { min: d.yMin, max: d.yMax, stacked: d.stacked ?? false, beginAtZero: true },
      },
      plugins: { legend: { labels: { usePointStyle: true } } },
    },
  });
}
