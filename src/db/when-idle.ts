/** Deferring work that what is on screen does not need (the UI's start-up, the ärenden snapshot). */

/**
 * Runs `fn` once the browser is idle, or at the latest after `timeout` ms, so the work never
 * competes with rendering; returns the cancel function. Where there is no requestIdleCallback
 * (Safari, Node), `otherwise` decides: after that many ms, or 'now' (synchronously).
 */
export function whenIdle(
  fn: () => void,
  { timeout = 2000, otherwise = 200 }: { timeout?: number; otherwise?: number | 'now' } = {},
): () => void {
  const ric = (globalThis as { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => number })
    .requestIdleCallback;
  if (typeof ric === 'function') {
    const id = ric(fn, { timeout });
    return () => cancelIdleCallback(id);
  }
  if (otherwise === 'now') {
    fn();
    return () => {};
  }
  const id = setTimeout(fn, otherwise);
  return () => clearTimeout(id);
}
