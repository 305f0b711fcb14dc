import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityName } from '../../../src/domain/entities';
import type { Mutation, MutationResult } from '../../../src/domain/sync-protocol';
import { konsultationsfall, konsultationsmote } from '../../helpers/konsultation';
import { createTestServer, type TestAccount, type TestServer } from '../../helpers/server';
import { device, fictitiousPersonnummer, newArende } from './support';

let server: TestServer;
let koordinator: TestAccount;
let handlaggare: TestAccount;
let admin: TestAccount;

beforeAll(async () => {
  server = await createTestServer();
  koordinator = await server.createHandlaggare({ enheter: ['NOR'], role: 'koordinator' });
  handlaggare = await server.createHandlaggare({ enheter: ['NOR', 'SKE'] });
  admin = await server.createHandlaggare({ enheter: ['NOR'], role: 'admin' });
}, 60_000);
afterAll(() => server.close());

async function signIn(a: TestAccount, s: Pick<TestServer, 'fetch' | 'login'> = server) {
  const dev = device(s, (await s.login(a.username, a.password)).token);
  const of = (entity: EntityName, id: string, changes: object, base: number | null = null): Mutation => ({
    ...dev.mutation(id, changes as Record<string, unknown>, base),
    entity,
  });
  return { ...dev, of };
}
type Dev = Awaited<ReturnType<typeof signIn>>;

const rejection = (r: MutationResult | undefined) => (r?.status === 'rejected' ? r.error : null);

async function rowsOf(id: string) {
  const { rows } = await server.sql.query<{ entity: string; enhet_id: string | null; data: object }>(
    'select entity, enhet_id, data from record where id = $1',
    [id],
  );
  return rows;
}

/** A meeting of the koordinator's förbund; returns its id. */
async function meeting(dev: Dev): Promise<string> {
  const id = randomUUID();
  const res = await dev.push([dev.of('konsultationsmote', id, konsultationsmote())]);
  expect(res.results[0]?.status).toBe('applied');
  return id;
}

describe('konsultationsteam records on the server', () => {
  it('lets a koordinator write a meeting and its case summaries förbund-wide and pull them back', async () => {
    const dev = await signIn(koordinator);
    const moteId = randomUUID();
    const fallId = randomUUID();
    const res = await dev.push([
      dev.of('konsultationsmote', moteId, konsultationsmote()),
      dev.of('konsultationsfall', fallId, konsultationsfall(moteId)),
    ]);
    expect(res.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    expect((await rowsOf(moteId))[0]?.enhet_id).toBeNull();
    expect((await rowsOf(fallId))[0]?.enhet_id).toBeNull();

    const pulled = (await (await signIn(koordinator)).pull('0', 1000)).changes.filter((c) =>
      [moteId, fallId as string].includes(String(c.record.id)),
    );
    expect(pulled.map((c) => c.entity).sort()).toEqual(['konsultationsfall', 'konsultationsmote']);
    expect(pulled.find((c) => c.entity === 'konsultationsfall')?.record).toMatchObject({
      moteId,
      lyftAv: 'af',
      aktuellSedan: '2025-09',
      utfall: 'gemensam_planering',
    });
  });

  it('refuses a handläggare and an admin, writing or editing, and never sends them the records', async () => {
    const owner = await signIn(koordinator);
    const moteId = await meeting(owner);
    for (const account of [handlaggare, admin]) {
      const dev = await signIn(account);
      const res = await dev.push([
        dev.of('konsultationsmote', randomUUID(), konsultationsmote()),
        dev.of('konsultationsfall', randomUUID(), konsultationsfall(moteId)),
        dev.of('konsultationsmote', moteId, { anteckningar: 'Ändrat av någon annan.' }, 1),
      ]);
      expect(res.results.map((r) => rejection(r)?.code)).toEqual(['ej_behorig', 'ej_behorig', 'ej_behorig']);
      expect(rejection(res.results[0])?.message).toMatch(
        /^Som (handläggare|administratör) kan du inte ändra konsultationsmötet\.$/,
      );
      const seen = (await dev.pull('0', 1000)).changes.filter((c) => c.entity.startsWith('konsultation'));
      expect(seen).toEqual([]);
    }
    expect((await rowsOf(moteId))[0]?.data).toMatchObject({ anteckningar: konsultationsmote().anteckningar });
  });

  it('keeps another förbund’s koordinator out: no pull, no edit, no case on its meeting', async () => {
    const owner = await signIn(koordinator);
    const moteId = await meeting(owner);
    const other = await server.addForbund('Annat förbund');
    const otherKoordinator = await other.createHandlaggare({ role: 'koordinator' });
    const dev = await signIn(otherKoordinator);
    const res = await dev.push([
      dev.of('konsultationsmote', moteId, { anteckningar: 'Ändrat från ett annat förbund.' }, 1),
      dev.of('konsultationsfall', randomUUID(), konsultationsfall(moteId)),
    ]);
    expect(res.results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(rejection(res.results[1])?.fields?.moteId).toBe('Mötet finns inte i förbundet.');
    expect((await dev.pull('0', 1000)).changes.map((c) => c.record.id)).not.toContain(moteId);
    expect((await rowsOf(moteId))[0]?.data).toMatchObject({ anteckningar: konsultationsmote().anteckningar });
  });

  it('refuses a pseudonym code, an ärende link and days in a case summary', async () => {
    const dev = await signIn(koordinator);
    const moteId = await meeting(dev);
    const res = await dev.push([
      dev.of('konsultationsfall', randomUUID(), { ...konsultationsfall(moteId), code: 'NOR-4K7P' }),
      dev.of('konsultationsfall', randomUUID(), { ...konsultationsfall(moteId), arendeId: randomUUID() }),
      dev.of('konsultationsfall', randomUUID(), konsultationsfall(moteId, { aktuellSedan: '2025-09-14' })),
      dev.of('konsultationsfall', randomUUID(), konsultationsfall(moteId, { fraga: 'Gäller NOR-4K7P.' })),
    ]);
    expect(res.results.map((r) => rejection(r)?.code)).toEqual([
      'okant_falt',
      'okant_falt',
      'ogiltiga_uppgifter',
      'ogiltiga_uppgifter',
    ]);
    expect(rejection(res.results[2])?.fields?.aktuellSedan).toMatch(/ÅÅÅÅ-MM/);
    expect(rejection(res.results[3])?.fields?.fraga).toMatch(/liknar en ärendekod/);
  });

  it('runs the free-text guard on every free-text field of both kinds', async () => {
    const dev = await signIn(koordinator);
    const moteId = await meeting(dev);
    const pnr = fictitiousPersonnummer();
    const res = await dev.push([
      dev.of('konsultationsmote', randomUUID(), konsultationsmote({ anteckningar: `Ring 070-123 45 67.` })),
      ...(['sammanfattning', 'fraga', 'rad', 'uppfoljning'] as const).map((field) =>
        dev.of('konsultationsfall', randomUUID(), konsultationsfall(moteId, { [field]: `Person ${pnr}.` })),
      ),
    ]);
    const fields = res.results.map((r) => Object.keys(rejection(r)?.fields ?? {}));
    expect(fields).toEqual([['anteckningar'], ['sammanfattning'], ['fraga'], ['rad'], ['uppfoljning']]);
    expect(rejection(res.results[0])?.message).toMatch(/ett telefonnummer/);
    expect(rejection(res.results[1])?.message).toMatch(/ett personnummer/);
  });
});

describe('age band and kommun in a case summary (≥ 5 such active ärenden)', () => {
  // A server of its own, so the ärenden counted are exactly the ones made here.
  let own: TestServer;
  let k: TestAccount;
  let h: TestAccount;
  const ownEnhet = (kod: string) => own.enheter.find((e) => e.kod === kod)?.id ?? '';

  beforeAll(async () => {
    own = await createTestServer();
    k = await own.createHandlaggare({ enheter: ['NOR'], role: 'koordinator' });
    h = await own.createHandlaggare({ enheter: ['NOR', 'SKE'] });
  }, 60_000);
  afterAll(() => own.close());

  async function arenden(n: number, kod: string, aldersgrupp: string, status = 'aktiv') {
    const dev = await signIn(h, own);
    const res = await dev.push(
      Array.from({ length: n }, () =>
        dev.of(
          'arende',
          randomUUID(),
          newArende(ownEnhet(kod), h.user.id, {
            aldersgrupp,
            status,
            ...(status === 'avslutad' ? { avslutsdatum: '2026-03-20', avslutsorsak: 'arbete' } : {}),
          }),
        ),
      ),
    );
    expect(res.results.every((r) => r.status === 'applied')).toBe(true);
  }

  async function tryFall(over: object) {
    const dev = await signIn(k, own);
    const moteId = randomUUID();
    const fallId = randomUUID();
    const res = await dev.push([
      dev.of('konsultationsmote', moteId, konsultationsmote()),
      dev.of('konsultationsfall', fallId, konsultationsfall(moteId, over)),
    ]);
    return { result: res.results[1], fallId, dev };
  }

  it('refuses the age band and the kommun at 4 active ärenden and accepts them at 5', async () => {
    await arenden(4, 'NOR', '20-24');
    await arenden(3, 'NOR', '20-24', 'avslutad'); // closed ärenden do not count
    const four = await tryFall({ aldersgrupp: '20-24', enhetId: ownEnhet('NOR') });
    expect(rejection(four.result)?.code).toBe('for_fa_arenden');
    expect(rejection(four.result)?.fields).toEqual({
      aldersgrupp: expect.stringMatching(/^Åldersgruppen 20–24 år kan inte anges: förbundet har färre än 5/),
      enhetId: expect.stringMatching(/^Kommunen\/enheten Norsjö kommun – ekonomiskt bistånd kan inte anges/),
    });
    expect(await rowsOf(four.fallId)).toEqual([]);

    await arenden(1, 'NOR', '20-24');
    const five = await tryFall({ aldersgrupp: '20-24', enhetId: ownEnhet('NOR') });
    expect(five.result?.status).toBe('applied');
  });

  it('refuses a combination of 4 even when the age band and the kommun each have 5 or more', async () => {
    await arenden(4, 'SKE', '30-39');
    await arenden(1, 'SKE', '40-49');
    await arenden(5, 'NOR', '30-39');
    const combo = await tryFall({ aldersgrupp: '30-39', enhetId: ownEnhet('SKE') });
    expect(Object.keys(rejection(combo.result)?.fields ?? {}).sort()).toEqual(['aldersgrupp', 'enhetId']);
    expect(rejection(combo.result)?.message).toMatch(/kan inte anges tillsammans/);
    // Either alone is enough ärenden.
    expect((await tryFall({ aldersgrupp: '30-39' })).result?.status).toBe('applied');
    expect((await tryFall({ enhetId: ownEnhet('SKE') })).result?.status).toBe('applied');
  });

  it('refuses an age band set later by an edit, and leaves a saved summary alone when other fields change', async () => {
    const { fallId, dev, result } = await tryFall({});
    expect(result?.status).toBe('applied');
    const res = await dev.push([
      dev.of('konsultationsfall', fallId, { aldersgrupp: '65+' }, 1),
      dev.of('konsultationsfall', fallId, { rad: 'Nytt råd efter mötet.' }, 1),
    ]);
    expect(rejection(res.results[0])?.fields).toHaveProperty('aldersgrupp');
    expect(res.results[1]?.status).toBe('applied');
  });

  it('refuses an enhet of another förbund', async () => {
    const other = await own.addForbund('Tredje förbundet');
    const { result } = await tryFall({ enhetId: other.enheter[0]?.id });
    expect(rejection(result)?.fields).toEqual({ enhetId: 'Enheten finns inte i förbundet.' });
  });
});
