/**
 * Pushes before pulls, per förbund, on PGlite (src/server/services/writes-first.ts): a förbund's
 * pull never starts while a push of the same förbund that came before it is waiting or running –
 * unless it has waited the longest it may – and another förbund's pull never waits for them. A model over random
 * arrivals and endings, failures included.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createFairGate } from '../../../src/server/services/fair-gate';
import { writesFirst } from '../../../src/server/services/writes-first';

const tick = () => new Promise((r) => setImmediate(r));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const gatesOfPglite = (maxWaitMs: number) =>
  writesFirst({ push: createFairGate(1), pull: createFairGate(1) }, maxWaitMs);

const Op = fc.oneof(
  fc.record({ op: fc.constant('push' as const), key: fc.constantFrom('A', 'B') }),
  fc.record({ op: fc.constant('pull' as const), key: fc.constantFrom('A', 'B') }),
  fc.record({ op: fc.constant('finish' as const), fail: fc.boolean() }),
);

describe('writes first', () => {
  it('property: a pull starts only when no earlier push of its förbund is waiting or running, and every call ends', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(Op, { maxLength: 40 }), async (ops) => {
        const gates = gatesOfPglite(60_000);
        // Pushes that have arrived and not yet ended: their förbund, by arrival.
        const pushing = new Map<number, string>();
        const running: { end: (fail: boolean) => void }[] = [];
        const violations: string[] = [];
        let pullsAsked = 0;
        let pullsRun = 0;
        const task = (onEnd: () => void) => () =>
          new Promise<void>((resolve, reject) => {
            running.push({
              end: (fail) => {
                onEnd();
                if (fail) reject(new Error('boom'));
                else resolve();
              },
            });
          });
        const settled: Promise<unknown>[] = [];
        for (const [n, o] of ops.entries()) {
          if (o.op === 'push') {
            pushing.set(n, o.key);
            settled.push(
              gates.push
                .run(
                  o.key,
                  task(() => pushing.delete(n)),
                )
                .catch(() => undefined),
            );
          } else if (o.op === 'pull') {
            pullsAsked += 1;
            const run = task(() => undefined);
            settled.push(
              gates.pull
                .run(o.key, () => {
                  pullsRun += 1;
                  for (const [m, key] of pushing)
                    if (key === o.key && m < n) violations.push(`pull ${n} of ${key} during push ${m}`);
                  return run();
                })
                .catch(() => undefined),
            );
          } else {
            running.shift()?.end(o.fail);
          }
          await tick();
        }
        // Then everything ends, oldest first: every pull gets its turn.
        for (let i = 0; i < 200 && (running.length > 0 || pullsRun < pullsAsked); i++) {
          running.shift()?.end(false);
          await tick();
        }
        await Promise.all(settled);
        expect(violations).toEqual([]);
        expect(pullsRun).toBe(pullsAsked);
      }),
      { numRuns: 300 },
    );
  });

  it('another förbund’s pull does not wait for these pushes', async () => {
    const gates = gatesOfPglite(60_000);
    let endPush = () => {};
    const push = gates.push.run('A', () => new Promise<void>((r) => (endPush = r)));
    await tick();
    const started: string[] = [];
    const pullA = gates.pull.run('A', async () => void started.push('A'));
    const pullB = gates.pull.run('B', async () => void started.push('B'));
    await pullB;
    expect(started).toEqual(['B']);
    endPush();
    await Promise.all([push, pullA]);
    expect(started).toEqual(['B', 'A']);
  });

  it('a pull waits no longer than its limit while its förbund pushes without pause', async () => {
    const gates = gatesOfPglite(50);
    let stop = false;
    // One push after another, each overlapping the next: never a moment without a push of A.
    const pushes = (async () => {
      const overlapping: Promise<void>[] = [];
      while (!stop) {
        overlapping.push(gates.push.run('A', () => sleep(20)).then(() => undefined));
        await sleep(10);
      }
      await Promise.all(overlapping);
    })();
    await sleep(5);
    const asked = performance.now();
    await gates.pull.run('A', async () => undefined);
    const waited = performance.now() - asked;
    stop = true;
    await pushes;
    expect(waited).toBeGreaterThanOrEqual(45);
    expect(waited).toBeLessThan(5_000);
  });
});
