import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityName } from '../../../src/domain/entities';
import type { Mutation, MutationResult } from '../../../src/domain/sync-protocol';
import { atgard, completeSip, sipSamtycke, trepartssamtal } from '../../helpers/casework';
import { createTestServer, type TestAccount, type TestServer } from '../../helpers/server';
import { bearer, device, newArende } from './support';

let server: TestServer;
let nor: TestAccount;
let norColleague: TestAccount;
let ske: TestAccount;
let both: TestAccount;
let koordinator: TestAccount;
const enhet = (kod: string) => server.enheter.find((e) => e.kod === kod)?.id ?? '';

beforeAll(async () => {
  server = await createTestServer();
  nor = await server.createHandlaggare({ enheter: ['NOR'] });
  norColleague = await server.createHandlaggare({ enheter: ['NOR'] });
  ske = await server.createHandlaggare({ enheter: ['SKE'] });
  both = await server.createHandlaggare({ enheter: ['NOR', 'SKE'] });
  koordinator = await server.createHandlaggare({ enheter: ['NOR'], role: 'koordinator' });
}, 60_000);
afterAll(() => server.close());

/** A signed-in device whose mutations may be of any entity. */
async function signIn(a: TestAccount) {
  const dev = device(server, (await server.login(a.username, a.password)).token);
  const of = (entity: EntityName, id: string, changes: object, base: number | null): Mutation => ({
    ...dev.mutation(id, changes as Record<string, unknown>, base),
    entity,
  });
  return { ...dev, of };
}
type Dev = Awaited<ReturnType<typeof signIn>>;

const rejection = (r: MutationResult | undefined) => (r?.status === 'rejected' ? r.error : null);

async function arendeIn(dev: Dev, kod: string, owner: TestAccount): Promise<string> {
  const id = randomUUID();
  const res = await dev.push([dev.of('arende', id, newArende(enhet(kod), owner.user.id), null)]);
  expect(res.results[0]?.status).toBe('applied');
  return id;
}

async function stored(id: string) {
  const { rows } = await server.sql.query<{
    enhet_id: string;
    version: number;
    data: Record<string, unknown>;
  }>('select enhet_id, version, data from record where id = $1', [id]);
  return rows[0];
}

describe('case-work records on the server', () => {
  it('stores samtycke, möte, åtgärd, SIP and stegmätning in the enhet of their ärende', async () => {
    const dev = await signIn(nor);
    const arendeId = await arendeIn(dev, 'NOR', nor);
    const ids = {
      samtycke: randomUUID(),
      mote: randomUUID(),
      atgard: randomUUID(),
      sip: randomUUID(),
      steg: randomUUID(),
    };
    const res = await dev.push([
      dev.of('samtycke', ids.samtycke, { ...sipSamtycke(nor.user.id), arendeId }, null),
      dev.of('mote', ids.mote, { ...trepartssamtal(), arendeId }, null),
      dev.of('atgard', ids.atgard, { ...atgard(), moteId: ids.mote, arendeId }, null),
      dev.of('sip', ids.sip, { ...completeSip(), arendeId }, null),
      dev.of(
        'stegmatning',
        ids.steg,
        { item: 'M15', value: 3, date: '2026-03-10', moteId: ids.mote, instrumentVersion: 'B', arendeId },
        null,
      ),
    ]);
    expect(res.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied', 'applied']);
    for (const id of Object.values(ids)) expect((await stored(id))?.enhet_id).toBe(enhet('NOR'));
  });

  it('refuses case work on an ärende of another enhet, and on one that does not exist', async () => {
    const owner = await signIn(nor);
    const arendeId = await arendeIn(owner, 'NOR', nor);
    const outsider = await signIn(ske);
    const res = await outsider.push([
      outsider.of('samtycke', randomUUID(), { ...sipSamtycke(ske.user.id), arendeId }, null),
      outsider.of('mote', randomUUID(), { ...trepartssamtal(), arendeId: randomUUID() }, null),
    ]);
    expect(res.results.map((r) => rejection(r)?.code)).toEqual(['ej_behorig', 'ej_behorig']);
    const { rows } = await server.sql.query(`select 1 from record where data ->> 'arendeId' = $1`, [
      arendeId,
    ]);
    expect(rows).toHaveLength(0);
  });

  it('refuses edits of an existing record by a handläggare of another enhet', async () => {
    const owner = await signIn(nor);
    const arendeId = await arendeIn(owner, 'NOR', nor);
    const moteId = randomUUID();
    await owner.push([owner.of('mote', moteId, { ...trepartssamtal(), arendeId }, null)]);
    const outsider = await signIn(ske);
    const res = await outsider.push([outsider.of('mote', moteId, { anteckningar: 'Ändrat utifrån.' }, 1)]);
    expect(rejection(res.results[0])?.code).toBe('ej_behorig');
  });

  it('pulls case work only for handläggare of the ärende’s enhet, never for a koordinator', async () => {
    const owner = await signIn(nor);
    const arendeId = await arendeIn(owner, 'NOR', nor);
    const moteId = randomUUID();
    await owner.push([owner.of('mote', moteId, { ...trepartssamtal(), arendeId }, null)]);
    const entitiesOf = async (a: TestAccount) =>
      (await (await signIn(a)).pull('0', 1000)).changes
        .filter((c) => c.record.id === moteId || c.record.id === arendeId)
        .map((c) => c.entity)
        .sort();
    expect(await entitiesOf(norColleague)).toEqual(['arende', 'mote']);
    expect(await entitiesOf(ske)).toEqual([]);
    // A koordinator gets aggregates, never a single ärende or its case work.
    expect(await entitiesOf(koordinator)).toEqual([]);
    const k = await signIn(koordinator);
    const res = await k.push([k.of('mote', randomUUID(), { ...trepartssamtal(), arendeId }, null)]);
    expect(rejection(res.results[0])?.code).toBe('ej_behorig');
  });

  it('keeps arendeId, moteId and the samtycke kind fixed, and a samtycke recorded by its own user', async () => {
    const dev = await signIn(nor);
    const arendeId = await arendeIn(dev, 'NOR', nor);
    const otherArende = await arendeIn(dev, 'NOR', nor);
    const moteId = randomUUID();
    const otherMote = randomUUID();
    const atgardId = randomUUID();
    const samtyckeId = randomUUID();
    await dev.push([
      dev.of('mote', moteId, { ...trepartssamtal(), arendeId }, null),
      dev.of('mote', otherMote, { ...trepartssamtal(), arendeId: otherArende }, null),
      dev.of('atgard', atgardId, { ...atgard(), moteId, arendeId }, null),
      dev.of('samtycke', samtyckeId, { ...sipSamtycke(nor.user.id), arendeId }, null),
    ]);
    const res = await dev.push([
      dev.of('mote', moteId, { arendeId: otherArende }, 1),
      dev.of('atgard', atgardId, { moteId: otherMote }, 1),
      dev.of('samtycke', samtyckeId, { kind: 'enkat' }, 1),
      dev.of('samtycke', randomUUID(), { ...sipSamtycke(ske.user.id), arendeId }, null),
      dev.of('atgard', randomUUID(), { ...atgard(), moteId: otherMote, arendeId }, null),
    ]);
    expect(res.results.map((r) => Object.keys(rejection(r)?.fields ?? {}))).toEqual([
      ['arendeId'],
      ['moteId'],
      ['kind'],
      ['recordedBy'],
      ['moteId'],
    ]);
  });

  it('converges åtgärd status forward without a conflict, whichever device arrives first', async () => {
    const one = await signIn(nor);
    const two = await signIn(nor);
    const arendeId = await arendeIn(one, 'NOR', nor);
    const moteId = randomUUID();
    const id = randomUUID();
    await one.push([
      one.of('mote', moteId, { ...trepartssamtal(), arendeId }, null),
      one.of('atgard', id, { ...atgard(), moteId, arendeId }, null),
    ]);
    const done = await one.push([one.of('atgard', id, { status: 'klar' }, 1)]);
    const cancelled = await two.push([two.of('atgard', id, { status: 'installd' }, 1)]);
    const back = await two.push([two.of('atgard', id, { status: 'pagar' }, 2)]);
    expect(done.results[0]).toMatchObject({ status: 'applied', version: 2, conflicts: [] });
    // Status only moves forward: both later edits are applied without a change or a conflict.
    expect(cancelled.results[0]).toMatchObject({ status: 'applied', version: 2, conflicts: [] });
    expect(back.results[0]).toMatchObject({ status: 'applied', version: 2, conflicts: [] });
    expect((await stored(id))?.data.status).toBe('klar');
    expect((await stored(id))?.version).toBe(2);
  });

  it('refuses to mark a SIP upprättad before a SIP samtycke and items 1–10, naming what is missing', async () => {
    const dev = await signIn(nor);
    const arendeId = await arendeIn(dev, 'NOR', nor);
    const draft = randomUUID();
    const full = randomUUID();
    const res = await dev.push([
      dev.of('sip', draft, { ...completeSip({ overgripandeAnsvar: null }), arendeId }, null),
      dev.of('sip', draft, { status: 'upprattad' }, 1),
      dev.of('sip', full, { ...completeSip(), arendeId }, null),
      dev.of('sip', full, { status: 'upprattad' }, 1),
      dev.of('samtycke', randomUUID(), { ...sipSamtycke(nor.user.id), arendeId }, null),
      dev.of('sip', full, { status: 'avslutad' }, 1),
      dev.of('sip', full, { status: 'upprattad' }, 1),
    ]);
    // The plan's own rules run first: a plan past utkast must be complete (item 10 here).
    expect(rejection(res.results[1])?.fields?.overgripandeAnsvar).toMatch(/^Punkt 10:/);
    expect(rejection(res.results[3])?.message).toMatch(/Punkt 3: Det finns inget gällande samtycke/);
    expect(rejection(res.results[5])?.fields?.status).toMatch(/från utkast till avslutad/);
    expect(res.results[6]).toMatchObject({ status: 'applied', version: 2 });
    expect((await stored(full))?.data.status).toBe('upprattad');
  });

  it('moves the case work of an ärende along when the ärende moves to another enhet', async () => {
    const dev = await signIn(both);
    const arendeId = await arendeIn(dev, 'NOR', both);
    const moteId = randomUUID();
    await dev.push([dev.of('mote', moteId, { ...trepartssamtal(), arendeId }, null)]);
    await dev.push([dev.of('arende', arendeId, { enhetId: enhet('SKE') }, 1)]);
    expect((await stored(moteId))?.enhet_id).toBe(enhet('SKE'));
    const pulled = await (await signIn(ske)).pull('0', 1000);
    expect(pulled.changes.some((c) => c.record.id === moteId)).toBe(true);
  });
});

describe('överlämning', () => {
  it('lists the handläggare of an enhet to its members only', async () => {
    const { token } = await server.login(nor.username, nor.password);
    const res = await server.fetch(`/api/enheter/${enhet('NOR')}/handlaggare`, bearer(token));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { handlaggare: { id: string; displayName: string }[] };
    const ids = body.handlaggare.map((h) => h.id);
    expect(ids).toEqual(expect.arrayContaining([nor.user.id, norColleague.user.id, both.user.id]));
    expect(ids).not.toContain(koordinator.user.id);
    expect(ids).not.toContain(ske.user.id);
    expect((await server.fetch(`/api/enheter/${enhet('SKE')}/handlaggare`, bearer(token))).status).toBe(403);
  });

  it('hands an ärende to a colleague of the enhet and refuses one from another enhet', async () => {
    const dev = await signIn(nor);
    const arendeId = await arendeIn(dev, 'NOR', nor);
    const refused = await dev.push([
      dev.of('arende', arendeId, { handlaggareId: ske.user.id }, 1),
      dev.of(
        'overlamning',
        randomUUID(),
        { arendeId, franHandlaggareId: nor.user.id, tillHandlaggareId: ske.user.id, datum: '2026-03-20' },
        null,
      ),
    ]);
    expect(refused.results.map((r) => rejection(r)?.fields)).toEqual([
      { handlaggareId: expect.stringMatching(/arbetar inte på ärendets enhet/) },
      { tillHandlaggareId: expect.stringMatching(/arbetar inte på ärendets enhet/) },
    ]);
    const ok = await dev.push([
      dev.of('arende', arendeId, { handlaggareId: norColleague.user.id }, 1),
      dev.of(
        'overlamning',
        randomUUID(),
        {
          arendeId,
          franHandlaggareId: nor.user.id,
          tillHandlaggareId: norColleague.user.id,
          datum: '2026-03-20',
        },
        null,
      ),
    ]);
    expect(ok.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    const pulled = await (await signIn(norColleague)).pull('0', 1000);
    const arende = pulled.changes.find((c) => c.record.id === arendeId);
    expect(arende?.record.handlaggareId).toBe(norColleague.user.id);
    expect(pulled.changes.some((c) => c.entity === 'overlamning' && c.record.arendeId === arendeId)).toBe(
      true,
    );
  });
});
