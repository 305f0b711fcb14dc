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

  it('refuses a gate without slots, or with a reserve that is not a count', () => {
    for (const slots of [0, -1, 1.5, Number.NaN]) expect(() => createFairGate(slots)).toThrow();
    for (const reserve of [-1, 0.5, Number.NaN, Number.POSITIVE_INFINITY])
      expect(() => createFairGate(2, { reserve })).toThrow();
  });

  it('starts at once a förbund with nothing running while another förbund fills every ordinary slot and has 200 waiting', async () => {
    const gate = createFairGate(3, { reserve: 1 });
    const open = controllable();
    const started: string[] = [];
    const flood = Array.from({ length: 203 }, (_, i) =>
      gate.run('A', async () => {
        started.push(`A${i}`);
        await open.done;
      }),
    );
    const b = controllable();
    const other = gate.run('B', async () => {
      started.push('B');
      await b.done;
    });
    // Started in the same turn, before any of A's work ended.
    expect(started).toEqual(['A0', 'A1', 'A2', 'B']);
    // B's second request has something running: it waits like everyone else; so does a third
    // förbund arriving now, the reserve being taken. Both go before the flood: once B's first ends,
    // B has nothing running again and is first in turn, then C.
    const secondB = gate.run('B', async () => {
      started.push('B2');
    });
    const c = gate.run('C', async () => {
      started.push('C');
    });
    expect(started).toHaveLength(4);
    b.release();
    await other;
    await tick();
    await tick();
    expect(started.slice(4)).toEqual(['B2', 'C']);
    open.release();
    await Promise.all([...flood, secondB, c]);
    expect(started).toHaveLength(206);
  });

  it('with a reserve: never more than slots + reserve at once, no förbund more than slots, a förbund with nothing running or waiting starts at once while there is room, order kept within a förbund', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 2 }),
        // Arrivals and finishes interleaved: a key arrives, or the oldest running task ends.
        fc.array(fc.oneof(fc.constantFrom('A', 'B', 'C', 'D'), fc.constant('end'), fc.constant('fail')), {
          minLength: 1,
          maxLength: 60,
        }),
        async (slots, reserve, steps) => {
          const gate = createFairGate(slots, { reserve });
          const runningOf = new Map<string, number>();
          const waitingOf = new Map<string, number>();
          const started: { key: string; n: number }[] = [];
          const tasks: ReturnType<typeof controllable>[] = [];
          const live: number[] = []; // started and not released, oldest first
          const all: Promise<unknown>[] = [];
          let running = 0;
          let most = 0;
          let mostOfOne = 0;
          for (const step of steps) {
            if (step === 'end' || step === 'fail') {
              const n = live.shift();
              if (n !== undefined) tasks[n]?.release(step === 'fail');
              await tick();
              continue;
            }
            const n = tasks.length;
            const task = controllable();
            tasks.push(task);
            const idle = (runningOf.get(step) ?? 0) === 0 && (waitingOf.get(step) ?? 0) === 0;
            const room = running < slots + reserve && (reserve > 0 || gate.waiting === 0);
            waitingOf.set(step, (waitingOf.get(step) ?? 0) + 1);
            let startedNow = false;
            all.push(
              gate
                .run(step, async () => {
                  startedNow = true;
                  waitingOf.set(step, (waitingOf.get(step) ?? 1) - 1);
                  running += 1;
                  runningOf.set(step, (runningOf.get(step) ?? 0) + 1);
                  most = Math.max(most, running);
                  mostOfOne = Math.max(mostOfOne, runningOf.get(step) ?? 0);
                  started.push({ key: step, n });
                  live.push(n);
                  try {
                    await task.done;
                  } finally {
                    running -= 1;
                    runningOf.set(step, (runningOf.get(step) ?? 1) - 1);
                  }
                })
                .catch(() => undefined),
            );
            if (idle && room) expect(startedNow).toBe(true);
          }
          // Let everything still running or waiting through.
          while (started.length < tasks.length || live.length > 0) {
            const n = live.shift();
            if (n !== undefined) tasks[n]?.release();
            await tick();
          }
          await Promise.all(all);
          expect(most).toBeLessThanOrEqual(slots + reserve);
          expect(mostOfOne).toBeLessThanOrEqual(slots);
          for (const key of ['A', 'B', 'C', 'D']) {
            const order = started.filter((s) => s.key === key).map((s) => s.n);
            expect(order).toEqual([...order].sort((a, b) => a - b));
          }
          expect(gate.waiting).toBe(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});
