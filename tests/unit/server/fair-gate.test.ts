/**
 * The admission gate of pushes and pulls (src/server/services/fair-gate.ts): never more than its
 * slots at once, one förbund's flood never ahead of another förbund's next turn, first come first
 * served within a förbund, and a failure frees its slot. Checked as a model over random arrivals.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createFairGate } from '../../../src/server/services/fair-gate';

/** A task that runs until released, recording when it started. */
function controllable() {
  let release: (fail?: boolean) => void = () => {};
  const done = new Promise<void>((resolve, reject) => {
    release = (fail) => (fail ? reject(new Error('boom')) : resolve());
  });
  return { done, release: (fail?: boolean) => release(fail) };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('fair gate', () => {
  it('runs at most `slots` at once, gives each waiting förbund a turn before any gets a second, and keeps arrival order within a förbund', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.constantFrom('A', 'B', 'C'), { minLength: 1, maxLength: 40 }),
        fc.array(fc.boolean(), { maxLength: 40 }),
        async (slots, arrivals, failures) => {
          const gate = createFairGate(slots);
          const started: { key: string; n: number }[] = [];
          const tasks = arrivals.map(() => controllable());
          let running = 0;
          let most = 0;
          const all = arrivals.map((key, n) =>
            gate
              .run(key, async () => {
                running += 1;
                most = Math.max(most, running);
                started.push({ key, n });
                try {
                  await tasks[n]?.done;
                } finally {
                  running -= 1;
                }
              })
              .catch(() => undefined),
          );
          // Finish the running tasks one at a time, oldest start first, some failing.
          for (let i = 0; i < arrivals.length; i++) {
            await tick();
            const next = started[i];
            if (next) tasks[next.n]?.release(failures[i] ?? false);
          }
          await Promise.all(all);
          expect(most).toBeLessThanOrEqual(slots);
          expect(started).toHaveLength(arrivals.length);
          for (const key of ['A', 'B', 'C']) {
            const order = started.filter((s) => s.key === key).map((s) => s.n);
            expect(order).toEqual([...order].sort((a, b) => a - b));
          }
          // All arrive before any finishes, so the first `slots` start at once and the rest queue.
          // A förbund's first queued task gets a slot before any förbund gets a second one.
          const queued = started.slice(slots);
          const keys = new Set(queued.map((q) => q.key));
          for (const key of keys)
            expect(queued.findIndex((q) => q.key === key)).toBeLessThanOrEqual(keys.size - 1);
        },
      ),
      { seed: 1907, numRuns: 200 },
    );
  });

  it('lets another förbund in at the next free slot while one förbund has 200 waiting', async () => {
    const gate = createFairGate(2);
    const order: string[] = [];
    const open = controllable();
    const flood = Array.from({ length: 200 }, (_, i) =>
      gate.run('A', async () => {
        order.push(`A${i}`);
        await open.done;
      }),
    );
    const other = gate.run('B', async () => {
      order.push('B');
    });
    expect(gate.waiting).toBe(199);
    open.release();
    await Promise.all([...flood, other]);
    expect(order.indexOf('B')).toBeLessThanOrEqual(3);
  });

  it('frees the slot of a task that throws, and passes the error on', async () => {
    const gate = createFairGate(1);
    await expect(gate.run('A', () => Promise.reject(new Error('nej')))).rejects.toThrow('nej');
    expect(await gate.run('A', async () => 'sedan')).toBe('sedan');
  });

  it('refuses a gate without slots', () => {
    for (const slots of [0, -1, 1.5, Number.NaN]) expect(() => createFairGate(slots)).toThrow();
  });
});
