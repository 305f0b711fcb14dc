/** A förbund with handläggare on NOR and SKE and a koordinator, and a clock the tests move. */
import { randomUUID } from 'node:crypto';
import { INSTRUMENT_VERSION } from '../../../src/domain/instrument/version';
import type { Mutation } from '../../../src/domain/sync-protocol';
import type { KlPerson } from '../../helpers/insider';
import { createTestServer, type TestAccount, type TestServer } from '../../helpers/server';
import { bearer, device, newArende } from './support';

export interface World {
  server: TestServer;
  /** Moves the clock and signs everyone in again (a session lasts 30 days). */
  setNow(iso: string): Promise<void>;
  koordinator: TestAccount;
  nor: Awaited<ReturnType<typeof signIn>>;
  ske: Awaited<ReturnType<typeof signIn>>;
  enhet(kod: 'NOR' | 'SKE'): string;
  /** GET /api/aggregates/<path> as the koordinator. */
  get(path: string): Promise<Response>;
  release<T>(area: string, period: string): Promise<T>;
}

/** A signed-in device of `account` that pushes records and responses. */
export async function signIn(server: TestServer, account: TestAccount) {
  const { token } = await server.login(account.username, account.password);
  const d = device(server, token);
  const as = (entity: Mutation['entity'], recordId: string, changes: Record<string, unknown>): Mutation => ({
    ...d.mutation(recordId, changes, null),
    entity,
  });
  return {
    user: account.user,
    async push(mutations: Mutation[]) {
      const res = await d.push(mutations);
      const refused = res.results.filter((r) => r.status !== 'applied');
      if (refused.length > 0) throw new Error(`refused: ${JSON.stringify(refused)}`);
    },
    arende(fields: Record<string, unknown>, enhetId: string) {
      const id = randomUUID();
      return { id, mutation: as('arende', id, newArende(enhetId, account.user.id, fields)) };
    },
    response(changes: Record<string, unknown>) {
      return as('response', randomUUID(), { instrumentVersion: INSTRUMENT_VERSION, ...changes });
    },
    record(entity: Mutation['entity'], changes: Record<string, unknown>) {
      return as(entity, randomUUID(), changes);
    },
  };
}

export async function makeWorld(startIso: string): Promise<World> {
  let now = new Date(startIso);
  const server = await createTestServer({ clock: () => now });
  const koordinator = await server.createHandlaggare({ enheter: ['NOR', 'SKE'], role: 'koordinator' });
  const accounts = {
    nor: await server.createHandlaggare({ enheter: ['NOR'] }),
    ske: await server.createHandlaggare({ enheter: ['SKE'] }),
  };
  let token = '';
  const world = {
    nor: await signIn(server, accounts.nor),
    ske: await signIn(server, accounts.ske),
  };
  const refresh = async () => {
    token = (await server.login(koordinator.username, koordinator.password)).token;
    world.nor = await signIn(server, accounts.nor);
    world.ske = await signIn(server, accounts.ske);
  };
  await refresh();
  const get = (path: string) => server.fetch(`/api/aggregates/${path}`, bearer(token));
  return {
    server,
    async setNow(iso) {
      now = new Date(iso);
      await refresh();
    },
    koordinator,
    get nor() {
      return world.nor;
    },
    get ske() {
      return world.ske;
    },
    enhet: (kod) => server.enheter.find((e) => e.kod === kod)?.id ?? '',
    get,
    async release<T>(area: string, period: string) {
      const res = await get(`${area}?period=${period}`);
      if (res.status !== 200) throw new Error(`${area} ${period}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
  };
}

/** The fields an ärende is given in these tests, and how the kartläggning names its categories. */
export interface Profile {
  behovsgrupp: string | null;
  kon: string;
  aldersgrupp: string | null;
  manaderAv12: number | null;
  startdatum: string;
  avslutsdatum?: string | null;
}

export function klPerson(p: Profile, enhet: string): KlPerson {
  return {
    enhet,
    behovsgrupp: p.behovsgrupp ?? 'ej_angivet',
    forsorjningshinder: 'arbetsloshet',
    langvarigt: p.manaderAv12 === null ? 'okant' : p.manaderAv12 >= 10 ? 'ja' : 'nej',
    mycketLangvarigt: 'ja',
    kon: p.kon,
    aldersgrupp: p.aldersgrupp ?? 'ej_angivet',
  };
}

export const arendeFields = (p: Profile) => ({
  ...p,
  forsorjningshinder: 'arbetsloshet',
  manaderAv36: 30,
});
