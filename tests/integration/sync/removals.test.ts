/**
 * Access loss is synced: devices forget what their user may no longer see (an ärende moved away,
 * an enhet or role taken away, a blocked account) and get what a new enhet or role brings, without
 * losing unsynced work. Real server in-process, real device databases (fake-indexeddb).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getArende, listArenden, updateArende } from '../../../src/db/arende-repo';
import { recordMote } from '../../../src/db/casework-actions';
import { loadCasework } from '../../../src/db/casework-repo';
import type { FaltsamDb } from '../../../src/db/database';
import { getDeviceId, getMeta } from '../../../src/db/meta';
import { forgetRemoved } from '../../../src/db/removals';
import { getSyncStatus } from '../../../src/db/sync-status';
import type { AdminUserPatch } from '../../../src/domain/admin';
import { ARENDE_FIELDS, type ArendeFields } from '../../../src/domain/arende';
import { atgard, trepartssamtal } from '../../helpers/casework';
import { type FieldDevice, loginDevice } from '../../helpers/field-device';
import { createTestServer, type TestAccount, type TestServer } from '../../helpers/server';
import { json } from '../server/support';

let server: TestServer;
let nor: TestAccount; // NOR only
let both: TestAccount; // NOR and SKE
let adminToken: string;

beforeEach(async () => {
  server = await createTestServer();
  nor = await server.createHandlaggare({ enheter: ['NOR'] });
  both = await server.createHandlaggare({ enheter: ['NOR', 'SKE'] });
  const admin = await server.createHandlaggare({ role: 'admin', enheter: [] });
  adminToken = (await server.login(admin.username, admin.password)).token;
}, 60_000);
afterEach(async () => {
  await server.close();
});

const login = (a: TestAccount) => loginDevice(server.fetch, a.username, a.password);
const enhet = (kod: string) => server.enheter.find((e) => e.kod === kod)?.id ?? '';

async function patchUser(a: TestAccount, patch: AdminUserPatch): Promise<void> {
  const res = await server.fetch(`/api/admin/users/${a.user.id}`, {
    ...json(patch, adminToken),
    method: 'PATCH',
  });
  if (res.status !== 200) throw new Error(`PATCH user: ${res.status} ${await res.text()}`);
}

/** What the device holds, by entity, from the raw table (decryption not needed to count). */
async function held(db: FaltsamDb): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const r of await db.records.toArray()) out[r.entity] = [...(out[r.entity] ?? []), r.id];
  return out;
}

/** An ärende in NOR with notes and a möte with an åtgärd, synced. */
async function arendeWithCasework(dev: FieldDevice) {
  const a = await dev.create({ anteckningar: 'Trepartssamtal bokat.' });
  await recordMote(dev.db, { arendeId: a.id, forbundId: dev.user.forbund.id }, trepartssamtal(), [atgard()]);
  expect(await dev.faltsam.syncNow()).toMatchObject({ ok: true });
  return a;
}

/** Moves the ärende to SKE from the device of the user in both enheter. */
async function moveToSke(mover: FieldDevice, id: string) {
  await mover.faltsam.syncNow();
  const current = await getArende(mover.db, id);
  if (!current) throw new Error('the mover does not have the ärende');
  const fields = Object.fromEntries(ARENDE_FIELDS.map((f) => [f, current[f]])) as ArendeFields;
  await updateArende(mover.db, id, { ...fields, enhetId: enhet('SKE') });
  expect(await mover.faltsam.syncNow()).toMatchObject({ ok: true, pushed: 1, rejected: 0 });
}

describe('access loss reaches the device', () => {
  it('an ärende moved to another enhet leaves the old handläggare’s device with its case work', async () => {
    const old = await login(nor);
    const a = await arendeWithCasework(old);
    const other = await old.create();
    await old.faltsam.syncNow();
    expect((await held(old.db)).mote).toHaveLength(1);

    const mover = await login(both);
    await moveToSke(mover, a.id);

    expect(await old.faltsam.syncNow()).toMatchObject({ ok: true });
    const after = await held(old.db);
    expect(after.arende).toEqual([other.id]);
    expect(after.mote ?? []).toEqual([]);
    expect(after.atgard ?? []).toEqual([]);
    expect(await getArende(old.db, a.id)).toBeUndefined();
    // The mover, in both enheter, keeps it with its case work.
    expect((await getArende(mover.db, a.id))?.enhetId).toBe(enhet('SKE'));
    expect((await loadCasework(mover.db, a.id)).moten).toHaveLength(1);
  });

  it('keeps a moved ärende with unsynced edits, shows it as taken away, and removes it only when the user says so', async () => {
    const old = await login(nor);
    const a = await arendeWithCasework(old);
    const mover = await login(both);
    await moveToSke(mover, a.id);

    // Edited offline before the device heard of the move.
    const mine = 'Min anteckning som inte har synkats.';
    await updateArende(old.db, a.id, old.fields({ anteckningar: mine }));
    expect(await old.faltsam.syncNow()).toMatchObject({ ok: true, rejected: 1 });

    const kept = await getArende(old.db, a.id);
    expect(kept).toMatchObject({ anteckningar: mine, sync: { state: 'avvisad', removed: true } });
    expect((await listArenden(old.db)).find((x) => x.id === a.id)?.sync.removed).toBe(true);
    const status = await getSyncStatus(old.db);
    expect(status.removed).toBe(1);
    expect(status.rejected).toHaveLength(1);
    // Its synced case work went; a second round changes nothing.
    expect((await held(old.db)).mote ?? []).toEqual([]);
    await old.faltsam.syncNow();
    expect(await getArende(old.db, a.id)).toMatchObject({ anteckningar: mine });

    await forgetRemoved(old.db, 'arende', a.id);
    expect(await getArende(old.db, a.id)).toBeUndefined();
    expect(await old.db.outbox.count()).toBe(0);
    expect((await getSyncStatus(old.db)).removed).toBe(0);
    // The server's copy (in SKE) never got the edit.
    const { rows } = await server.sql.query<{ notes: string }>(
      `select data->>'anteckningar' as notes from record where id = $1`,
      [a.id],
    );
    expect(rows[0]?.notes).toBe('Trepartssamtal bokat.');
  });

  it('keeps the ärende while a möte recorded on it offline is unsynced', async () => {
    const old = await login(nor);
    const a = await arendeWithCasework(old);
    const mover = await login(both);
    await moveToSke(mover, a.id);
    await recordMote(
      old.db,
      { arendeId: a.id, forbundId: old.user.forbund.id },
      trepartssamtal({ anteckningar: 'Nytt möte.' }),
      [],
    );
    await old.faltsam.syncNow();
    expect(await getArende(old.db, a.id)).toMatchObject({ sync: { removed: true } });
    const moten = (await loadCasework(old.db, a.id)).moten;
    expect(moten.map((m) => m.anteckningar)).toEqual(['Nytt möte.']);
  });

  it('a device that loses an enhet forgets its records; one that gains an enhet gets its older records', async () => {
    const mover = await login(both);
    const ske = await mover.create({ enhetId: enhet('SKE') });
    const norA = await mover.create();
    await mover.faltsam.syncNow();

    const gainer = await login(nor);
    expect((await held(gainer.db)).arende).toEqual([norA.id]);
    await patchUser(nor, { enhetIds: [enhet('NOR'), enhet('SKE')] });
    await patchUser(both, { enhetIds: [enhet('NOR')] });

    // No reset: the next ordinary round backfills SKE's records from before the cursor.
    expect(await gainer.faltsam.syncNow()).toMatchObject({ ok: true });
    expect((await held(gainer.db)).arende?.sort()).toEqual([ske.id, norA.id].sort());
    expect(await getMeta(gainer.db, 'backfill')).toEqual([]);

    expect(await mover.faltsam.syncNow()).toMatchObject({ ok: true });
    expect((await held(mover.db)).arende).toEqual([norA.id]);
  });

  it('a role change takes the ärenden off the device', async () => {
    const dev = await login(nor);
    await arendeWithCasework(dev);
    await patchUser(nor, { role: 'koordinator' });
    expect(await dev.faltsam.syncNow()).toMatchObject({ ok: true });
    expect(await held(dev.db)).toEqual({});
  });

  it('a blocked account keeps nothing but its unsynced work, and says why', async () => {
    // Every request the device makes, to see where its pulls name it.
    const asked: string[] = [];
    const dev = await loginDevice(
      (input, init) => {
        asked.push(`${init?.method ?? 'GET'} ${String(input)}`);
        return server.fetch(input, init);
      },
      nor.username,
      nor.password,
    );
    const a = await arendeWithCasework(dev);
    const unsynced = await dev.create({ anteckningar: 'Skrivet efter senaste synkningen.' });
    await patchUser(nor, { disabled: true });
    expect(await dev.faltsam.syncNow()).toMatchObject({ ok: false, kind: 'auth', retry: false });
    expect(await held(dev.db)).toEqual({ arende: [unsynced.id] });
    expect(await getArende(dev.db, unsynced.id)).toMatchObject({
      sync: { state: 'ej_synkad', removed: true },
    });
    const status = await getSyncStatus(dev.db);
    expect(status.lastError?.message).toMatch(/spärrat/);
    expect(status.pending).toBe(1);
    expect(await getMeta(dev.db, 'cursor')).toBe('0');

    // Unblocked and signed in again, the device gets back what it wrote itself (the server does
    // not leave a device's own writes out while it starts over), and sends what it kept.
    await patchUser(nor, { disabled: false });
    const from = asked.length;
    await dev.faltsam.login(nor.username, nor.password);
    const syncedAt = async () =>
      (
        await server.sql.query<{ t: string | null }>(
          'select synced_at::text as t from device where id = $1',
          [await getDeviceId(dev.db)],
        )
      ).rows[0]?.t ?? null;
    const before = await syncedAt();
    expect(await dev.faltsam.syncNow()).toMatchObject({ ok: true });
    // Starting over it names no device until caught up; then one more page names it, before
    // anything else (gallring counts that as its completed sync).
    const since = asked.slice(from);
    const pulls = since.filter((r) => r.startsWith('GET /api/sync/pull'));
    expect(pulls[0]).toMatch(/cursor=0&/);
    expect(pulls[0]).not.toMatch(/deviceId=/);
    const lastUnnamed = since.findLastIndex(
      (r) => r.startsWith('GET /api/sync/pull') && !r.includes('deviceId='),
    );
    expect(since[lastUnnamed + 1]).toMatch(/^GET \/api\/sync\/pull\?.*deviceId=/);
    expect(await syncedAt()).not.toBe(before);
    expect((await getSyncStatus(dev.db)).pending).toBe(0);
    const back = await held(dev.db);
    expect(back.arende?.sort()).toEqual([a.id, unsynced.id].sort());
    expect(back.mote).toHaveLength(1);
    expect(back.atgard).toHaveLength(1);
    expect(await getMeta(dev.db, 'startingOver')).toBeUndefined();
  });
});
