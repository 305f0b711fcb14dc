import { useEffect, useRef, useState } from 'preact/hooks';
import type { StegChartData } from './steg-chart-render';

/**
 * A canvas chart, drawn once chart.js has loaded (dynamic import: it is fetched only when this view
 * opens, and precached for offline use). The table beside it carries the same figures.
 */
export function StegChart({
  data,
  label,
  failedText,
}: {
  data: StegChartData;
  label: string;
  failedText: string;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    let chart: { destroy(): void } | undefined;
    import('./steg-chart-render')
      .then(({ renderStegChart }) => {
        if (live && ref.current?.getContext('2d')) chart = renderStegChart(ref.current, data);
      })
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
      chart?.destroy();
    };
  }, [data]);
  if (failed) return <p class="muted">{failedText}</p>;
  return (
    <div class="chart-box">
      <canvas ref={ref} role="img" aria-label={label} />
    </div>
  );
}
