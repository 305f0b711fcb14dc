/**
 * Refused and withdrawn samtycke on the server: a refusal is stored with who asked, when and for
 * what, and the SIP cannot be upprättad while it stands; a withdrawal is recorded by the user who
 * registers it, keeps the history, and stops the SIP's follow-up while letting it end. Hostile
 * input: another förbund's and another user's ids, a refusal withdrawn, a withdrawal twice, resends.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityName } from '../../../src/domain/entities';
import type { Mutation, MutationResult } from '../../../src/domain/sync-protocol';
import { completeSip, sipSamtycke } from '../../helpers/casework';
import { createTestServer, type TestAccount, type TestServer, type TestTenant } from '../../helpers/server';
import { device, newArende } from './support';

let server: TestServer;
let other: TestTenant;
let nor: TestAccount;
let colleague: TestAccount;
let foreign: TestAccount;
const enhet = (kod: string) => server.enheter.find((e) => e.kod === kod)?.id ?? '';

beforeAll(async () => {
  server = await createTestServer();
  other = await server.addForbund('Annat förbund');
  nor = await server.createHandlaggare({ enheter: ['NOR'] });
  colleague = await server.createHandlaggare({ enheter: ['NOR'] });
  foreign = await other.createHandlaggare({ enheter: ['NOR'] });
}, 60_000);
afterAll(() => server.close());

async function signIn(a: TestAccount, s: Pick<TestServer, 'fetch' | 'login'> = server) {
  const dev = device(s, (await s.login(a.username, a.password)).token);
  const of = (entity: EntityName, id: string, changes: object, base: number | null): Mutation => ({
    ...dev.mutation(id, changes as Record<string, unknown>, base),
    entity,
  });
  return { ...dev, of };
}
type Dev = Awaited<ReturnType<typeof signIn>>;

const rejection = (r: MutationResult | undefined) => (r?.status === 'rejected' ? r.error : null);
const statuses = (rs: MutationResult[]) => rs.map((r) => (r.status === 'applied' ? 'applied' : r.error.code));

async function stored(id: string): Promise<Record<string, unknown> | undefined> {
  const { rows } = await server.sql.query<{ data: Record<string, unknown> }>(
    'select data from record where id = $1',
    [id],
  );
  return rows[0]?.data;
}

async function arendeOf(dev: Dev, owner: TestAccount): Promise<string> {
  const id = randomUUID();
  const res = await dev.push([dev.of('arende', id, newArende(enhet('NOR'), owner.user.id), null)]);
  expect(res.results[0]?.status).toBe('applied');
  return id;
}

describe('a refused samtycke', () => {
  it('is stored with who asked, when and for what, and the SIP then cannot be upprättad', async () => {
    const dev = await signIn(nor);
    const arendeId = await arendeOf(dev, nor);
    const refusal = randomUUID();
    const sip = randomUUID();
    const res = await dev.push([
      dev.of(
        'samtycke',
        refusal,
        { ...sipSamtycke(nor.user.id, { decision: 'nekat', date: '2026-03-03' }), arendeId },
        null,
      ),
      dev.of('sip', sip, { ...completeSip(), arendeId }, null),
      dev.of('sip', sip, { status: 'upprattad' }, 1),
    ]);
    expect(statuses(res.results)).toEqual(['applied', 'applied', 'sip_ofullstandig']);
    expect(rejection(res.results[2])?.message).toBe(
      'SIP:en kan inte markeras som upprättad. Punkt 3: Deltagaren har nekat samtycke till SIP (2026-03-03). Utan samtycke kan planen inte upprättas.',
    );
    expect(await stored(refusal)).toMatchObject({
      kind: 'sip',
      decision: 'nekat',
      date: '2026-03-03',
      recordedBy: nor.user.id,
      parties: ['socialtjanst', 'psykiatri'],
      withdrawnDate: null,
      withdrawnBy: null,
    });
    expect((await stored(sip))?.status).toBe('utkast');
  });

  it('cannot be turned into a consent, nor withdrawn', async () => {
    const dev = await signIn(nor);
    const arendeId = await arendeOf(dev, nor);
    const id = randomUUID();
    await dev.push([
      dev.of('samtycke', id, { ...sipSamtycke(nor.user.id, { decision: 'nekat' }), arendeId }, null),
    ]);
    const res = await dev.push([
      dev.of('samtycke', id, { decision: 'lamnat' }, 1),
      dev.of('samtycke', id, { withdrawnDate: '2026-04-01', withdrawnBy: nor.user.id }, 1),
    ]);
    expect(res.results.map((r) => Object.keys(rejection(r)?.fields ?? {}))).toEqual([
      ['decision'],
      ['withdrawnDate'],
    ]);
    expect(await stored(id)).toMatchObject({ decision: 'nekat', withdrawnDate: null });
  });
});

describe('withdrawing the SIP samtycke after "upprättad"', () => {
  async function upprattadSip(dev: Dev) {
    const arendeId = await arendeOf(dev, nor);
    const samtycke = randomUUID();
    const sip = randomUUID();
    const res = await dev.push([
      dev.of('samtycke', samtycke, { ...sipSamtycke(nor.user.id, { date: '2026-01-05' }), arendeId }, null),
      dev.of('sip', sip, { ...completeSip(), arendeId }, null),
      dev.of('sip', sip, { status: 'upprattad' }, 1),
    ]);
    expect(statuses(res.results)).toEqual(['applied', 'applied', 'applied']);
    return { arendeId, samtycke, sip };
  }

  it('records the date and who registered it, keeps the history; the SIP can end but not be followed up', async () => {
    const dev = await signIn(nor);
    const { samtycke, sip } = await upprattadSip(dev);
    const res = await dev.push([
      dev.of('samtycke', samtycke, { withdrawnDate: '2026-02-01', withdrawnBy: nor.user.id }, 1),
      dev.of('sip', sip, { status: 'uppfoljd' }, 2),
    ]);
    expect(statuses(res.results)).toEqual(['applied', 'sip_ofullstandig']);
    expect(rejection(res.results[1])?.message).toMatch(
      /^SIP:en kan inte markeras som uppföljd\. Punkt 3: Deltagaren har återkallat sitt samtycke till SIP \(2026-02-01\)/,
    );
    expect(await stored(samtycke)).toMatchObject({
      decision: 'lamnat',
      date: '2026-01-05',
      recordedBy: nor.user.id,
      withdrawnDate: '2026-02-01',
      withdrawnBy: nor.user.id,
    });
    expect((await stored(sip))?.status).toBe('upprattad');
    const end = await dev.push([dev.of('sip', sip, { status: 'avslutad' }, 2)]);
    expect(statuses(end.results)).toEqual(['applied']);
    expect((await stored(sip))?.status).toBe('avslutad');
  });

  it('is registered by the user who sends it: a colleague’s, another förbund’s or a made-up id is refused', async () => {
    const dev = await signIn(nor);
    const { samtycke } = await upprattadSip(dev);
    const foreignArende = randomUUID();
    const res = await dev.push([
      dev.of('samtycke', samtycke, { withdrawnDate: '2026-02-01', withdrawnBy: colleague.user.id }, 1),
      dev.of('samtycke', samtycke, { withdrawnDate: '2026-02-01', withdrawnBy: foreign.user.id }, 1),
      dev.of('samtycke', samtycke, { withdrawnDate: '2026-02-01', withdrawnBy: randomUUID() }, 1),
      dev.of('samtycke', samtycke, { withdrawnDate: '2026-02-01', withdrawnBy: 'inte-ett-id' }, 1),
      dev.of('samtycke', samtycke, { withdrawnBy: nor.user.id }, 1),
    ]);
    expect(res.results.map((r) => Object.keys(rejection(r)?.fields ?? {}))).toEqual([
      ['withdrawnBy'],
      ['withdrawnBy'],
      ['withdrawnBy'],
      ['withdrawnBy'],
      ['withdrawnDate'],
    ]);
    expect(await stored(samtycke)).toMatchObject({ withdrawnDate: null, withdrawnBy: null });
    // Another förbund's handläggare cannot touch it at all, whatever ids they send.
    const outsider = await signIn(foreign);
    const out = await outsider.push([
      outsider.of('samtycke', samtycke, { withdrawnDate: '2026-02-01', withdrawnBy: foreign.user.id }, 1),
      outsider.of(
        'samtycke',
        randomUUID(),
        { ...sipSamtycke(foreign.user.id), arendeId: foreignArende },
        null,
      ),
    ]);
    expect(statuses(out.results)).toEqual(['ej_behorig', 'ej_behorig']);
  });

  it('is final: a second withdrawal is refused, and a resent batch gets the same answers', async () => {
    const dev = await signIn(nor);
    const { samtycke } = await upprattadSip(dev);
    const batch = [
      dev.of('samtycke', samtycke, { withdrawnDate: '2026-02-01', withdrawnBy: nor.user.id }, 1),
    ];
    const first = await dev.push(batch);
    const again = await dev.push(batch);
    expect(again).toEqual(first);
    const second = await dev.push([
      dev.of('samtycke', samtycke, { withdrawnDate: '2026-03-01', withdrawnBy: nor.user.id }, 2),
    ]);
    expect(rejection(second.results[0])?.fields?.withdrawnDate).toBe(
      'Samtycket är redan återkallat. Registrera ett nytt samtycke om deltagaren samtycker igen.',
    );
    expect((await stored(samtycke))?.withdrawnDate).toBe('2026-02-01');
  });

  it('and a new samtycke after it lets the plan be followed up again', async () => {
    const dev = await signIn(nor);
    const { arendeId, samtycke, sip } = await upprattadSip(dev);
    const res = await dev.push([
      dev.of('samtycke', samtycke, { withdrawnDate: '2026-02-01', withdrawnBy: nor.user.id }, 1),
      dev.of(
        'samtycke',
        randomUUID(),
        { ...sipSamtycke(nor.user.id, { date: '2026-02-10' }), arendeId },
        null,
      ),
      dev.of('sip', sip, { status: 'uppfoljd' }, 2),
    ]);
    expect(statuses(res.results)).toEqual(['applied', 'applied', 'applied']);
  });
});
