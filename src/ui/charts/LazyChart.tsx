import { useEffect, useRef, useState } from 'preact/hooks';

/** Draws `data` on a canvas; the returned chart is destroyed when the data changes or the view closes. */
export type ChartRenderer<D> = (canvas: HTMLCanvasElement, data: D) => { destroy(): void };

/**
 * A canvas chart drawn once its renderer (and with it chart.js) has loaded: `load` is a dynamic
 * import, so chart.js is fetched only when a view with a chart opens (and precached for offline
 * use). The table beside every chart carries the same figures, so a failed load loses nothing.
 */
export function LazyChart<D>({
  load,
  data,
  label,
  failedText,
}: {
  /** A module-level function (stable), e.g. () => import('./x-render').then((m) => m.renderX). */
  load: () => Promise<ChartRenderer<D>>;
  data: D;
  label: string;
  failedText: string;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    let chart: { destroy(): void } | undefined;
    load()
      .then((render) => {
        if (live && ref.current?.getContext('2d')) chart = render(ref.current, data);
      })
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
      chart?.destroy();
    };
  }, [load, data]);
  if (failed) return <p class="muted">{failedText}</p>;
  return (
    <div class="chart-box">
      <canvas ref={ref} role="img" aria-label={label} />
    </div>
  );
}
