/**
 * Pushes of one förbund run at once (there is no förbund-wide write lock): when they collide –
 * the same new pseudonym code, the same new record id, the same enkät response sent from two
 * devices – the database refuses one transaction and the server runs it again (store/retry.ts),
 * so every device gets the answer it would have had if the pushes had come one after another, and
 * never a 500. On PGlite
 * pushes run one at a time; on PostgreSQL (server-postgres) they collide for real.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INSTRUMENT_VERSION } from '../../../src/domain/instrument';
import type { Mutation, MutationResult } from '../../../src/domain/sync-protocol';
import { createTestServer, type TestAccount, type TestServer } from '../../helpers/server';
import { device, newArende } from './support';

const DEVICES = 8;

let server: TestServer;
let account: TestAccount;
const nor = () => server.enheter[0]?.id ?? '';

beforeAll(async () => {
  server = await createTestServer();
  account = await server.createHandlaggare({ enheter: ['NOR'] });
}, 60_000);
afterAll(() => server.close());

const signedIn = () =>
  Promise.all(
    Array.from({ length: DEVICES }, async () =>
      device(server, (await server.login(account.username, account.password)).token),
    ),
  );

const outcome = (r: MutationResult | undefined) => (r?.status === 'rejected' ? r.error.code : r?.status);

type Device = ReturnType<typeof device>;

/** Every device pushes its one mutation at the same moment: the answers, by status or refusal code. */
const pushAtOnce = (devices: Device[], mutationOf: (dev: Device) => Mutation) =>
  Promise.all(
    devices.map(async (dev) => {
      const res = await dev.pushRaw([mutationOf(dev)]);
      expect(res.status).toBe(200);
      return outcome(((await res.json()) as { results: MutationResult[] }).results[0]);
    }),
  );

/** One device's write was applied; every other one was refused with `code`. */
function expectOneApplied(answers: (string | undefined)[], code: string): void {
  expect(answers.filter((a) => a === 'applied')).toHaveLength(1);
  expect(answers.filter((a) => a === code)).toHaveLength(DEVICES - 1);
}

describe('pushes that collide', () => {
  it('gives one of eight devices creating an ärende with the same new code at once the code, the others kod_upptagen', async () => {
    for (const code of ['NOR-KQ2W', 'NOR-KQ3W', 'NOR-KQ4W']) {
      const answers = await pushAtOnce(await signedIn(), (dev) =>
        dev.mutation(randomUUID(), newArende(nor(), account.user.id, { code }), null),
      );
      expectOneApplied(answers, 'kod_upptagen');
      const { rows } = await server.sql.query<{ n: number }>(
        `select count(*)::int as n from record where entity = 'arende' and data ->> 'code' = $1`,
        [code],
      );
      expect(rows[0]?.n).toBe(1);
    }
  });

  it('creates an ärende that eight devices send with the same id at once exactly once, the others finns_redan', async () => {
    for (let round = 0; round < 3; round++) {
      const id = randomUUID();
      const answers = await pushAtOnce(await signedIn(), (dev) =>
        dev.mutation(id, newArende(nor(), account.user.id), null),
      );
      expectOneApplied(answers, 'finns_redan');
      const { rows } = await server.sql.query<{ n: number }>(
        'select count(*)::int as n from record where id = $1',
        [id],
      );
      expect(rows[0]?.n).toBe(1);
    }
  });

  it('stores an enkät response sent from several devices at once exactly once', async () => {
    const arendeId = randomUUID();
    const [first] = await signedIn();
    if (!first) throw new Error('no device');
    await first.push([first.mutation(arendeId, newArende(nor(), account.user.id), null)]);
    const responseId = randomUUID();
    const answers = await pushAtOnce(await signedIn(), (dev) => ({
      ...dev.mutation(
        responseId,
        {
          formId: 'F-D-UNDER',
          instrumentVersion: INSTRUMENT_VERSION,
          arendeId,
          answeredWith: 'sjalv',
          answers: { M01: 3 },
          submittedAt: '2026-09-14T10:15:00.000Z',
        },
        null,
      ),
      entity: 'response' as const,
    }));
    expectOneApplied(answers, 'svar_last');
    const { rows } = await server.sql.query<{ n: number }>(
      'select count(*)::int as n from survey_response where id = $1',
      [responseId],
    );
    expect(rows[0]?.n).toBe(1);
  });
});
