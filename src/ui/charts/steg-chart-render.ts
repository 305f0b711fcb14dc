/**
 * Draws the stegförflyttning chart with Chart.js. Only ever loaded through import() from
 * StegChart, so chart.js stays out of the start-up bundle (the build fails otherwise).
 */
import {
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Legend, Tooltip);

export interface StegChartData {
  /** ISO dates, oldest first. */
  labels: string[];
  m14: (number | null)[];
  m15: (number | null)[];
  m14Label: string;
  m15Label: string;
}

/** The two series differ by line style and point shape as well as colour. */
export function renderStegChart(canvas: HTMLCanvasElement, d: StegChartData): { destroy(): void } {
  return new Chart(canvas, {
    type: 'line',
    data: {
      labels: d.labels,
      datasets: [
        {
          label: d.m14Label,
          data: d.m14,
          borderColor: '#1b4d89',
          backgroundColor: '#1b4d89',
          pointStyle: 'circle',
          pointRadius: 5,
          spanGaps: true,
        },
        {
          label: d.m15Label,
          data: d.m15,
          borderColor: '#9a3412',
          backgroundColor: '#9a3412',
          borderDash: [6, 4],
          pointStyle: 'triangle',
          pointRadius: 6,
          spanGaps: true,
        },
      ],
    },
    options: {
      animation: false,
      maintainAspectRatio: false,
      scales: { y: { min: 1, max: 5, ticks: { stepSize: 1 } } },
      plugins: { legend: { labels: { usePointStyle: true } } },
    },
  });
}
