import { liveQuery } from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createArende,
  getArende,
  type LocalArende,
  listArenden,
  updateArende,
} from '../../../src/db/arende-repo';
import { type FaltsamDb, openFaltsamDb } from '../../../src/db/database';
import { flushSnapshot, SNAPSHOT_KEY } from '../../../src/db/list-snapshot';
import { setMeta } from '../../../src/db/meta';
import { applyPulledPage } from '../../../src/db/pull-apply';
import { readOutbox } from '../../../src/db/records';
import { LockedError, lockStore, unlockStore } from '../../../src/db/store-key';
import { applyPushResults } from '../../../src/db/sync-apply';
import { type Arende, PSEUDONYM_CODE_RE } from '../../../src/domain/arende';
import { generatePseudonymCode } from '../../../src/domain/pseudonym';
import { ValidationError } from '../../../src/domain/validation';
import { ENHET_NOR, FORBUND, freshDb, sampleFields, TEST_SECRET } from '../../helpers/device';

let db: FaltsamDb;
afterEach(async () => {
  db?.close();
});

describe('arende-repo', () => {
  it('stores a new ärende with a pseudonym code and queues one create mutation with sequence 1', async () => {
    db = freshDb();
    const a = await createArende(db, { fields: sampleFields(), forbundId: FORBUND, enhetKod: 'NOR' });
    expect(a.code).toMatch(PSEUDONYM_CODE_RE);
    expect(a.code.startsWith('NOR-')).toBe(true);
    expect(a.version).toBe(0);
    const outbox = await readOutbox(db);
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ seq: 1, recordId: a.id, baseVersion: null, state: 'pending' });
    expect(outbox[0]?.changes).toMatchObject({
      code: a.code,
      manaderAv12: 11,
      anteckningar: 'Trepartssamtal planerat i oktober.',
    });
  });

  it('refuses notes with an e-mail address, says so in Swedish, and stores nothing', async () => {
    db = freshDb();
    const err = await createArende(db, {
      fields: sampleFields({ anteckningar: 'Kontakt via exempel.person@example.org' }),
      forbundId: FORBUND,
      enhetKod: 'NOR',
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).fields.anteckningar).toMatch(/en e-postadress/);
    expect(await db.records.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('refuses a closed ärende without avslutsorsak', async () => {
    db = freshDb();
    const err = await createArende(db, {
      fields: sampleFields({ status: 'avslutad', avslutsdatum: '2026-10-01' }),
      forbundId: FORBUND,
      enhetKod: 'NOR',
    }).catch((e: unknown) => e);
    expect((err as ValidationError).fields.avslutsorsak).toBe('Ange avslutsorsak för ett avslutat ärende.');
  });

  it('queues only the changed fields of an edit, based on the version the device last saw', async () => {
    db = freshDb();
    const a = await createArende(db, { fields: sampleFields(), forbundId: FORBUND, enhetKod: 'NOR' });
    await updateArende(db, a.id, sampleFields({ manaderAv12: 12, sgi: 'nollplacerad' }));
    const [, edit] = await readOutbox(db);
    expect(edit).toMatchObject({ seq: 2, baseVersion: 0, changes: { manaderAv12: 12, sgi: 'nollplacerad' } });
    expect((await getArende(db, a.id))?.manaderAv12).toBe(12);
  });

  it('queues nothing when an edit changes nothing', async () => {
    db = freshDb();
    const a = await createArende(db, { fields: sampleFields(), forbundId: FORBUND, enhetKod: 'NOR' });
    await updateArende(db, a.id, sampleFields());
    expect(await db.outbox.count()).toBe(1);
  });

  it('stores a record and its outbox entry together or not at all', async () => {
    db = freshDb();
    const first = await createArende(db, { fields: sampleFields(), forbundId: FORBUND, enhetKod: 'NOR' });
    // Force the next outbox insert to collide with sequence 1, so the transaction must abort.
    await setMeta(db, 'nextSeq', 1);
    await expect(
      createArende(db, { fields: sampleFields(), forbundId: FORBUND, enhetKod: 'NOR' }),
    ).rejects.toThrow();
    const all = await listArenden(db);
    expect(all.map((a) => a.id)).toEqual([first.id]);
  });

  it('keeps ärenden and the sequence across closing and reopening the database', async () => {
    db = freshDb();
    const name = db.name;
    const a = await createArende(db, { fields: sampleFields(), forbundId: FORBUND, enhetKod: 'NOR' });
    db.close();
    db = openFaltsamDb(name);
    // A reopened database starts locked: the key lived only in the closed one's memory.
    await expect(getArende(db, a.id)).rejects.toBeInstanceOf(LockedError);
    await unlockStore(db, TEST_SECRET);
    expect((await getArende(db, a.id))?.code).toBe(a.code);
    await createArende(db, { fields: sampleFields(), forbundId: FORBUND, enhetKod: 'NOR' });
    expect((await db.outbox.orderBy('seq').keys()).map(Number)).toEqual([1, 2]);
  });

  it('shows an ärende as avvisad with the server message, and a corrected save sends the refused fields again', async () => {
    db = freshDb();
    const a = await createArende(db, { fields: sampleFields(), forbundId: FORBUND, enhetKod: 'NOR' });
    const entry = await db.outbox.get(1);
    await applyPushResults(
      db,
      [
        {
          status: 'rejected',
          id: entry?.id ?? '',
          seq: 1,
          recordId: a.id,
          error: { code: 'ej_behorig', message: 'Du har inte behörighet till enheten.' },
        },
      ],
      new Date(),
    );
    const shown = await getArende(db, a.id);
    expect(shown?.sync).toEqual({
      state: 'avvisad',
      error: { code: 'ej_behorig', message: 'Du har inte behörighet till enheten.' },
    });
    await updateArende(db, a.id, sampleFields({ sgi: 'har' }));
    const outbox = await readOutbox(db);
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ seq: 2, baseVersion: null, state: 'pending' });
    expect(outbox[0]?.changes).toMatchObject({ code: a.code, sgi: 'har', manaderAv12: 11 });
  });

  it('lists every ärende once, sorted by code, across the chunks it is read and decrypted in, and follows a later edit live', async () => {
    db = freshDb();
    const at = '2026-09-01T08:00:00.000Z';
    // More than two chunks of 500, and not a multiple of them.
    const records: Arende[] = Array.from({ length: 1234 }, () => ({
      ...sampleFields(),
      id: crypto.randomUUID(),
      forbundId: FORBUND,
      code: generatePseudonymCode('NOR', (k) => crypto.getRandomValues(new Uint32Array(k))),
      createdAt: at,
      updatedAt: at,
      version: 1,
    }));
    await applyPulledPage(
      db,
      {
        forbundId: FORBUND,
        changes: records.map((record) => ({ entity: 'arende', record })),
        removals: [],
        scope: { enhetIds: [ENHET_NOR], entities: ['arende'] },
        cursor: '1',
        hasMore: false,
      },
      '0',
    );
    const listed = await listArenden(db);
    expect(listed).toHaveLength(records.length);
    expect(new Set(listed.map((a) => a.id)).size).toBe(records.length);
    const collator = new Intl.Collator('sv');
    expect(listed.map((a) => a.code)).toEqual(records.map((r) => r.code).sort(collator.compare));

    // The record with the highest id is read in the last chunk: an edit of it still reaches the list.
    const lastId =
      records
        .map((r) => r.id)
        .sort()
        .at(-1) ?? '';
    const seen: LocalArende[][] = [];
    const sub = liveQuery(() => listArenden(db)).subscribe((v) => seen.push(v));
    try {
      await vi.waitFor(() => expect(seen.length).toBeGreaterThan(0));
      await updateArende(db, lastId, sampleFields({ anteckningar: 'Ändrad efter listningen.' }));
      await vi.waitFor(() =>
        expect(seen.at(-1)?.find((a) => a.id === lastId)?.anteckningar).toBe('Ändrad efter listningen.'),
      );
    } finally {
      sub.unsubscribe();
    }
  });

  it('lists what a pull stored without decrypting it, after an edit decrypts only that ärende, and after a lock each once (without a snapshot) or only the snapshot', async () => {
    db = freshDb();
    const at = '2026-09-01T08:00:00.000Z';
    const records: Arende[] = Array.from({ length: 600 }, () => ({
      ...sampleFields(),
      id: crypto.randomUUID(),
      forbundId: FORBUND,
      code: generatePseudonymCode('NOR', (k) => crypto.getRandomValues(new Uint32Array(k))),
      createdAt: at,
      updatedAt: at,
      version: 1,
    }));
    await applyPulledPage(
      db,
      {
        forbundId: FORBUND,
        changes: records.map((record) => ({ entity: 'arende', record })),
        removals: [],
        scope: { enhetIds: [ENHET_NOR], entities: ['arende'] },
        cursor: '1',
        hasMore: false,
      },
      '0',
    );
    const decrypt = vi.spyOn(crypto.subtle, 'decrypt');
    try {
      expect(await listArenden(db)).toHaveLength(600);
      expect(decrypt).not.toHaveBeenCalled();
      const first = records[0] as Arende;
      await updateArende(db, first.id, sampleFields({ anteckningar: 'Ändrad.' }));
      decrypt.mockClear();
      const listed = await listArenden(db);
      expect(listed.find((a) => a.id === first.id)?.anteckningar).toBe('Ändrad.');
      // The edited ärende (read once by the edit itself) and its outbox state; not the 599 others.
      expect(decrypt.mock.calls.length).toBeLessThanOrEqual(2);
      // Record blobs are the large ones (the key envelope and meta values are small).
      const recordDecrypts = () =>
        decrypt.mock.calls.filter(([, , data]) => (data as Uint8Array).byteLength > 200);
      // Without the snapshot (list-snapshot.ts), after a lock every row is decrypted again, once:
      // the unlock's warm-up (which read the rows while the key was derived) and the list share the
      // work. The debounced write is done now, so none lands after the delete.
      await flushSnapshot(db);
      lockStore(db);
      await db.meta.delete(SNAPSHOT_KEY);
      decrypt.mockClear();
      await unlockStore(db, TEST_SECRET);
      expect(await listArenden(db)).toHaveLength(600);
      expect(recordDecrypts().length).toBe(600);
      // With it, the snapshot is the one large decryption.
      await flushSnapshot(db);
      lockStore(db);
      decrypt.mockClear();
      await unlockStore(db, TEST_SECRET);
      expect(await listArenden(db)).toHaveLength(600);
      expect(recordDecrypts().length).toBe(1);
    } finally {
      decrypt.mockRestore();
    }
  });
});
