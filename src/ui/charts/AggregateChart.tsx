import { useEffect, useRef, useState } from 'preact/hooks';
import type { AggregateChartData } from './aggregate-chart-render';

/**
 * A canvas chart of the coordinator's views, drawn once chart.js has loaded (dynamic import: it is
 * fetched only when a view opens). The table beside it carries the same figures, and hidden ones.
 */
export function AggregateChart({
  data,
  label,
  failedText,
}: {
  data: AggregateChartData;
  label: string;
  failedText: string;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    let chart: { destroy(): void } | undefined;
    import('./aggregate-chart-render')
      .then(({ renderAggregateChart }) => {
        if (live && ref.current?.getContext('2d')) chart = renderAggregateChart(ref.current, data);
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
