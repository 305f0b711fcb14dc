import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { createArende } from '../../../src/db/arende-repo';
import type { FaltsamDb } from '../../../src/db/database';
import { applyPushResults, pendingBatch } from '../../../src/db/sync-apply';
import type { Mutation } from '../../../src/domain/sync-protocol';
import { FORBUND, freshDb, sampleFields } from '../../helpers/device';

let db: FaltsamDb;
afterEach(() => {
  db?.close();
});

describe('pendingBatch', () => {
  it('sends the oldest pending entries in sequence order, past refused ones, at most `limit`', async () => {
    db = freshDb();
    const made = [];
    for (let i = 0; i < 6; i++)
      made.push(await createArende(db, { fields: sampleFields(), forbundId: FORBUND, enhetKod: 'NOR' }));
    // Refuse the 2nd and 4th: they stay in the outbox, shown, and are not sent again as they are.
    const refused = await db.outbox.bulkGet([2, 4]);
    await applyPushResults(
      db,
      refused.map((e) => ({
        status: 'rejected' as const,
        id: e?.id ?? '',
        seq: e?.seq ?? 0,
        recordId: e?.recordId ?? '',
        error: { code: 'ej_behorig', message: 'Du har inte behörighet till enheten.' },
      })),
      new Date(),
    );
    expect(await db.outbox.count()).toBe(6);

    const first = await pendingBatch(db, 3);
    expect(first.mutations.map((m) => m.seq)).toEqual([1, 3, 5]);
    expect(first.mutations.map((m) => m.recordId)).toEqual([made[0]?.id, made[2]?.id, made[4]?.id]);
    expect(first.mutations[0]).toMatchObject({ entity: 'arende', baseVersion: null });
    expect(first.mutations[0]?.changes).toMatchObject({ code: made[0]?.code });

    expect((await pendingBatch(db, 10)).mutations.map((m) => m.seq)).toEqual([1, 3, 5, 6]);
  });

  it('property: batches hold every pending entry once, in order, within `limit` and the size bound', async () => {
    const size = (ms: readonly Mutation[]) => ms.reduce((n, m) => n + JSON.stringify(m).length, 0);
    const note = (n: number) => 'Trepartssamtal på kontoret, åäö. '.repeat(Math.ceil(n / 33)).slice(0, n);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 4000 }), { minLength: 1, maxLength: 14 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 200, max: 12_000 }),
        async (notes, limit, maxChars) => {
          db?.close();
          db = freshDb();
          for (const n of notes)
            await createArende(db, {
              fields: sampleFields({ anteckningar: note(n) }),
              forbundId: FORBUND,
              enhetKod: 'NOR',
            });
          const all = (await pendingBatch(db, 100, undefined, Number.POSITIVE_INFINITY)).mutations;
          const batches: Mutation[][] = [];
          for (let after = 0; ; ) {
            const { mutations } = await pendingBatch(db, limit, after, maxChars);
            if (mutations.length === 0) break;
            batches.push(mutations);
            after = mutations.at(-1)?.seq ?? after;
          }
          // Every entry once, in sequence order; the oldest batch is the one sent first.
          expect(batches.flat()).toEqual(all);
          expect((await pendingBatch(db, limit, undefined, maxChars)).mutations).toEqual(batches[0]);
          for (const [i, batch] of batches.entries()) {
            expect(batch.length).toBeGreaterThan(0);
            expect(batch.length).toBeLessThanOrEqual(limit);
            // Within the bound, or one entry that is bigger than the bound by itself …
            expect(batch.length === 1 || size(batch) <= maxChars).toBe(true);
            // … and as full as allowed: the next entry would pass the limit or the bound.
            const next = batches[i + 1]?.[0];
            if (next) expect(batch.length === limit || size([...batch, next]) > maxChars).toBe(true);
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
