import { afterEach, describe, expect, it } from 'vitest';
import { createArende, getArende } from '../../../src/db/arende-repo';
import { sealConflicts } from '../../../src/db/codec';
import { listConflicts, resolveConflict } from '../../../src/db/conflicts-repo';
import type { FaltsamDb } from '../../../src/db/database';
import { readOutbox } from '../../../src/db/records';
import { ValidationError } from '../../../src/domain/validation';
import { FORBUND, freshDb, sampleFields } from '../../helpers/device';

let db: FaltsamDb;
afterEach(() => db?.close());

async function withConflict(field: string, local: unknown, server: unknown) {
  db = freshDb();
  const a = await createArende(db, { fields: sampleFields(), forbundId: FORBUND, enhetKod: 'NOR' });
  await db.outbox.clear();
  const conflicts = await sealConflicts(db, [
    {
      id: `${a.id}:${field}`,
      entity: 'arende',
      recordId: a.id,
      field,
      local,
      server,
      at: '2026-11-01T10:00:00.000Z',
    },
  ]);
  await db.conflicts.bulkPut(conflicts);
  return a;
}

describe('conflicts-repo', () => {
  it('keeping the server value removes the conflict and queues nothing', async () => {
    const a = await withConflict('anteckningar', 'Min text.', 'Trepartssamtal planerat i oktober.');
    await resolveConflict(db, `${a.id}:anteckningar`, 'server');
    expect(await listConflicts(db, a.id)).toEqual([]);
    expect(await db.outbox.count()).toBe(0);
  });

  it('using my value writes it again as an edit through the outbox', async () => {
    const a = await withConflict('anteckningar', 'Min text.', 'Trepartssamtal planerat i oktober.');
    await resolveConflict(db, `${a.id}:anteckningar`, 'mine');
    expect((await getArende(db, a.id))?.anteckningar).toBe('Min text.');
    const [entry] = await readOutbox(db);
    expect(entry).toMatchObject({ baseVersion: 0, changes: { anteckningar: 'Min text.' }, state: 'pending' });
    expect(await listConflicts(db, a.id)).toEqual([]);
  });

  it('refuses my value when it no longer fits the record, and keeps the conflict', async () => {
    const a = await withConflict('manaderAv36', 2, 30);
    const err = await resolveConflict(db, `${a.id}:manaderAv36`, 'mine').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).fields.manaderAv36).toMatch(/36 månaderna/);
    expect(await listConflicts(db, a.id)).toHaveLength(1);
    expect(await db.outbox.count()).toBe(0);
  });
});
