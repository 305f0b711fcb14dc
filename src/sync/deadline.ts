/**
 * Every request to the server has a deadline, answer body included, so a connection that never
 * answers (a hotel Wi-Fi that accepts and then stalls) cannot hold a sync round, or the Web Lock
 * the pages and the service worker share, open. Apart from the REST client so the service worker's
 * sender (sealed-sender.ts, no zod) uses the same rule.
 */
import { DeadlineError } from './errors';

/**
 * How long a request may take, answer body included. A pull page or a push batch is at most a few
 * hundred kB: 20 s is ample on a slow mobile link and short enough that a hung hotel Wi-Fi costs one
 * retry, not a stalled app. The health probe answers with a few bytes. A login waits for the
 * server's deliberately slow password hash, with the user watching.
 */
export const DEADLINES = { request: 20_000, probe: 5_000, login: 30_000 } as const;

/**
 * Runs `work` with an AbortSignal that fires after `ms`; rejects with DeadlineError then, even if
 * the fetch implementation ignores the signal (so the caller is never left waiting).
 */
export async function withDeadline<T>(ms: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new DeadlineError(ms));
    }, ms);
  });
  try {
    return await Promise.race([work(controller.signal), expired]);
  } catch (e) {
    if (controller.signal.aborted) throw new DeadlineError(ms);
    throw e;
  } finally {
    clearTimeout(timer);
  }
}
