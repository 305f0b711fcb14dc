/**
 * Issue 18 through the real sync engine, devices on fake-indexeddb against the in-process server:
 * the same möte and SIP edited on two devices offline and resolved (the server ends with the
 * choice), a withdrawal recorded by its user, förbund settings reaching a device, an ärende past its
 * gallringsdatum refusing changes, and a konsultation summary deleted through the outbox.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { updateArende } from '../../../src/db/arende-repo';
import { recordMote, withdrawSamtycke } from '../../../src/db/casework-actions';
import { createRecord, loadCasework, updateRecord } from '../../../src/db/casework-repo';
import { listConflicts, resolveConflict } from '../../../src/db/conflicts-repo';
import {
  deleteKonsultationsfall,
  loadKonsultationer,
  saveKonsultation,
} from '../../../src/db/konsultation-repo';
import { getSession } from '../../../src/db/session-repo';
import { ARENDE_FIELDS, type ArendeFields } from '../../../src/domain/arende';
import { sipOffers } from '../../../src/domain/sip';
import { ValidationError } from '../../../src/domain/validation';
import { completeSip, sipSamtycke, trepartssamtal } from '../../helpers/casework';
import { type FieldDevice, loginDevice, switchableFetch } from '../../helpers/field-device';
import { konsultationsfall, konsultationsmote } from '../../helpers/konsultation';
import { createTestServer, type TestAccount, type TestServer } from '../../helpers/server';

let server: TestServer;
let me: TestAccount;
let admin: TestAccount;

beforeEach(async () => {
  server = await createTestServer();
  me = await server.createHandlaggare({ enheter: ['NOR'] });
  admin = await server.createHandlaggare({ enheter: [], role: 'admin' });
}, 60_000);
afterEach(() => server.close());

const login = (a: TestAccount, fetch = server.fetch) => loginDevice(fetch, a.username, a.password);
const refOf = (dev: FieldDevice, arendeId: string) => ({ arendeId, forbundId: dev.user.forbund.id });
const serverData = async (id: string) =>
  (await server.sql.query<{ data: Record<string, unknown> }>('select data from record where id = $1', [id]))
    .rows[0]?.data;
async function patchSettings(body: object) {
  const { token } = await server.login(admin.username, admin.password);
  const res = await server.fetch('/api/admin/installningar', {
    method: 'PATCH',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
}

describe('conflicts on case-work records', () => {
  it('the same möte and SIP edited offline on two devices: the later device gets the conflicts and the server keeps its choice', async () => {
    const netA = switchableFetch(server.fetch);
    const netB = switchableFetch(server.fetch);
    const a = await login(me, netA.fetch);
    const arende = await a.create();
    const ref = refOf(a, arende.id);
    const moteId = await recordMote(a.db, ref, trepartssamtal(), []);
    const sip = await createRecord(a.db, 'sip', ref, completeSip());
    expect(await a.faltsam.syncNow()).toMatchObject({ ok: true });
    const b = await login(me, netB.fetch);

    netA.down();
    netB.down();
    await updateRecord(a.db, 'mote', moteId, { anteckningar: 'A: uppföljning om en månad.' });
    await updateRecord(a.db, 'sip', String(sip.id), { mal: 'A: arbete på deltid.' });
    await updateRecord(b.db, 'mote', moteId, { anteckningar: 'B: uppföljning om två veckor.' });
    await updateRecord(b.db, 'sip', String(sip.id), { mal: 'B: studier i höst.' });

    netA.up();
    expect(await a.faltsam.syncNow()).toMatchObject({ ok: true });
    netB.up();
    expect(await b.faltsam.syncNow()).toMatchObject({ ok: true });
    expect(await listConflicts(a.db, moteId)).toEqual([]);
    const moteConflict = await listConflicts(b.db, moteId);
    const sipConflict = await listConflicts(b.db, String(sip.id));
    expect(moteConflict.map((c) => [c.field, c.local, c.server])).toEqual([
      ['anteckningar', 'B: uppföljning om två veckor.', 'A: uppföljning om en månad.'],
    ]);
    expect(sipConflict.map((c) => [c.field, c.local, c.server])).toEqual([
      ['mal', 'B: studier i höst.', 'A: arbete på deltid.'],
    ]);
    // Until the user chooses, B shows the value the server kept.
    expect((await loadCasework(b.db, arende.id)).moten[0]?.anteckningar).toBe('A: uppföljning om en månad.');

    await resolveConflict(b.db, moteConflict[0]?.id ?? '', 'mine');
    await resolveConflict(b.db, sipConflict[0]?.id ?? '', 'server');
    expect(await b.faltsam.syncNow()).toMatchObject({ ok: true });
    expect(await listConflicts(b.db, moteId)).toEqual([]);
    expect((await serverData(moteId))?.anteckningar).toBe('B: uppföljning om två veckor.');
    expect((await serverData(String(sip.id)))?.mal).toBe('A: arbete på deltid.');
    expect(await a.faltsam.syncNow()).toMatchObject({ ok: true });
    expect((await loadCasework(a.db, arende.id)).moten[0]?.anteckningar).toBe(
      'B: uppföljning om två veckor.',
    );
  });
});

describe('samtycke withdrawn on a device', () => {
  it('is recorded with the user who registered it; the SIP stops offering the other huvudman', async () => {
    const dev = await login(me);
    const arende = await dev.create();
    const ref = refOf(dev, arende.id);
    const s = await createRecord(dev.db, 'samtycke', ref, sipSamtycke(dev.user.id, { date: '2026-01-05' }));
    await withdrawSamtycke(dev.db, String(s.id), '2026-02-01', dev.user.id);
    expect(await dev.faltsam.syncNow()).toMatchObject({ ok: true });
    expect(await serverData(String(s.id))).toMatchObject({
      withdrawnDate: '2026-02-01',
      withdrawnBy: me.user.id,
    });
    const work = await loadCasework(dev.db, arende.id);
    const offers = sipOffers({ status: 'upprattad' }, work.samtycken, '2026-02-02');
    expect(offers).toMatchObject({ shareWithOtherHuvudman: false, markUppfoljd: false, markAvslutad: true });
    expect(offers.printFor).not.toContain('regionen');
  });
});

describe('förbund settings on the device', () => {
  it('reach a signed-in device with its next sync; an ärende past its gallringsdatum then takes no changes', async () => {
    const dev = await login(me);
    const old = await dev.create({
      startdatum: '2015-01-01',
      status: 'avslutad',
      avslutsdatum: '2016-03-01',
      avslutsorsak: 'arbete',
    });
    const open = await dev.create();
    await createRecord(dev.db, 'samtycke', refOf(dev, old.id), sipSamtycke(dev.user.id));
    expect(await dev.faltsam.syncNow()).toMatchObject({ ok: true });
    await patchSettings({ stegIntervallManader: 4, gallringAr: 5 });
    expect((await getSession(dev.db))?.user.forbund.settings).toEqual({
      stegIntervallManader: 2,
      gallringAr: null,
    });
    expect(await dev.faltsam.syncNow()).toMatchObject({ ok: true });
    expect((await getSession(dev.db))?.user.forbund.settings).toEqual({
      stegIntervallManader: 4,
      gallringAr: 5,
    });

    const refused = async (p: Promise<unknown>) => {
      const e = await p.then(
        () => null,
        (x: unknown) => x,
      );
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).fields, JSON.stringify((e as ValidationError).fields)).toHaveProperty(
        '_',
      );
      expect((e as ValidationError).fields._).toMatch(
        /^Ärendet har passerat sin gallringsfrist \(2021-03-01\)/,
      );
    };
    await refused(createRecord(dev.db, 'mote', refOf(dev, old.id), trepartssamtal()));
    const fields = Object.fromEntries(ARENDE_FIELDS.map((f) => [f, old[f]])) as ArendeFields;
    await refused(updateArende(dev.db, old.id, { ...fields, anteckningar: 'Ändrat efter gallringsdatum.' }));
    const samtycke = (await loadCasework(dev.db, old.id)).samtycken[0];
    await refused(withdrawSamtycke(dev.db, String(samtycke?.id), '2026-06-01', dev.user.id));
    expect(await dev.db.outbox.count()).toBe(0);
    // An open ärende is never due.
    await createRecord(dev.db, 'mote', refOf(dev, open.id), trepartssamtal());
    expect(await dev.db.outbox.count()).toBe(1);
  });
});

describe('a konsultation summary deleted on a device', () => {
  it('leaves the device at once, the server at the next sync, and never comes back with a pull', async () => {
    const koordinator = await server.createHandlaggare({ enheter: ['NOR'], role: 'koordinator' });
    const net = switchableFetch(server.fetch);
    const laptop = await loginDevice(net.fetch, koordinator.username, koordinator.password);
    const { moteId: _m, nr: _n, ...draft } = konsultationsfall('00000000-0000-4000-8000-000000000000');
    const moteId = await saveKonsultation(laptop.db, {
      forbundId: laptop.user.forbund.id,
      mote: konsultationsmote(),
      fall: [draft, { ...draft, lyftAv: 'fk' }, { ...draft, lyftAv: 'psykiatri' }],
    });
    expect(await laptop.faltsam.syncNow()).toMatchObject({ ok: true });
    const saved = (await loadKonsultationer(laptop.db))[0];
    const second = saved?.fall[1];
    expect(second?.nr).toBe(2);

    net.down();
    await deleteKonsultationsfall(laptop.db, String(second?.id));
    const after = (await loadKonsultationer(laptop.db))[0];
    expect(after?.fall.map((f) => f.nr)).toEqual([1, 3]);
    // A new summary takes the next number; the saved ones keep theirs.
    await saveKonsultation(laptop.db, {
      forbundId: laptop.user.forbund.id,
      moteId,
      mote: konsultationsmote(),
      fall: [...(after?.fall ?? []), { ...draft, lyftAv: 'af', utfall: 'rad_losning' }],
    });
    expect((await loadKonsultationer(laptop.db))[0]?.fall.map((f) => f.nr)).toEqual([1, 3, 4]);
    expect(await serverData(String(second?.id))).toBeDefined();

    net.up();
    expect(await laptop.faltsam.syncNow()).toMatchObject({ ok: true });
    expect(await serverData(String(second?.id))).toBeUndefined();
    expect(await laptop.db.outbox.count()).toBe(0);
    // Pulled from the start again, it stays gone.
    await laptop.db.meta.put({ key: 'cursor', value: '0' });
    expect(await laptop.faltsam.syncNow()).toMatchObject({ ok: true });
    expect((await loadKonsultationer(laptop.db))[0]?.fall.map((f) => f.nr)).toEqual([1, 3, 4]);
  });
});
