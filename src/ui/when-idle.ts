/** Deferring work that the screen on show does not need. */

/**
 * Runs `fn` once the browser is idle (or at the latest after `timeout` ms), so work the current
 * screen does not need never competes with its rendering; returns the cancel function.
 */
export function whenIdle(fn: () => void, timeout = 2000): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(fn, { timeout });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(fn, 200);
  return () => clearTimeout(id);
}
