import { afterEach, describe, expect, it } from 'vitest';
import { createArende } from '../../../src/db/arende-repo';
import type { FaltsamDb } from '../../../src/db/database';
import { applyPushResults, pendingBatch } from '../../../src/db/sync-apply';
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
});
