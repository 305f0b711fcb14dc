import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createKeyedTurns } from '../../../src/server/services/keyed-turns';

const tick = (n: number) => new Promise<void>((r) => setTimeout(r, n));

describe('keyed turns (one push at a time per device)', () => {
  it('property: per key one at a time and in call order; other keys meanwhile; a failure does not block', async () => {
    const call = fc.record({ key: fc.constantFrom('a', 'b', 'c'), ms: fc.nat(3), fail: fc.boolean() });
    await fc.assert(
      fc.asyncProperty(fc.array(call, { minLength: 1, maxLength: 20 }), async (calls) => {
        const turns = createKeyedTurns();
        const running = new Map<string, number>();
        const started: number[] = [];
        let overlapAcrossKeys = false;
        const results = calls.map((c, i) =>
          turns.run(c.key, async () => {
            expect(running.get(c.key) ?? 0).toBe(0);
            if ([...running.values()].some((n) => n > 0)) overlapAcrossKeys = true;
            running.set(c.key, 1);
            started.push(i);
            await tick(c.ms);
            running.set(c.key, 0);
            if (c.fail) throw new Error(`call ${i}`);
            return i;
          }),
        );
        const settled = await Promise.allSettled(results);
        settled.forEach((s, i) => {
          if (calls[i]?.fail) expect(s).toMatchObject({ status: 'rejected' });
          else expect(s).toEqual({ status: 'fulfilled', value: i });
        });
        for (const key of ['a', 'b', 'c']) {
          const mine = started.filter((i) => calls[i]?.key === key);
          expect(mine).toEqual([...mine].sort((x, y) => x - y));
        }
        if (new Set(calls.map((c) => c.key)).size === 1) expect(overlapAcrossKeys).toBe(false);
        expect(turns.busy).toBe(0);
      }),
      { numRuns: 60, seed: 26_003 },
    );
  });

  it('the second call of a key starts only when the first has settled', async () => {
    const turns = createKeyedTurns();
    let release: () => void = () => {};
    const order: string[] = [];
    const first = turns.run('device', () =>
      new Promise<void>((r) => (release = r)).then(() => order.push('first')),
    );
    const second = turns.run('device', async () => order.push('second'));
    const other = turns.run('other device', async () => order.push('other'));
    await other;
    await tick(5);
    expect(order).toEqual(['other']);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['other', 'first', 'second']);
  });
});
