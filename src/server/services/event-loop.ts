/**
 * Long requests give the rest of the server a turn. A push of 500 mutations is validated and
 * merged in one async loop whose awaits mostly resolve at once (records are prefetched), so
 * without a real pause it would hold the event loop for its whole length and every other
 * request of every förbund – health checks included – would wait behind it.
 */
import { setImmediate } from 'node:timers/promises';

/** Work between two turns for other requests; well under the 200 ms a health check may wait. */
const SLICE_MS = 20;

/** A function to await in a loop: it pauses for one event-loop turn once SLICE_MS have passed. */
export function createTurnTaker(sliceMs = SLICE_MS): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < sliceMs) return;
    await setImmediate();
    since = performance.now();
  };
}
