/**
 * Each stegförflyttning measurement keeps the instrument version it was asked in: the server stores
 * and returns what the device sent, never rewrites it, and refuses a version Fältsam does not know.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INSTRUMENT_VERSION } from '../../../src/domain/instrument/version';
import type { Mutation } from '../../../src/domain/sync-protocol';
import { createTestServer, type TestAccount, type TestServer } from '../../helpers/server';
import { device, newArende } from './support';

let server: TestServer;
let nor: TestAccount;

beforeAll(async () => {
  server = await createTestServer();
  nor = await server.createHandlaggare({ enheter: ['NOR'] });
}, 60_000);
afterAll(() => server.close());

describe('a stegmätning', () => {
  it('is stored and pulled with the version it was asked in; an unknown version or a change of it is refused', async () => {
    const dev = device(server, (await server.login(nor.username, nor.password)).token);
    const arendeId = randomUUID();
    const m = (id: string, changes: object, base: number | null = null): Mutation => ({
      ...dev.mutation(id, changes as Record<string, unknown>, base),
      entity: 'stegmatning',
    });
    const base = { item: 'M14', value: 3, date: '2026-03-10', moteId: null, arendeId };
    const [current, legacy, unknown, empty] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const enhetId = server.enheter.find((e) => e.kod === 'NOR')?.id ?? '';
    const res = await dev.push([
      { ...dev.mutation(arendeId, newArende(enhetId, nor.user.id), null) },
      m(current, { ...base, instrumentVersion: INSTRUMENT_VERSION }),
      m(legacy, { ...base, instrumentVersion: 'B' }),
      m(unknown, { ...base, instrumentVersion: 'nns-karnindikatorer-C' }),
      m(empty, { ...base, instrumentVersion: '' }),
      m(legacy, { instrumentVersion: INSTRUMENT_VERSION }, 1),
    ]);
    expect(
      res.results.map((r) => (r.status === 'applied' ? 'applied' : Object.keys(r.error.fields ?? {}))),
    ).toEqual([
      'applied',
      'applied',
      'applied',
      ['instrumentVersion'],
      ['instrumentVersion'],
      ['instrumentVersion'],
    ]);
    const pulled = await dev.pull('0', 1000);
    const version = (id: string) => pulled.changes.find((c) => c.record.id === id)?.record.instrumentVersion;
    expect([version(current), version(legacy), version(unknown)]).toEqual([
      INSTRUMENT_VERSION,
      'B',
      undefined,
    ]);
  });
});
