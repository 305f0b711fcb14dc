import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorResponse } from '../../../src/domain/sync-protocol';
import { createTestServer, type TestAccount, type TestServer, type TestTenant } from '../../helpers/server';
import { device, newArende } from './support';

let server: TestServer;
let other: TestTenant;
let norUser: TestAccount;
let skeUser: TestAccount;
let otherUser: TestAccount;
const enhet = (t: TestTenant, kod: string) => t.enheter.find((e) => e.kod === kod)?.id ?? '';

beforeAll(async () => {
  server = await createTestServer();
  other = await server.addForbund('Annat testförbund');
  norUser = await server.createHandlaggare({ enheter: ['NOR'] });
  skeUser = await server.createHandlaggare({ enheter: ['SKE'] });
  otherUser = await other.createHandlaggare({ enheter: ['NOR'] });
}, 60_000);
afterAll(() => server.close());

const signIn = async (a: TestAccount, deviceId?: string) =>
  device(server, (await server.login(a.username, a.password)).token, deviceId);

describe('devices', () => {
  it('refuses with 403 a push from a device id registered to another user, and changes nothing', async () => {
    const mine = await signIn(norUser);
    await mine.push([mine.mutation(randomUUID(), newArende(enhet(server, 'NOR'), norUser.user.id), null)]);
    const thief = await signIn(skeUser, mine.deviceId);
    const id = randomUUID();
    const res = await thief.pushRaw([
      thief.mutation(id, newArende(enhet(server, 'SKE'), skeUser.user.id), null),
    ]);
    expect(res.status).toBe(403);
    expect(ApiErrorResponse.parse(await res.json()).error.code).toBe('annan_anvandares_apparat');
    expect((await server.sql.query('select 1 from record where id = $1', [id])).rows).toHaveLength(0);
  });

  /** What a push naming a device may change: its row, its stored answers, the sessions bound to it. */
  const traces = async (deviceId: string, thief: TestAccount) => ({
    device: (await server.sql.query('select * from device where id = $1', [deviceId])).rows,
    answers: (
      await server.sql.query(
        'select seq::text, mutation_id, status, version from applied_mutation where device_id = $1 order by seq',
        [deviceId],
      )
    ).rows,
    // The device is claimed, locked and bound to the pushing session in one statement
    // (services/push.ts claimDevice): a refused claim must bind none of the thief's sessions.
    thiefBound: (
      await server.sql.query('select 1 from session where user_id = $1 and device_id is not null', [
        thief.user.id,
      ])
    ).rows.length,
  });

  it('property: pushes naming another user’s device, of this förbund or another, any number of times, change nothing of it', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('same förbund', 'other förbund'),
        fc.integer({ min: 1, max: 3 }),
        fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
        async (where, times, answeredThrough) => {
          const owner = await signIn(norUser);
          await owner.push([
            owner.mutation(randomUUID(), newArende(enhet(server, 'NOR'), norUser.user.id), null),
            owner.mutation(randomUUID(), newArende(enhet(server, 'NOR'), norUser.user.id), null),
          ]);
          const thiefAccount = where === 'same förbund' ? skeUser : otherUser;
          const thiefEnhet = where === 'same förbund' ? enhet(server, 'SKE') : enhet(other, 'NOR');
          const before = await traces(owner.deviceId, thiefAccount);
          for (let i = 0; i < times; i++) {
            const thief = await signIn(thiefAccount, owner.deviceId);
            const res = await server.fetch('/api/sync/push', {
              method: 'POST',
              headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${thief.token}` },
              body: JSON.stringify({
                deviceId: owner.deviceId,
                mutations: [thief.mutation(randomUUID(), newArende(thiefEnhet, thiefAccount.user.id), null)],
                ...(answeredThrough === undefined ? {} : { answeredThrough }),
              }),
            });
            expect(res.status).toBe(403);
            expect(ApiErrorResponse.parse(await res.json()).error.code).toBe('annan_anvandares_apparat');
          }
          expect(await traces(owner.deviceId, thiefAccount)).toEqual(before);
        },
      ),
      { numRuns: 12 },
    );
  });
});

describe('enhet isolation', () => {
  it('does not let a handläggare of NOR create an ärende in SKE', async () => {
    const dev = await signIn(norUser);
    const res = await dev.push([
      dev.mutation(randomUUID(), newArende(enhet(server, 'SKE'), norUser.user.id), null),
    ]);
    const r = res.results[0];
    expect(r?.status === 'rejected' && r.error.code).toBe('ej_behorig');
  });

  it('does not let a handläggare of NOR edit an ärende of SKE, nor move one there', async () => {
    const ske = await signIn(skeUser);
    const skeArende = randomUUID();
    await ske.push([ske.mutation(skeArende, newArende(enhet(server, 'SKE'), skeUser.user.id), null)]);
    const dev = await signIn(norUser);
    const own = randomUUID();
    const res = await dev.push([
      dev.mutation(skeArende, { kon: 'man' }, 1),
      dev.mutation(own, newArende(enhet(server, 'NOR'), norUser.user.id), null),
      dev.mutation(own, { enhetId: enhet(server, 'SKE') }, 1),
    ]);
    expect(res.results.map((r) => (r.status === 'rejected' ? r.error.code : r.status))).toEqual([
      'ej_behorig',
      'applied',
      'ej_behorig',
    ]);
    const { rows } = await server.sql.query<{ data: { kon: string } }>(
      'select data from record where id = $1',
      [skeArende],
    );
    expect(rows[0]?.data.kon).toBe('ej_angivet');
  });

  it('does not let a new ärende name someone else as ansvarig handläggare', async () => {
    const dev = await signIn(norUser);
    const res = await dev.push([
      dev.mutation(randomUUID(), newArende(enhet(server, 'NOR'), skeUser.user.id), null),
    ]);
    expect(res.results[0]?.status === 'rejected' && Object.keys(res.results[0].error.fields ?? {})).toEqual([
      'handlaggareId',
    ]);
  });

  it('hands an ärende over only to a handläggare of the same enhet', async () => {
    const colleague = await server.createHandlaggare({ enheter: ['NOR'] });
    const dev = await signIn(norUser);
    const id = randomUUID();
    const res = await dev.push([
      dev.mutation(id, newArende(enhet(server, 'NOR'), norUser.user.id), null),
      dev.mutation(id, { handlaggareId: skeUser.user.id }, 1),
      dev.mutation(id, { handlaggareId: otherUser.user.id }, 1),
      dev.mutation(id, { handlaggareId: colleague.user.id }, 1),
    ]);
    expect(res.results.map((r) => r.status)).toEqual(['applied', 'rejected', 'rejected', 'applied']);
  });

  it('pulls only the ärenden of the handläggare’s own enheter', async () => {
    const ske = await signIn(skeUser);
    const skeId = randomUUID();
    await ske.push([ske.mutation(skeId, newArende(enhet(server, 'SKE'), skeUser.user.id), null)]);
    const nor = await signIn(norUser);
    const norId = randomUUID();
    await nor.push([nor.mutation(norId, newArende(enhet(server, 'NOR'), norUser.user.id), null)]);

    const pulled = await nor.pull();
    const ids = pulled.changes.map((c) => c.record.id);
    expect(ids).toContain(norId);
    expect(ids).not.toContain(skeId);
    expect(pulled.changes.every((c) => c.record.enhetId === enhet(server, 'NOR'))).toBe(true);
  });
});

describe('förbund isolation', () => {
  it('keeps each förbund’s ärenden out of the other’s pulls, even for an enhet with the same kod', async () => {
    const mine = await signIn(norUser);
    const mineId = randomUUID();
    await mine.push([mine.mutation(mineId, newArende(enhet(server, 'NOR'), norUser.user.id), null)]);
    const theirs = await signIn(otherUser);
    const theirId = randomUUID();
    await theirs.push([theirs.mutation(theirId, newArende(enhet(other, 'NOR'), otherUser.user.id), null)]);

    const theirPull = (await theirs.pull()).changes.map((c) => c.record.id);
    expect(theirPull).toEqual([theirId]);
    expect((await mine.pull()).changes.map((c) => c.record.id)).not.toContain(theirId);
  });

  it('does not let a user of another förbund edit, overwrite or create over an ärende', async () => {
    const mine = await signIn(norUser);
    const id = randomUUID();
    await mine.push([mine.mutation(id, newArende(enhet(server, 'NOR'), norUser.user.id), null)]);
    const theirs = await signIn(otherUser);
    const res = await theirs.push([
      theirs.mutation(id, { anteckningar: 'Ändrat utifrån.' }, 1),
      theirs.mutation(id, newArende(enhet(other, 'NOR'), otherUser.user.id), null),
    ]);
    expect(res.results.map((r) => r.status === 'rejected' && r.error.code)).toEqual([
      'ej_behorig',
      'ej_behorig',
    ]);
    const { rows } = await server.sql.query<{ forbund_id: string; version: number }>(
      'select forbund_id, version from record where id = $1',
      [id],
    );
    expect(rows[0]).toEqual({ forbund_id: server.forbund.id, version: 1 });
  });

  it('allows the same pseudonym code in two förbund', async () => {
    const mine = await signIn(norUser);
    const theirs = await signIn(otherUser);
    const a = newArende(enhet(server, 'NOR'), norUser.user.id);
    const b = newArende(enhet(other, 'NOR'), otherUser.user.id, { code: a.code });
    expect((await mine.push([mine.mutation(randomUUID(), a, null)])).results[0]?.status).toBe('applied');
    expect((await theirs.push([theirs.mutation(randomUUID(), b, null)])).results[0]?.status).toBe('applied');
  });
});
