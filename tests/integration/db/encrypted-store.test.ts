// The device store encrypted at rest (issue 5, device): what IndexedDB holds is ciphertext for
// every field value, a locked store refuses reads and writes, a wrong secret fails cleanly,
// changing the secret re-wraps only the key, a lock during a save loses nothing, data from before
// encryption is encrypted at the first key, and a wipe removes the key envelope.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { createArende, getArende, listArenden } from '../../../src/db/arende-repo';
import { openRecords, sealRecords } from '../../../src/db/codec';
import { listConflicts } from '../../../src/db/conflicts-repo';
import type { FaltsamDb } from '../../../src/db/database';
import { getMeta, setMeta } from '../../../src/db/meta';
import { applyPulledPage } from '../../../src/db/pull-apply';
import { readOutbox } from '../../../src/db/records';
import { getSession, saveSession, wipeDevice } from '../../../src/db/session-repo';
import {
  changeStoreSecret,
  createStoreKey,
  getKeyEnvelope,
  getStoreState,
  isUnlocked,
  LockedError,
  lockStore,
  prepareUnlock,
  unlockLegacyOffline,
  unlockStore,
  WrongSecretError,
} from '../../../src/db/store-key';
import { applyPushResults } from '../../../src/db/sync-apply';
import { getSyncStatus } from '../../../src/db/sync-status';
import { deriveUnlockVerifier, storeUnlockVerifier } from '../../../src/db/unlock-verifier';
import { createSyncRunner } from '../../../src/sync/runner';
import {
  bareDb,
  FORBUND,
  freshDb,
  HANDLAGGARE,
  sampleFields,
  TEST_KDF,
  TEST_SECRET,
} from '../../helpers/device';

let db: FaltsamDb;
afterEach(() => db?.close());

const USER = { id: HANDLAGGARE, username: 'hanna', displayName: 'Hanna Handläggare' };
const NOTES = 'Trepartssamtal med Arbetsförmedlingen bokat till hösten.';

/** Every row of every table, as IndexedDB holds it; bytes shown as latin1 text so a search sees them. */
async function rawDump(d: FaltsamDb): Promise<string> {
  const tables = await Promise.all(d.tables.map((t) => t.toArray()));
  return JSON.stringify(tables, (_k, v) =>
    v instanceof Uint8Array ? new TextDecoder('latin1').decode(v) : (v as unknown),
  );
}

async function withArende() {
  db = freshDb();
  await saveSession(db, {
    token: 'hemlig-token-0123456789-0123456789-abcdef',
    expiresAt: '2099-01-01T00:00:00.000Z',
    user: {
      ...USER,
      role: 'handlaggare',
      forbund: { id: FORBUND, namn: 'Samordningsförbundet Test', behovsgrupper: [] },
      enheter: [],
    },
  });
  const a = await createArende(db, {
    fields: sampleFields({ anteckningar: NOTES, manaderAv12: 7, startdatum: '2026-08-17' }),
    forbundId: FORBUND,
    enhetKod: 'NOR',
  });
  return a;
}

describe('the encrypted device store', () => {
  it('holds no field value of an ärende, its outbox entry, a conflict or the session token in plain text', async () => {
    const a = await withArende();
    const [entry] = await readOutbox(db);
    await applyPushResults(
      db,
      [
        {
          status: 'applied',
          id: entry?.id ?? '',
          seq: 1,
          recordId: a.id,
          version: 1,
          conflicts: [{ field: 'anteckningar' }],
        },
      ],
      new Date('2026-09-02T10:00:00Z'),
    );
    // The conflict's server value comes with the pull after the push.
    await applyPulledPage(
      db,
      {
        forbundId: FORBUND,
        changes: [
          { entity: 'arende', record: { ...a, anteckningar: 'Serverns anteckning om mötet.', version: 2 } },
        ],
        removals: [],
        scope: { enhetIds: [], entities: ['arende'] },
        cursor: '1',
        hasMore: false,
      },
      '0',
    );
    expect(await listConflicts(db, a.id)).toMatchObject([
      { field: 'anteckningar', local: NOTES, server: 'Serverns anteckning om mötet.' },
    ]);
    const dump = await rawDump(db);
    for (const value of [
      NOTES,
      'Trepartssamtal',
      'Serverns anteckning',
      a.code,
      '2026-08-17',
      a.createdAt,
      'effektivare_stod_arbete',
      'arbetsloshet',
      'hemlig-token',
    ])
      expect(dump, value).not.toContain(value);
    // What stays readable: ids, entity names, and the plain-text meta needed before unlock.
    expect(dump).toContain(a.id);
    expect(dump).toContain('keyEnvelope');
    expect(dump).toContain('Hanna Handläggare');
  });

  it('round-trips any JSON record through the codec, bound to its own row', async () => {
    db = freshDb();
    await fc.assert(
      fc.asyncProperty(fc.uuid(), fc.jsonValue(), async (id, value) => {
        const data = { id, value } as Record<string, unknown>;
        const sealed = await sealRecords(db, [{ entity: 'arende', id, data }]);
        expect(await openRecords(db, sealed)).toEqual([JSON.parse(JSON.stringify(data))]);
        const moved = sealed.map((r) => ({ ...r, id: `${id}x` }));
        await expect(openRecords(db, moved)).rejects.toThrow();
      }),
      { numRuns: 40 },
    );
  });

  it('refuses reads and writes while locked, and a wrong secret leaves it locked', async () => {
    const a = await withArende();
    lockStore(db);
    expect(isUnlocked(db)).toBe(false);
    await expect(listArenden(db)).rejects.toBeInstanceOf(LockedError);
    await expect(getArende(db, a.id)).rejects.toBeInstanceOf(LockedError);
    await expect(getSession(db)).rejects.toBeInstanceOf(LockedError);
    await expect(readOutbox(db)).rejects.toBeInstanceOf(LockedError);
    await expect(getSyncStatus(db)).rejects.toBeInstanceOf(LockedError);
    await expect(
      createArende(db, { fields: sampleFields(), forbundId: FORBUND, enhetKod: 'NOR' }),
    ).rejects.toBeInstanceOf(LockedError);
    expect(await db.records.count()).toBe(1);
    // The lock screen's facts are readable while locked.
    expect(await getStoreState(db)).toMatchObject({ hasKey: true, unlocked: false, user: USER });

    await expect(unlockStore(db, `${TEST_SECRET}!`)).rejects.toBeInstanceOf(WrongSecretError);
    expect(isUnlocked(db)).toBe(false);
    await unlockStore(db, TEST_SECRET);
    expect((await getArende(db, a.id))?.anteckningar).toBe(NOTES);
  });

  it("reads ahead from the secret's first key without opening anything, and lists every ärende after the unlock", async () => {
    const a = await withArende();
    lockStore(db);
    prepareUnlock(db); // the lock screen's first key
    expect(isUnlocked(db)).toBe(false);
    await expect(listArenden(db)).rejects.toBeInstanceOf(LockedError);
    // A wrong secret uses up the early read; the next try reads again.
    await expect(unlockStore(db, `${TEST_SECRET}!`)).rejects.toBeInstanceOf(WrongSecretError);
    await unlockStore(db, TEST_SECRET);
    const b = await createArende(db, { fields: sampleFields(), forbundId: FORBUND, enhetKod: 'NOR' });
    lockStore(db);
    prepareUnlock(db);
    await unlockStore(db, TEST_SECRET);
    const listed = await listArenden(db);
    expect(listed.map((x) => x.id).sort()).toEqual([a.id, b.id].sort());
    expect(listed.find((x) => x.id === a.id)?.anteckningar).toBe(NOTES);
  });

  it('changes the secret by re-wrapping the key: every ciphertext stays byte for byte the same', async () => {
    await withArende();
    const before = await rawDump(db);
    const envelope = await getKeyEnvelope(db);
    await expect(changeStoreSecret(db, 'inte-koden', 'ny-kod-for-enheten', TEST_KDF)).rejects.toBeInstanceOf(
      WrongSecretError,
    );
    await changeStoreSecret(db, TEST_SECRET, 'ny-kod-for-enheten', TEST_KDF);
    const after = await rawDump(db);
    const withoutEnvelope = (dump: string) =>
      (JSON.parse(dump) as { key?: string }[][]).map((rows) => rows.filter((r) => r.key !== 'keyEnvelope'));
    expect(withoutEnvelope(after)).toEqual(withoutEnvelope(before));
    expect((await getKeyEnvelope(db))?.wrapped).not.toBe(envelope?.wrapped);
    lockStore(db);
    await expect(unlockStore(db, TEST_SECRET)).rejects.toBeInstanceOf(WrongSecretError);
    await unlockStore(db, 'ny-kod-for-enheten');
    expect((await listArenden(db))[0]?.anteckningar).toBe(NOTES);
  });

  it('loses nothing when the store locks during a save, and the outbox stays consistent', async () => {
    db = freshDb();
    await listArenden(db); // key ready
    const saving = createArende(db, {
      fields: sampleFields({ anteckningar: NOTES }),
      forbundId: FORBUND,
      enhetKod: 'NOR',
    });
    lockStore(db);
    const saved = await saving;
    await expect(listArenden(db)).rejects.toBeInstanceOf(LockedError);
    await unlockStore(db, TEST_SECRET);
    expect((await getArende(db, saved.id))?.anteckningar).toBe(NOTES);
    const outbox = await readOutbox(db);
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ seq: 1, recordId: saved.id, baseVersion: null, state: 'pending' });
    expect(outbox[0]?.changes.anteckningar).toBe(NOTES);
  });

  it('encrypts data written before encryption at the first key, offline with the old password verifier', async () => {
    db = bareDb();
    const id = crypto.randomUUID();
    const record = {
      ...sampleFields({ anteckningar: NOTES }),
      id,
      code: 'NOR-4K7P',
      forbundId: FORBUND,
      version: 0,
    };
    // Rows as a build before encryption stored them.
    await db.transaction('rw', [db.records, db.meta], () =>
      db.records.put({ entity: 'arende', id, data: record }),
    );
    await db.outbox.put({
      seq: 1,
      id: crypto.randomUUID(),
      entity: 'arende',
      recordId: id,
      state: 'pending',
      ...({ baseVersion: null, changes: { anteckningar: NOTES }, at: '2026-09-01T08:00:00.000Z' } as object),
    });
    await db.meta.put({
      key: 'session',
      value: { token: 'gammal-token', expiresAt: '2099-01-01', user: USER },
    });
    await db.meta.put({ key: 'nextSeq', value: 2 });
    await storeUnlockVerifier(db, await deriveUnlockVerifier('gammalt-losenord', 1_000));
    expect(await getStoreState(db)).toMatchObject({ hasKey: false, legacy: true, user: USER });

    expect(await unlockLegacyOffline(db, 'fel-losenord')).toBe(false);
    expect(await unlockLegacyOffline(db, 'gammalt-losenord')).toBe(true);
    const dump = await rawDump(db);
    expect(dump).not.toContain('Trepartssamtal');
    expect(dump).not.toContain('gammal-token');
    expect(dump).not.toContain('unlockVerifier');
    expect((await getArende(db, id))?.anteckningar).toBe(NOTES);
    expect((await readOutbox(db))[0]?.changes).toEqual({ anteckningar: NOTES });
    expect((await getSession(db))?.token).toBe('gammal-token');
    expect(await getMeta(db, 'nextSeq')).toBe(2);
    lockStore(db);
    await unlockStore(db, 'gammalt-losenord');
    expect(await listArenden(db)).toHaveLength(1);
  });

  it('wipes the key envelope with the data, and a new key starts from nothing', async () => {
    await withArende();
    await wipeDevice(db);
    expect(isUnlocked(db)).toBe(false);
    expect(await db.meta.count()).toBe(0);
    expect(await getStoreState(db)).toMatchObject({ hasKey: false, user: null });
    await createStoreKey(db, 'en-ny-anvandare', USER, TEST_KDF);
    expect(await listArenden(db)).toEqual([]);
    await setMeta(db, 'lastSyncedAt', '2026-09-03T08:00:00.000Z');
    expect(await getMeta(db, 'lastSyncedAt')).toBe('2026-09-03T08:00:00.000Z');
  });

  it('does not sync without the key (a service worker never has it): nothing is sent or changed', async () => {
    const a = await withArende();
    lockStore(db);
    let calls = 0;
    const { syncNow } = createSyncRunner({
      db,
      fetch: async () => {
        calls += 1;
        return new Response('{}');
      },
      engine: async () => {
        throw new Error('must not load');
      },
    });
    expect(await syncNow()).toBeNull();
    expect(calls).toBe(0);
    await unlockStore(db, TEST_SECRET);
    expect((await readOutbox(db)).map((e) => e.recordId)).toEqual([a.id]);
  });
});
