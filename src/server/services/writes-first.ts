/**
 * Pushes before pulls, per förbund, on the embedded database. PGlite runs every statement on one
 * thread, so the order of a förbund's work costs nothing in throughput; but while its pushes and
 * its pulls take turns, a morning wave's pushes end only when most of its pulls have (bench:load:
 * 200 handläggare pushing 50 ärenden each and pulling ~190,000 records, push p95 5.8–6.9 s). A
 * förbund's pull therefore waits while a push of the same förbund is waiting or running – every
 * device's work is on the server sooner, and the pulls that follow bring all of it – but never
 * longer than `maxWaitMs`, so a förbund that pushes without pause still gets its pulls. Another
 * förbund's pull never waits for these pushes. On PostgreSQL, which runs pushes and pulls side by
 * side on several connections, the gates are used as they are (app.ts): tried there (one bench:load
 * run each way), the wave's push p95 fell from 3.4–5.0 to 2.2–2.8 s, but with the pulls held back
 * the second core idled – at an empty förbund the round p95 rose from 3.5 to 4.8 s and the wave's
 * throughput fell from 2,750 to 2,040 ärenden a second.
 */
import type { FairGate } from './fair-gate';

export function writesFirst(
  gates: { push: FairGate; pull: FairGate },
  maxWaitMs: number,
): { push: FairGate; pull: FairGate } {
  /** Pushes of each förbund waiting or running. */
  const pushing = new Map<string, number>();
  /** Pulls of each förbund waiting for them to end. */
  const waiters = new Map<string, Set<() => void>>();

  const done = (key: string) => {
    const n = (pushing.get(key) ?? 1) - 1;
    if (n > 0) {
      pushing.set(key, n);
      return;
    }
    pushing.delete(key);
    const waiting = waiters.get(key);
    waiters.delete(key);
    for (const go of waiting ?? []) go();
  };

  const quiet = (key: string) =>
    new Promise<void>((resolve) => {
      if (!pushing.has(key)) return resolve();
      const set = waiters.get(key) ?? new Set();
      waiters.set(key, set);
      const go = () => {
        clearTimeout(timer);
        set.delete(go);
        resolve();
      };
      const timer = setTimeout(go, maxWaitMs);
      set.add(go);
    });

  return {
    push: {
      get waiting() {
        return gates.push.waiting;
      },
      async run(key, fn) {
        pushing.set(key, (pushing.get(key) ?? 0) + 1);
        try {
          return await gates.push.run(key, fn);
        } finally {
          done(key);
        }
      },
    },
    pull: {
      get waiting() {
        return gates.pull.waiting;
      },
      async run(key, fn) {
        await quiet(key);
        return gates.pull.run(key, fn);
      },
    },
  };
}
