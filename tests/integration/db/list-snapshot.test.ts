/**
 * The ärenden's encrypted snapshot (src/db/list-snapshot.ts) and the rows' generation token
 * (src/db/snapshot-guard.ts): an unlock lists from the snapshot alone while the token is the one it
 * was taken at, and otherwise takes a row from it only when the row in IndexedDB has the IV it
 * recorded; a stale, corrupt or missing snapshot never shows wrong data, nor does this tab's memory
 * of the last list after another connection wrote; records taken off the device leave it in the
 * same transaction; it is only ever written encrypted, and never while locked.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createArende, type LocalArende, listArenden, updateArende } from '../../../src/db/arende-repo';
import { sealMeta } from '../../../src/db/codec';
import { type FaltsamDb, openFaltsamDb } from '../../../src/db/database';
import {
  currentGen,
  flushSnapshot,
  openSnapshot,
  SNAPSHOT_KEY,
  writeSnapshot,
} from '../../../src/db/list-snapshot';
import { applyPulledPage, forgetAllRecords } from '../../../src/db/pull-apply';
import { wipeDevice } from '../../../src/db/session-repo';
import { isUnlocked, lockStore, prepareUnlock, unlockStore } from '../../../src/db/store-key';
import { ENHET_NOR, FORBUND, freshDb, sampleFields, TEST_SECRET } from '../../helpers/device';

let db: FaltsamDb;
/** A second connection to the same database: another tab. */
let other: FaltsamDb | undefined;
afterEach(() => {
  vi.restoreAllMocks();
  db?.close();
  other?.close();
  other = undefined;
});

/** Another tab of the same device, unlocked with the same secret. */
async function otherTab(d: FaltsamDb): Promise<FaltsamDb> {
  other ??= openFaltsamDb(d.name);
  await unlockStore(other, TEST_SECRET);
  return other;
}

/** The server's next version of an ärende the device holds, as a pull brings it. */
function pulled(a: LocalArende, text: string): Record<string, unknown> {
  const { sync: _sync, ...record } = a;
  return { ...record, anteckningar: text, version: a.version + 1 };
}

let cursor = 0;
/** Stores a pull page with `changes` and `removals` (ärenden), as the sync engine does. */
async function pull(d: FaltsamDb, changes: Record<string, unknown>[], removals: string[]) {
  const asked = String(cursor);
  cursor += 1;
  await applyPulledPage(
    d,
    {
      forbundId: FORBUND,
      changes: changes.map((record) => ({ entity: 'arende' as const, record: record as never })),
      removals: removals.map((id) => ({ entity: 'arende' as const, id })),
      scope: { enhetIds: [ENHET_NOR], entities: ['arende'] },
      cursor: String(cursor),
      hasMore: false,
    },
    asked,
  );
}

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
  return open ? open.rows.map(([id]) => id).sort() : null;
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
    // As applyPushResults sets it, in a transaction with meta.
    await db.transaction('rw', [db.records, db.meta], () =>
      db.records.update(['arende', a.id], { version: 7 }),
    );
    const { listed, calls } = await unlockAndList(db);
    expect(listed.find((x) => x.id === a.id)?.version).toBe(7);
    expect(listed.find((x) => x.id === a.id)?.anteckningar).toBe(NOTE(1));
    expect(calls).toBeLessThanOrEqual(2);
  });

  it('never lists an ärende the snapshot holds that is not in IndexedDB', async () => {
    const made = await withArenden(3);
    const ghost = '00000000-0000-4000-8000-00000000dead';
    // Taken at an earlier generation of the rows: only a hint, and a ghost is not listed.
    const fake = await sealMeta(db, SNAPSHOT_KEY, {
      v: 2,
      gen: 'en tidigare generation',
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
    await db.meta.put(await sealMeta(db, SNAPSHOT_KEY, { v: 2, gen: 'g', rows: 'inte en lista' }));
    const again = await unlockAndList(db);
    expect(again.listed).toHaveLength(4);
    expect(await db.meta.get(SNAPSHOT_KEY)).toBeUndefined();
  });

  it('leaves the device with the records taken off it, and is not rewritten with them', async () => {
    const made = await withArenden(5);
    const before = await currentGen(db);
    await db.outbox.clear(); // as if synced: nothing keeps them
    await forgetAllRecords(db); // the account was blocked: every record leaves the device
    expect(await db.meta.get(SNAPSHOT_KEY)).toBeUndefined();
    for (let i = 0; i < 5; i++) expect(await rawDump(db)).not.toContain(NOTE(i));
    // The memory still holds them until the list reads again; a write now must not bring them back.
    await flushSnapshot(db);
    const ids = await snapshotIds(db);
    for (const a of made) expect(ids ?? []).not.toContain(a.id);
    // A state read before the removal (its generation token) is not written.
    expect(
      await writeSnapshot(db, {
        gen: before,
        rows: [[made[0]?.id ?? '', 'x'.repeat(12), { id: made[0]?.id }, 1]],
      }),
    ).toBe(false);
    const after = await snapshotIds(db);
    for (const a of made) expect(after ?? []).not.toContain(a.id);
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

  it('lists from the snapshot alone, reading no ärende row, while the rows have not changed since', async () => {
    const made = await withArenden(8);
    const where = vi.spyOn(db.records, 'where');
    const { listed, calls } = await unlockAndList(db);
    expect(where).not.toHaveBeenCalled();
    expect(calls).toBeLessThanOrEqual(2);
    expect(listed.map((a) => a.anteckningar).sort()).toEqual(made.map((_, i) => NOTE(i)).sort());
    // Listed again without a change: still no row read.
    await listArenden(db);
    expect(where).not.toHaveBeenCalled();
  });

  it("follows another tab's write, though this tab's last list and the snapshot were taken before it", async () => {
    const made = await withArenden(4);
    const a = made[1];
    if (!a) throw new Error('no ärende');
    await updateArende(await otherTab(db), a.id, sampleFields({ anteckningar: 'Ändrad i en annan flik.' }));
    expect((await listArenden(db)).find((x) => x.id === a.id)?.anteckningar).toBe('Ändrad i en annan flik.');
    // The snapshot of this tab's earlier list is not taken whole at the next unlock either.
    const { listed } = await unlockAndList(db);
    expect(listed.find((x) => x.id === a.id)?.anteckningar).toBe('Ändrad i en annan flik.');
  });

  it('is written only at the generation it was read at, and a write of ärende rows without meta is refused', async () => {
    const made = await withArenden(2);
    const a = made[0];
    if (!a) throw new Error('no ärende');
    const gen = await currentGen(db);
    expect(gen).toEqual(expect.any(String));
    await expect(db.records.update(['arende', a.id], { version: 9 })).rejects.toThrow(/meta/);
    expect(await currentGen(db)).toBe(gen);
    await db.transaction('rw', [db.records, db.meta], () =>
      db.records.update(['arende', a.id], { version: 9 }),
    );
    expect(await currentGen(db)).not.toBe(gen);
    expect(await writeSnapshot(db, { gen, rows: [] })).toBe(false);
    expect(await writeSnapshot(db, { gen: null, rows: [] })).toBe(false);
  });

  it('lists exactly what IndexedDB holds after any mix of edits, pulls, removals, other tabs, rewrites and unlocks', async () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('create' as const), text: fc.nat(999).map(NOTE) }),
      fc.record({ kind: fc.constant('update' as const), at: fc.nat(), text: fc.nat(999).map(NOTE) }),
      fc.record({ kind: fc.constant('flush' as const) }),
      fc.record({ kind: fc.constant('unlock' as const) }),
      fc.record({ kind: fc.constant('removeAll' as const) }),
      fc.record({ kind: fc.constant('pull' as const), at: fc.nat(), text: fc.nat(999).map(NOTE) }),
      fc.record({ kind: fc.constant('pullRemoval' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('pushAnswer' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('otherTab' as const), at: fc.nat(), text: fc.nat(999).map(NOTE) }),
      fc.record({ kind: fc.constant('list' as const) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 8 }), async (ops) => {
        db?.close();
        other?.close();
        other = undefined;
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
          } else if (o.kind === 'pull' && truth.size > 0) {
            // Synced first, so no pending edit lies over what the server sends.
            await db.outbox.clear();
            const id = [...truth.keys()][o.at % truth.size] as string;
            const current = (await listArenden(db)).find((a) => a.id === id) as LocalArende;
            await pull(db, [pulled(current, o.text)], []);
            truth.set(id, o.text);
          } else if (o.kind === 'pullRemoval' && truth.size > 0) {
            await db.outbox.clear(); // nothing unsynced keeps it
            const id = [...truth.keys()][o.at % truth.size] as string;
            await pull(db, [], [id]);
            truth.delete(id);
          } else if (o.kind === 'pushAnswer' && truth.size > 0) {
            // The server's version set on the row, as applyPushResults does: the IV stays.
            const id = [...truth.keys()][o.at % truth.size] as string;
            await db.transaction('rw', [db.records, db.meta], async () => {
              const row = await db.records.get(['arende', id]);
              await db.records.update(['arende', id], { version: (row?.version ?? 0) + 1 });
            });
          } else if (o.kind === 'otherTab' && truth.size > 0) {
            const id = [...truth.keys()][o.at % truth.size] as string;
            await updateArende(await otherTab(db), id, sampleFields({ anteckningar: o.text }));
            truth.set(id, o.text);
          } else if (o.kind === 'list') {
            const listed = await listArenden(db);
            expect(new Map(listed.map((a) => [a.id, a.anteckningar]))).toEqual(truth);
          }
        }
        const { listed } = await unlockAndList(db);
        expect(new Map(listed.map((a) => [a.id, a.anteckningar]))).toEqual(truth);
        const ids = await snapshotIds(db);
        for (const id of ids ?? []) expect(truth.has(id)).toBe(true);
      }),
      { seed: 1504, numRuns: 40 },
    );
  });
});
