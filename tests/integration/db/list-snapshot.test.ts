/**
 * The ärenden's encrypted snapshot (src/db/list-snapshot.ts): an unlock takes rows from it only when
 * the row in IndexedDB has the IV it recorded; a stale, corrupt or missing snapshot never shows
 * wrong data; records taken off the device leave it in the same transaction; it is only ever
 * written encrypted, and never while locked.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createArende, listArenden, updateArende } from '../../../src/db/arende-repo';
import { sealMeta } from '../../../src/db/codec';
import type { FaltsamDb } from '../../../src/db/database';
import { flushSnapshot, openSnapshot, SNAPSHOT_KEY, writeSnapshot } from '../../../src/db/list-snapshot';
import { forgetAllRecords } from '../../../src/db/pull-apply';
import { wipeDevice } from '../../../src/db/session-repo';
import { isUnlocked, lockStore, prepareUnlock, unlockStore } from '../../../src/db/store-key';
import { FORBUND, freshDb, sampleFields, TEST_SECRET } from '../../helpers/device';

let db: FaltsamDb;
afterEach(() => {
  vi.restoreAllMocks();
  db?.close();
});

const NOTE = (i: number) => `Uppföljningssamtal nummer ${i} bokat.`;

async function withArenden(n: number) {
  db = freshDb();
  const made = [];
  for (let i = 0; i < n; i++) {
    made.push(
      await createArende(db, {
        fields: sampleFields({ anteckningar: NOTE(i) }),
        forbundId: FORBUND,
        enhetKod: 'NOR',
      }),
    );
  }
  await listArenden(db); // the list has read (and remembered) them
  await flushSnapshot(db);
  return made;
}

/** Every row of every table as IndexedDB holds it; bytes as latin1 so a search sees them. */
async function rawDump(d: FaltsamDb): Promise<string> {
  const tables = await Promise.all(d.tables.map((t) => t.toArray()));
  return JSON.stringify(tables, (_k, v) =>
    v instanceof Uint8Array ? new TextDecoder('latin1').decode(v) : (v as unknown),
  );
}

/** The ids the stored snapshot holds (decrypted), or null when there is none. */
async function snapshotIds(d: FaltsamDb): Promise<string[] | null> {
  const row = await d.meta.get(SNAPSHOT_KEY);
  const open = await openSnapshot(d, row);
  return open ? [...open.keys()].sort() : null;
}

/** Locks, unlocks (reading ahead as the lock screen does) and lists, counting AES decryptions. */
async function unlockAndList(d: FaltsamDb) {
  lockStore(d);
  prepareUnlock(d);
  const decrypt = vi.spyOn(crypto.subtle, 'decrypt');
  await unlockStore(d, TEST_SECRET);
  const listed = await listArenden(d);
  const calls = decrypt.mock.calls.length;
  decrypt.mockRestore();
  return { listed, calls };
}

describe('the ärenden snapshot', () => {
  it('is written encrypted, and an unlock decrypts it instead of every ärende', async () => {
    const made = await withArenden(12);
    const row = await db.meta.get(SNAPSHOT_KEY);
    expect(row?.enc).toBeDefined();
    expect(row?.value).toBeUndefined();
    const dump = await rawDump(db);
    for (let i = 0; i < 12; i++) expect(dump).not.toContain(NOTE(i));
    expect(await snapshotIds(db)).toEqual(made.map((a) => a.id).sort());

    const { listed, calls } = await unlockAndList(db);
    expect(listed.map((a) => a.anteckningar).sort()).toEqual(made.map((_, i) => NOTE(i)).sort());
    // The key envelope's unwrap is not a decrypt; the snapshot is one; no ärende decrypted alone.
    expect(calls).toBeLessThanOrEqual(2);
  });

  it('decrypts the rows written since the snapshot, and shows what they hold now', async () => {
    const made = await withArenden(6);
    const changed = made[2];
    if (!changed) throw new Error('no ärende');
    await updateArende(db, changed.id, {
      ...sampleFields({ anteckningar: 'Ändrad efter ögonblicksbilden.' }),
    });
    // Locked before the rewrite: the stored snapshot still has the old text at the old IV.
    const { listed, calls } = await unlockAndList(db);
    expect(listed.find((a) => a.id === changed.id)?.anteckningar).toBe('Ändrad efter ögonblicksbilden.');
    expect(listed).toHaveLength(6);
    expect(calls).toBeGreaterThanOrEqual(2); // the snapshot and the changed row
    expect(calls).toBeLessThanOrEqual(4); // …not every ärende
  });

  it("takes a row's clear version over the one the snapshot recorded (a push's answer keeps the IV)", async () => {
    const made = await withArenden(3);
    const a = made[1];
    if (!a) throw new Error('no ärende');
    await db.records.update(['arende', a.id], { version: 7 }); // as applyPushResults sets it
    const { listed, calls } = await unlockAndList(db);
    expect(listed.find((x) => x.id === a.id)?.version).toBe(7);
    expect(listed.find((x) => x.id === a.id)?.anteckningar).toBe(NOTE(1));
    expect(calls).toBeLessThanOrEqual(2);
  });

  it('never lists an ärende the snapshot holds that is not in IndexedDB', async () => {
    const made = await withArenden(3);
    const ghost = '00000000-0000-4000-8000-00000000dead';
    const fake = await sealMeta(db, SNAPSHOT_KEY, {
      v: 1,
      rows: [[ghost, 'x'.repeat(12), { id: ghost, code: 'NOR-SPOK', anteckningar: 'spöke' }, 1]],
    });
    await db.meta.put(fake);
    const { listed } = await unlockAndList(db);
    expect(listed.map((a) => a.id).sort()).toEqual(made.map((a) => a.id).sort());
  });

  it('ignores and deletes a snapshot that does not decrypt or parse', async () => {
    const made = await withArenden(4);
    const row = await db.meta.get(SNAPSHOT_KEY);
    if (!row?.enc) throw new Error('no snapshot');
    const ct = row.enc.ct.slice();
    ct[5] = (ct[5] ?? 0) ^ 1;
    await db.meta.put({ key: SNAPSHOT_KEY, enc: { ...row.enc, ct } });
    const { listed } = await unlockAndList(db);
    expect(listed.map((a) => a.anteckningar).sort()).toEqual(made.map((_, i) => NOTE(i)).sort());
    expect(await db.meta.get(SNAPSHOT_KEY)).toBeUndefined();

    // Decrypts but is not a snapshot: the same.
    await db.meta.put(await sealMeta(db, SNAPSHOT_KEY, { v: 1, rows: 'inte en lista' }));
    const again = await unlockAndList(db);
    expect(again.listed).toHaveLength(4);
    expect(await db.meta.get(SNAPSHOT_KEY)).toBeUndefined();
  });

  it('leaves the device with the records taken off it, and is not rewritten with them', async () => {
    const made = await withArenden(5);
    await db.outbox.clear(); // as if synced: nothing keeps them
    await forgetAllRecords(db); // the account was blocked: every record leaves the device
    expect(await db.meta.get(SNAPSHOT_KEY)).toBeUndefined();
    for (let i = 0; i < 5; i++) expect(await rawDump(db)).not.toContain(NOTE(i));
    // The memory still holds them until the list reads again; a write now must not bring them back.
    await flushSnapshot(db);
    const ids = await snapshotIds(db);
    for (const a of made) expect(ids ?? []).not.toContain(a.id);
    expect(await writeSnapshot(db, [[made[0]?.id ?? '', 'x'.repeat(12), { id: made[0]?.id }, 1]])).toBe(true);
    expect(await snapshotIds(db)).toEqual([]);
  });

  it('goes with a wipe, and a delete of ärenden outside a transaction with meta is refused', async () => {
    const made = await withArenden(2);
    const a = made[0];
    if (!a) throw new Error('no ärende');
    await expect(db.records.delete(['arende', a.id])).rejects.toThrow(/meta/);
    expect(await db.records.get(['arende', a.id])).toBeDefined();
    await wipeDevice(db);
    expect(await db.meta.get(SNAPSHOT_KEY)).toBeUndefined();
  });

  it('is never written while locked, and the lock drops what was decrypted', async () => {
    db = freshDb();
    await createArende(db, {
      fields: sampleFields({ anteckningar: NOTE(1) }),
      forbundId: FORBUND,
      enhetKod: 'NOR',
    });
    await listArenden(db);
    lockStore(db);
    expect(isUnlocked(db)).toBe(false);
    await flushSnapshot(db);
    expect(await db.meta.get(SNAPSHOT_KEY)).toBeUndefined();
  });

  it('lists exactly what IndexedDB holds after any mix of edits, removals, rewrites and unlocks', async () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('create' as const), text: fc.nat(999).map(NOTE) }),
      fc.record({ kind: fc.constant('update' as const), at: fc.nat(), text: fc.nat(999).map(NOTE) }),
      fc.record({ kind: fc.constant('flush' as const) }),
      fc.record({ kind: fc.constant('unlock' as const) }),
      fc.record({ kind: fc.constant('removeAll' as const) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 8 }), async (ops) => {
        db?.close();
        db = freshDb();
        await listArenden(db); // the key envelope is stored once the key is derived
        const truth = new Map<string, string>();
        for (const o of ops) {
          if (o.kind === 'create') {
            const a = await createArende(db, {
              fields: sampleFields({ anteckningar: o.text }),
              forbundId: FORBUND,
              enhetKod: 'NOR',
            });
            truth.set(a.id, o.text);
          } else if (o.kind === 'update' && truth.size > 0) {
            const id = [...truth.keys()][o.at % truth.size] as string;
            await updateArende(db, id, sampleFields({ anteckningar: o.text }));
            truth.set(id, o.text);
          } else if (o.kind === 'flush') {
            await listArenden(db);
            await flushSnapshot(db);
          } else if (o.kind === 'unlock') {
            await unlockAndList(db);
          } else if (o.kind === 'removeAll') {
            await db.outbox.clear();
            await forgetAllRecords(db);
            truth.clear();
          }
        }
        const { listed } = await unlockAndList(db);
        expect(new Map(listed.map((a) => [a.id, a.anteckningar]))).toEqual(truth);
        const ids = await snapshotIds(db);
        for (const id of ids ?? []) expect(truth.has(id)).toBe(true);
      }),
      { seed: 1504, numRuns: 25 },
    );
  });
});
