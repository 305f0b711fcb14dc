/**
 * The half-year respondent role: sees only the open rounds that ask their group (and only their
 * group's form), answers that form once per round, anonymously, and gets no records.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionUser } from '../../../src/domain/account';
import { INSTRUMENT_VERSION } from '../../../src/domain/instrument';
import { HalvarRoundsResponse } from '../../../src/domain/instrument/round';
import type { Mutation, MutationResult } from '../../../src/domain/sync-protocol';
import { createTestServer, type TestAccount, type TestServer } from '../../helpers/server';
import { bearer, device, json, newArende } from './support';

let server: TestServer;
let styrelse: TestAccount;
let styrelse2: TestAccount;
let handlaggare: TestAccount;
const enhet = (kod: string) => server.enheter.find((e) => e.kod === kod)?.id ?? '';

beforeAll(async () => {
  server = await createTestServer();
  styrelse = await server.createHandlaggare({ enheter: [], role: 'respondent', respondentGroup: 'styrelse' });
  styrelse2 = await server.createHandlaggare({
    enheter: [],
    role: 'respondent',
    respondentGroup: 'styrelse',
  });
  handlaggare = await server.createHandlaggare({ enheter: ['NOR'] });
  const koordinator = await server.createHandlaggare({ enheter: ['NOR'], role: 'koordinator' });
  const { token } = await server.login(koordinator.username, koordinator.password);
  for (const [period, formIds] of [
    ['2026H1', ['F-ST-HALVÅR', 'F-IP-HALVÅR']],
    ['2026H2', ['F-CG-HALVÅR']],
  ] as const) {
    const res = await server.fetch('/api/rounds', json({ period, enhetIds: [enhet('NOR')], formIds }, token));
    expect(res.status).toBe(201);
  }
}, 60_000);
afterAll(() => server.close());

async function signIn(a: TestAccount) {
  const { token } = await server.login(a.username, a.password);
  const dev = device(server, token);
  const response = (changes: Record<string, unknown>): Mutation => ({
    ...dev.mutation(randomUUID(), changes, null),
    entity: 'response',
  });
  return { ...dev, response };
}

const halvar = (over: Record<string, unknown> = {}) => ({
  formId: 'F-ST-HALVÅR',
  instrumentVersion: INSTRUMENT_VERSION,
  round: '2026H1',
  enhetId: enhet('NOR'),
  group: 'styrelse',
  answers: { M21: 4 },
  submittedAt: '2026-05-12T13:47:00.000Z',
  ...over,
});
const outcome = (r: MutationResult | undefined) => (r?.status === 'rejected' ? r.error : r?.status);

describe('a half-year respondent', () => {
  it('signs in as a respondent of their group', async () => {
    const { token } = await server.login(styrelse.username, styrelse.password);
    const me = SessionUser.parse(await (await server.fetch('/api/me', bearer(token))).json());
    expect(me).toMatchObject({ role: 'respondent', respondentGroup: 'styrelse', enheter: [] });
  });

  it('sees only the open rounds that ask their group, with only their group’s form', async () => {
    const { token } = await server.login(styrelse.username, styrelse.password);
    const { rounds } = HalvarRoundsResponse.parse(
      await (await server.fetch('/api/rounds', bearer(token))).json(),
    );
    expect(rounds.map((r) => [r.period, r.formIds])).toEqual([['2026H1', ['F-ST-HALVÅR']]]);
  });

  it('answers their group’s form once per round, anonymously: no user, device or time of day is stored', async () => {
    const dev = await signIn(styrelse);
    const res = await dev.push([dev.response(halvar())]);
    expect(outcome(res.results[0])).toBe('applied');
    const { rows } = await server.sql.query<Record<string, unknown>>(
      `select r.* from survey_response r join survey_round o on o.id = r.round_id where o.period = '2026H1'`,
    );
    expect(rows).toHaveLength(1);
    const row = rows[0] ?? {};
    expect(row).toMatchObject({ respondent_group: 'styrelse', arende_id: null, enhet_id: enhet('NOR') });
    const text = JSON.stringify(row);
    for (const secret of [styrelse.user.id, dev.deviceId, res.results[0]?.recordId, '13:47'])
      expect(text).not.toContain(secret);
    // The participation row names user and round only: nothing to join it to the response by.
    const participation = await server.sql.query('select * from round_participation');
    expect(participation.rows).toEqual([{ round_id: row.round_id, user_id: styrelse.user.id }]);

    const again = await dev.push([dev.response(halvar({ answers: { M21: 1 } }))]);
    expect(outcome(again.results[0])).toEqual({
      code: 'redan_svarat',
      message: 'Du har redan svarat i enkätomgång 2026H1. Varje person svarar en gång per omgång.',
    });
    // Another device of the same person changes nothing about that.
    const otherDevice = await signIn(styrelse);
    expect(outcome((await otherDevice.push([otherDevice.response(halvar())])).results[0])).toMatchObject({
      code: 'redan_svarat',
    });
    // Another member of the same group answers.
    const colleague = await signIn(styrelse2);
    expect(outcome((await colleague.push([colleague.response(halvar())])).results[0])).toBe('applied');
    const count = await server.sql.query(
      `select 1 from survey_response r join survey_round o on o.id = r.round_id where o.period = '2026H1'`,
    );
    expect(count.rows).toHaveLength(2);
  });

  it('cannot answer another group’s form, a case-linked form, or touch ärenden; nothing is stored', async () => {
    const dev = await signIn(styrelse);
    const before = (await server.sql.query('select 1 from survey_response')).rows.length;
    const res = await dev.push([
      dev.response(halvar({ formId: 'F-IP-HALVÅR', group: 'insatspersonal' })),
      dev.response(halvar({ round: '2026H2', formId: 'F-CG-HALVÅR', group: 'parternas_chefsgrupp' })),
      { ...dev.mutation(randomUUID(), newArende(enhet('NOR'), styrelse.user.id), null), entity: 'arende' },
    ]);
    expect(res.results.map((r) => (r.status === 'rejected' ? r.error.code : r.status))).toEqual([
      'ej_behorig',
      'ej_behorig',
      'ej_behorig',
    ]);
    expect(outcome(res.results[0])).toMatchObject({
      message: 'Du kan bara svara på formuläret för din grupp (Styrelse).',
    });
    expect((await server.sql.query('select 1 from survey_response')).rows).toHaveLength(before);
    expect(
      (await server.sql.query('select 1 from record where id = $1', [res.results[2]?.recordId])).rows,
    ).toEqual([]);
  });

  it('pulls no records, not even the ärenden of the förbund', async () => {
    const h = await signIn(handlaggare);
    await h.push([h.mutation(randomUUID(), newArende(enhet('NOR'), handlaggare.user.id), null)]);
    const dev = await signIn(styrelse);
    expect((await dev.pull()).changes).toEqual([]);
  });

  it('lets a handläggare’s or koordinator’s tablet take many half-year answers (hand-over), without participation rows', async () => {
    const dev = await signIn(handlaggare);
    const res = await dev.push([
      dev.response(halvar({ formId: 'F-IP-HALVÅR', group: 'insatspersonal' })),
      dev.response(halvar({ formId: 'F-IP-HALVÅR', group: 'insatspersonal' })),
    ]);
    expect(res.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    const participation = await server.sql.query('select 1 from round_participation where user_id = $1', [
      handlaggare.user.id,
    ]);
    expect(participation.rows).toEqual([]);
  });
});
