import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getArende } from '../../../src/db/arende-repo';
import { handOver, recordMote, setAtgardStatus } from '../../../src/db/casework-actions';
import { createRecord, loadCasework, updateRecord } from '../../../src/db/casework-repo';
import { getColleagues } from '../../../src/db/colleague-repo';
import { atgard, completeSip, sipSamtycke, trepartssamtal } from '../../helpers/casework';
import { type FieldDevice, loginDevice, switchableFetch } from '../../helpers/field-device';
import { createTestServer, type TestAccount, type TestServer } from '../../helpers/server';

let server: TestServer;
let me: TestAccount;
let colleague: TestAccount;

beforeEach(async () => {
  server = await createTestServer();
  me = await server.createHandlaggare({ enheter: ['NOR'] });
  colleague = await server.createHandlaggare({ enheter: ['NOR'] });
}, 60_000);
afterEach(async () => {
  await server.close();
});

const login = (a: TestAccount, fetch = server.fetch) => loginDevice(fetch, a.username, a.password);
const refOf = (dev: FieldDevice, arendeId: string) => ({ arendeId, forbundId: dev.user.forbund.id });

async function serverCount(entity: string): Promise<number> {
  const { rows } = await server.sql.query<{ n: number }>(
    'select count(*)::int as n from record where entity = $1',
    [entity],
  );
  return rows[0]?.n ?? 0;
}

describe('case work through the sync engine', () => {
  it('pushes case work recorded offline exactly once, and another device of the user pulls it', async () => {
    const net = switchableFetch(server.fetch);
    const phone = await login(me, net.fetch);
    net.down();
    const a = await phone.create();
    const ref = refOf(phone, a.id);
    await createRecord(phone.db, 'samtycke', ref, sipSamtycke(phone.user.id));
    await recordMote(phone.db, ref, trepartssamtal(), [
      atgard(),
      atgard({ part: 'deltagare', vad: 'Söka tre jobb' }),
    ]);
    await createRecord(phone.db, 'sip', ref, completeSip());
    expect(await phone.faltsam.syncNow()).toMatchObject({ ok: false, kind: 'network' });

    // The reply to the first push is lost; the retry must not duplicate anything.
    net.up();
    net.failNext(async (input, init) => {
      await server.fetch(input, init);
      throw new TypeError('connection reset');
    });
    expect(await phone.faltsam.syncNow()).toMatchObject({ ok: false, kind: 'network' });
    expect(await phone.faltsam.syncNow()).toMatchObject({ ok: true });
    expect(await phone.db.outbox.count()).toBe(0);
    for (const [entity, n] of [
      ['samtycke', 1],
      ['mote', 1],
      ['atgard', 2],
      ['sip', 1],
    ] as const)
      expect(await serverCount(entity)).toBe(n);

    const tablet = await login(me);
    const work = await loadCasework(tablet.db, a.id);
    expect(work.samtycken).toHaveLength(1);
    expect(work.moten[0]?.participants).toHaveLength(3);
    expect(work.atgarder.map((x) => x.vad).sort()).toEqual(['Boka gemensam kartläggning', 'Söka tre jobb']);
    expect(work.atgarder.every((x) => x.moteId === work.moten[0]?.id && x.sync.state === 'synkad')).toBe(
      true,
    );
    expect(work.sips[0]?.status).toBe('utkast');
  });

  it('keeps both devices’ edits to different fields of the same SIP and möte', async () => {
    const one = await login(me);
    const a = await one.create();
    const ref = refOf(one, a.id);
    const sip = await createRecord(one.db, 'sip', ref, completeSip());
    const moteId = await recordMote(one.db, ref, trepartssamtal(), []);
    await one.faltsam.syncNow();
    const two = await login(me);

    await updateRecord(one.db, 'sip', String(sip.id), { samordnare: 'Samverkanskoordinator' });
    await updateRecord(one.db, 'mote', moteId, { nextMeetingDate: '2026-05-05' });
    await updateRecord(two.db, 'sip', String(sip.id), {
      uppfoljningsdatum: '2026-06-01',
      mal: 'Arbete på deltid',
    });
    await updateRecord(two.db, 'mote', moteId, { anteckningar: 'Kompletterat efter mötet.' });
    await one.faltsam.syncNow();
    await two.faltsam.syncNow();
    await one.faltsam.syncNow();

    for (const dev of [one, two]) {
      const work = await loadCasework(dev.db, a.id);
      expect(work.sips[0]).toMatchObject({
        samordnare: 'Samverkanskoordinator',
        uppfoljningsdatum: '2026-06-01',
        mal: 'Arbete på deltid',
        version: 3,
      });
      expect(work.moten[0]).toMatchObject({
        nextMeetingDate: '2026-05-05',
        anteckningar: 'Kompletterat efter mötet.',
      });
      expect(await dev.db.conflicts.count()).toBe(0);
    }
  });

  it('ends on klar on both devices when one marks an åtgärd done and the other cancels it', async () => {
    const one = await login(me);
    const a = await one.create();
    await recordMote(one.db, refOf(one, a.id), trepartssamtal(), [atgard()]);
    await one.faltsam.syncNow();
    const two = await login(me);
    const id = (await loadCasework(two.db, a.id)).atgarder[0]?.id ?? '';

    await setAtgardStatus(one.db, id, 'klar');
    await setAtgardStatus(two.db, id, 'installd');
    await expect(setAtgardStatus(one.db, id, 'pagar')).rejects.toThrow(/framåt/);
    await one.faltsam.syncNow();
    await two.faltsam.syncNow();
    await one.faltsam.syncNow();
    for (const dev of [one, two]) {
      expect((await loadCasework(dev.db, a.id)).atgarder[0]?.status).toBe('klar');
      expect(await dev.db.conflicts.count()).toBe(0);
    }
  });

  it('hands an ärende over offline; after sync it is the colleague’s on their device', async () => {
    const net = switchableFetch(server.fetch);
    const mine = await login(me, net.fetch);
    expect((await getColleagues(mine.db))[mine.user.enheter[0]?.id ?? '']?.map((k) => k.id).sort()).toEqual(
      [me.user.id, colleague.user.id].sort(),
    );
    const a = await mine.create();
    net.down();
    await handOver(mine.db, a, colleague.user.id, '2026-03-20');
    expect((await getArende(mine.db, a.id))?.handlaggareId).toBe(colleague.user.id);
    net.up();
    expect(await mine.faltsam.syncNow()).toMatchObject({ ok: true, rejected: 0 });

    const theirs = await login(colleague);
    expect((await getArende(theirs.db, a.id))?.handlaggareId).toBe(colleague.user.id);
    const [record] = (await loadCasework(theirs.db, a.id)).overlamningar;
    expect(record).toMatchObject({
      franHandlaggareId: me.user.id,
      tillHandlaggareId: colleague.user.id,
      datum: '2026-03-20',
    });
  });
});
