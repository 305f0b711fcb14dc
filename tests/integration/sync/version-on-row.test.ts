/**
 * A record's server version is kept in the clear on its row (database.ts, version 2), outside the
 * sealed data. A store of the build before (Dexie version 1, the version sealed inside each record)
 * must upgrade, read the right version, push edits on the right base version, and take the answered
 * version; new rows hold it on the row only.
 */
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getArende, listArenden, updateArende } from '../../../src/db/arende-repo';
import { openRecords } from '../../../src/db/codec';
import { decryptJson, encryptJson, recordAad } from '../../../src/db/crypto';
import { type FaltsamDb, openFaltsamDb, type StoredRecordRow } from '../../../src/db/database';
import { currentKey } from '../../../src/db/keyring';
import { readOutbox } from '../../../src/db/records';
import { unlockStore } from '../../../src/db/store-key';
import { createFaltsam } from '../../../src/sync/client';
import { TEST_KDF } from '../../helpers/device';
import { type FieldDevice, loginDevice } from '../../helpers/field-device';
import { createTestServer, type TestServer } from '../../helpers/server';

let server: TestServer;
let creds: { username: string; password: string };
const opened: Dexie[] = [];

beforeEach(async () => {
  server = await createTestServer();
  const h = await server.createHandlaggare({ enheter: ['NOR'] });
  creds = { username: h.username, password: h.password };
}, 60_000);
afterEach(async () => {
  for (const db of opened.splice(0)) db.close();
  await server.close();
});

/** The schema of version 1 of the device database, as the build before this one declared it. */
const V1_STORES = {
  records: '[entity+id], entity',
  outbox: 'seq, id, recordId, state',
  conflicts: 'id, recordId',
  meta: 'key',
};

async function serverVersion(id: string): Promise<number> {
  const r = await server.sql.query<{ version: number }>('select version from record where id = $1', [id]);
  return Number(r.rows[0]?.version);
}

/**
 * A copy of the device's store as the build before wrote it: Dexie version 1, each record's
 * version sealed inside its data and none on the row. Same device id, sequence, session and key.
 */
async function asVersion1Store(dev: FieldDevice): Promise<string> {
  const key = await currentKey(dev.db);
  const rows = await dev.db.records.toArray();
  const data = await openRecords(dev.db, rows);
  const oldRows = await Promise.all(
    rows.map(async (r, i) => {
      const { version: _clear, enc: _enc, ...rest } = r;
      return { ...rest, enc: await encryptJson(key, data[i], recordAad(r.entity, r.id)) };
    }),
  );
  const name = `v1-${crypto.randomUUID()}`;
  const v1 = new Dexie(name);
  v1.version(1).stores(V1_STORES);
  await v1.table('records').bulkAdd(oldRows);
  await v1.table('outbox').bulkAdd(await dev.db.outbox.toArray());
  await v1.table('meta').bulkAdd(await dev.db.meta.toArray());
  v1.close();
  return name;
}

function reopen(name: string): FaltsamDb {
  const db = openFaltsamDb(name);
  opened.push(db);
  return db;
}

describe('the server version on the row', () => {
  it('upgrades a version-1 store: pushes edits on the sealed version and keeps the answered one on the row', async () => {
    const dev = await loginDevice(server.fetch, creds.username, creds.password);
    const a = await dev.create();
    await dev.faltsam.syncNow();
    await updateArende(dev.db, a.id, dev.fields({ manaderAv12: 12 }));
    await dev.faltsam.syncNow();
    await updateArende(dev.db, a.id, dev.fields({ manaderAv12: 10 }));
    await dev.faltsam.syncNow();
    expect(await serverVersion(a.id)).toBe(3);
    const name = await asVersion1Store(dev);
    dev.db.close();

    // This build (version 3 since the ärende rows' generation token, 4 without the entity index)
    // opens the old store and unlocks it with the same secret.
    const db = reopen(name);
    await unlockStore(db, creds.password);
    expect(db.verno).toBe(4);
    const before = (await db.records.get(['arende', a.id])) as StoredRecordRow;
    expect(before.version).toBeUndefined(); // sealed: the upgrade cannot read it
    expect((await getArende(db, a.id))?.version).toBe(3);

    await updateArende(db, a.id, dev.fields({ manaderAv12: 9 }));
    expect((await readOutbox(db)).map((e) => e.baseVersion)).toEqual([3]);
    const faltsam = createFaltsam({ db, fetch: server.fetch, kdf: TEST_KDF });
    expect(await faltsam.syncNow()).toMatchObject({ ok: true, pushed: 1, rejected: 0 });
    expect(await serverVersion(a.id)).toBe(4);
    const after = (await db.records.get(['arende', a.id])) as StoredRecordRow;
    expect(after.version).toBe(4);
    // Moved out of the sealed data: it is on the row only.
    const sealed = (await decryptJson(
      await currentKey(db),
      after.enc as never,
      recordAad('arende', a.id),
    )) as object;
    expect(sealed).not.toHaveProperty('version');
    expect((await getArende(db, a.id))?.manaderAv12).toBe(9);

    await updateArende(db, a.id, dev.fields({ manaderAv12: 8 }));
    expect((await readOutbox(db)).map((e) => e.baseVersion)).toEqual([4]);
    expect(await faltsam.syncNow()).toMatchObject({ ok: true, pushed: 1, rejected: 0 });
    expect(await serverVersion(a.id)).toBe(5);
    const listed = await listArenden(db);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ version: 5, manaderAv12: 8, sync: { state: 'synkad' } });
    expect(await db.conflicts.count()).toBe(0);
  });

  it('gives a row still in plain text (a store from before encryption) its version when it upgrades', async () => {
    const name = `v1-${crypto.randomUUID()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores(V1_STORES);
    const id = crypto.randomUUID();
    await v1.table('records').add({ entity: 'arende', id, data: { id, version: 7 } });
    v1.close();
    const db = reopen(name);
    await db.open();
    expect((await db.records.get(['arende', id]))?.version).toBe(7);
  });

  it('stores pushed and pulled records with the version on the row and none sealed inside', async () => {
    const dev = await loginDevice(server.fetch, creds.username, creds.password);
    const a = await dev.create();
    expect((await dev.db.records.get(['arende', a.id]))?.version).toBe(0);
    // The list keeps what it decrypted (decrypted-cache.ts); the answered version reaches it
    // although the sealed data, and so the cache's entry for it, stayed the same.
    expect((await listArenden(dev.db)).map((x) => x.version)).toEqual([0]);
    const enc = (await dev.db.records.get(['arende', a.id]))?.enc;
    await dev.faltsam.syncNow();
    const pushed = (await dev.db.records.get(['arende', a.id])) as StoredRecordRow;
    expect(pushed.version).toBe(1);
    expect(pushed.enc).toEqual(enc); // nothing sealed again
    expect((await listArenden(dev.db)).map((x) => [x.version, x.sync.state])).toEqual([[1, 'synkad']]);
    const other = await loginDevice(server.fetch, creds.username, creds.password);
    const row = (await other.db.records.get(['arende', a.id])) as StoredRecordRow;
    expect(row.version).toBe(1);
    const key = await currentKey(other.db);
    expect(await decryptJson(key, row.enc as never, recordAad('arende', a.id))).not.toHaveProperty('version');
    expect((await getArende(other.db, a.id))?.version).toBe(1);
  });

  it('takes the later version when a tab of the build before sealed one inside and left a stale one on the row', async () => {
    const dev = await loginDevice(server.fetch, creds.username, creds.password);
    const a = await dev.create();
    await dev.faltsam.syncNow();
    await updateArende(dev.db, a.id, dev.fields({ manaderAv12: 10 }));
    await dev.faltsam.syncNow();
    expect(await serverVersion(a.id)).toBe(2);
    expect((await listArenden(dev.db)).map((x) => x.version)).toEqual([2]); // in the list's cache
    // The build before, in a tab left open across the upgrade (Dexie opens the store at its old
    // version): it takes a push's answer by sealing version 3 inside, and modifies the row in
    // place, so the clear version 2 stays.
    const key = await currentKey(dev.db);
    const row = (await dev.db.records.get(['arende', a.id])) as StoredRecordRow;
    const data = (await decryptJson(key, row.enc as never, recordAad('arende', a.id))) as object;
    const enc = await encryptJson(key, { ...data, version: 3 }, recordAad('arende', a.id));
    // (Through this build's middleware, hence with meta: the old build's tab itself is closed by
    // the next upgrade, database.ts version 3.)
    await dev.db.transaction('rw', [dev.db.records, dev.db.meta], () =>
      dev.db.records.update(['arende', a.id], { enc }),
    );
    expect((await getArende(dev.db, a.id))?.version).toBe(3);
    expect((await listArenden(dev.db)).map((x) => x.version)).toEqual([3]);
    // A later clear version (this build's next answer) wins over the sealed one in turn.
    await dev.db.transaction('rw', [dev.db.records, dev.db.meta], () =>
      dev.db.records.update(['arende', a.id], { version: 4 }),
    );
    expect((await getArende(dev.db, a.id))?.version).toBe(4);
    expect((await listArenden(dev.db)).map((x) => x.version)).toEqual([4]);
  });
});
