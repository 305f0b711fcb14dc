import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INSTRUMENT_VERSION } from '../../../src/domain/instrument';
import { HalvarRoundCreated, HalvarRoundsResponse } from '../../../src/domain/instrument/round';
import { ApiErrorResponse, type Mutation } from '../../../src/domain/sync-protocol';
import { createTestServer, type TestAccount, type TestServer } from '../../helpers/server';
import { bearer, device, json, newArende } from './support';

let server: TestServer;
let nor: TestAccount;
let ske: TestAccount;
let koordinator: TestAccount;
let arendeId: string;
const enhet = (kod: string) => server.enheter.find((e) => e.kod === kod)?.id ?? '';
const SUBMITTED = '2026-09-14T10:15:00.000Z';

beforeAll(async () => {
  server = await createTestServer();
  nor = await server.createHandlaggare({ enheter: ['NOR'] });
  ske = await server.createHandlaggare({ enheter: ['SKE'] });
  koordinator = await server.createHandlaggare({ enheter: ['NOR'], role: 'koordinator' });
  const dev = await signIn(nor);
  arendeId = randomUUID();
  const res = await dev.push([dev.mutation(arendeId, newArende(enhet('NOR'), nor.user.id), null)]);
  expect(res.results[0]?.status).toBe('applied');
}, 60_000);
afterAll(() => server.close());

async function signIn(a: TestAccount) {
  const { token } = await server.login(a.username, a.password);
  const dev = device(server, token);
  return {
    ...dev,
    /** The next mutation of this device, as a response create (or an edit when baseVersion is set). */
    response(id: string, changes: Record<string, unknown>, baseVersion: number | null = null): Mutation {
      return { ...dev.mutation(id, changes, baseVersion), entity: 'response' };
    },
  };
}

/** The fields of a deltagare response as the device sends them (everything but the id). */
function deltagare(over: Record<string, unknown> = {}) {
  return {
    formId: 'F-D-UNDER',
    instrumentVersion: INSTRUMENT_VERSION,
    arendeId,
    answeredWith: 'med_stod',
    // M05 skipped: absent, never a value.
    answers: { M01: 4, M03: 2, M08: 5, M10: 1, M14: 3, M18: 4 },
    submittedAt: SUBMITTED,
    ...over,
  };
}

async function rows(id: string) {
  return (
    await server.sql.query<Record<string, unknown>>('select * from survey_response where id = $1', [id])
  ).rows;
}

async function openRound(period: string, formIds: string[], enhetIds = [enhet('NOR'), enhet('SKE')]) {
  const { token } = await server.login(koordinator.username, koordinator.password);
  return server.fetch('/api/rounds', json({ period, enhetIds, formIds }, token));
}

describe('responses pushed by a device', () => {
  it('stores a deltagare response with version, form, answers without the skipped slot, support and ärende', async () => {
    const dev = await signIn(nor);
    const id = randomUUID();
    const res = await dev.push([dev.response(id, deltagare())]);
    const result = res.results[0];
    // No answers in the answer: ids only, and no version (a response is not a record the device keeps).
    expect(result).toEqual({
      status: 'applied',
      id: result?.id,
      seq: 1,
      recordId: id,
      version: null,
      conflicts: [],
    });
    const [row] = await rows(id);
    expect(row).toMatchObject({
      instrument_version: INSTRUMENT_VERSION,
      form_id: 'F-D-UNDER',
      respondent_group: 'deltagare',
      answers: { M01: 4, M03: 2, M08: 5, M10: 1, M14: 3, M18: 4 },
      answered_with: 'med_stod',
      arende_id: arendeId,
      round_id: null,
      enhet_id: enhet('NOR'),
    });
    expect(row?.answers).not.toHaveProperty('M05');
    expect(new Date(row?.submitted_at as string).toISOString()).toBe(SUBMITTED);
    // Neither the answer nor the push log keeps a copy of the answers.
    const log = await server.sql.query('select * from applied_mutation where device_id = $1', [dev.deviceId]);
    expect(log.rows).toHaveLength(1);
    expect(JSON.stringify(log.rows)).not.toContain('M01');
  });

  it('refuses a value outside 1–5 with a Swedish message and stores nothing', async () => {
    const dev = await signIn(nor);
    const id = randomUUID();
    const res = await dev.push([dev.response(id, deltagare({ answers: { M01: 6 } }))]);
    expect(res.results[0]).toMatchObject({
      status: 'rejected',
      error: { code: 'ogiltiga_uppgifter', message: 'Svaret måste vara ett heltal från 1 till 5.' },
    });
    expect(await rows(id)).toHaveLength(0);
  });

  it('refuses a slot that is not in the form, and one that does not exist', async () => {
    const dev = await signIn(nor);
    const notInForm = randomUUID();
    const unknown = randomUUID();
    const res = await dev.push([
      dev.response(notInForm, deltagare({ answers: { M02: 3 } })),
      dev.response(unknown, deltagare({ answers: { M99: 3 } })),
    ]);
    expect(res.results[0]).toMatchObject({
      status: 'rejected',
      error: { message: 'Påståendet M02 ingår inte i det här formuläret.' },
    });
    expect(res.results[1]?.status).toBe('rejected');
    expect(await rows(notInForm)).toHaveLength(0);
    expect(await rows(unknown)).toHaveLength(0);
  });

  it('refuses any change to a submitted response and keeps the stored answers', async () => {
    const dev = await signIn(nor);
    const id = randomUUID();
    await dev.push([dev.response(id, deltagare())]);
    const edit = await dev.push([dev.response(id, { answers: { M01: 1 } }, 1)]);
    expect(edit.results[0]).toMatchObject({
      status: 'rejected',
      error: { code: 'svar_last', message: 'Ett inskickat svar kan inte ändras.' },
    });
    const other = await signIn(nor);
    const again = await other.push([other.response(id, deltagare({ answers: { M01: 1 } }))]);
    expect(again.results[0]).toMatchObject({
      status: 'rejected',
      error: { message: 'Ett inskickat svar kan inte ändras.' },
    });
    const [row] = await rows(id);
    expect(row?.answers).toMatchObject({ M01: 4 });
    // The database refuses a change too, whoever asks.
    await expect(
      server.sql.query(`update survey_response set answers = '{}' where id = $1`, [id]),
    ).rejects.toThrow();
  });

  it('refuses a response for an ärende outside the user’s enheter', async () => {
    const dev = await signIn(ske);
    const id = randomUUID();
    const res = await dev.push([dev.response(id, deltagare())]);
    expect(res.results[0]).toMatchObject({ status: 'rejected', error: { code: 'ej_behorig' } });
    expect(await rows(id)).toHaveLength(0);
  });

  it('stores a response pushed twice after a lost reply exactly once, answering the same both times', async () => {
    const dev = await signIn(nor);
    const id = randomUUID();
    const batch = [dev.response(id, deltagare())];
    const first = await dev.push(batch);
    const second = await dev.push(batch);
    expect(second).toEqual(first);
    expect(await rows(id)).toHaveLength(1);
  });

  it('never returns a response in a pull', async () => {
    const dev = await signIn(nor);
    const id = randomUUID();
    await dev.push([dev.response(id, deltagare())]);
    const page = await dev.pull('0', 1000);
    expect(page.changes.length).toBeGreaterThan(0);
    expect(page.changes.every((c) => c.entity === 'arende')).toBe(true);
    expect(JSON.stringify(page)).not.toContain('answers');
  });
});

describe('half-year rounds', () => {
  it('lets only a koordinator open a round, with Swedish messages for bad input', async () => {
    const { token } = await server.login(nor.username, nor.password);
    const body = { period: '2026H1', enhetIds: [enhet('NOR')], formIds: ['F-ST-HALVÅR'] };
    const refused = await server.fetch('/api/rounds', json(body, token));
    expect(refused.status).toBe(403);
    expect(ApiErrorResponse.parse(await refused.json()).error.message).toMatch(/koordinator/);

    const badPeriod = await openRound('2026H3', ['F-ST-HALVÅR']);
    expect(badPeriod.status).toBe(400);
    expect(ApiErrorResponse.parse(await badPeriod.json()).error.message).toMatch(/ÅÅÅÅH1/);
    const staffForm = await openRound('2026H1', ['F-P-UNDER']);
    expect(staffForm.status).toBe(400);
    const foreign = await server.addForbund('Annat förbund');
    const foreignEnhet = await openRound('2026H1', ['F-ST-HALVÅR'], [foreign.enheter[0]?.id ?? '']);
    expect(foreignEnhet.status).toBe(400);
    expect((await server.sql.query('select 1 from survey_round')).rows).toHaveLength(0);
  });

  it('lists open rounds to the förbund’s users only, and refuses a second round for the same period', async () => {
    const created = await openRound('2025H2', ['F-ST-HALVÅR', 'F-CG-HALVÅR']);
    expect(created.status).toBe(201);
    const { round } = HalvarRoundCreated.parse(await created.json());
    expect(round).toMatchObject({ period: '2025H2', formIds: ['F-ST-HALVÅR', 'F-CG-HALVÅR'] });
    expect(round.enheter.map((e) => e.kod)).toEqual(['NOR', 'SKE']);
    expect((await openRound('2025H2', ['F-ST-HALVÅR'])).status).toBe(409);

    const { token } = await server.login(nor.username, nor.password);
    const listed = HalvarRoundsResponse.parse(
      await (await server.fetch('/api/rounds', bearer(token))).json(),
    );
    expect(listed.rounds.map((r) => r.id)).toContain(round.id);
    const foreign = await (await server.addForbund('Tredje förbundet')).createHandlaggare();
    const other = await server.login(foreign.username, foreign.password);
    const theirs = HalvarRoundsResponse.parse(
      await (await server.fetch('/api/rounds', bearer(other.token))).json(),
    );
    expect(theirs.rounds).toEqual([]);
  });

  it('stores a half-year response anonymous: round, enhet and group, no ärende, user or device', async () => {
    const created = await openRound('2026H2', ['F-ST-HALVÅR']);
    const { round } = HalvarRoundCreated.parse(await created.json());
    const dev = await signIn(koordinator);
    const clientId = randomUUID();
    const res = await dev.push([
      dev.response(clientId, {
        formId: 'F-ST-HALVÅR',
        instrumentVersion: INSTRUMENT_VERSION,
        round: '2026H2',
        enhetId: enhet('SKE'),
        group: 'styrelse',
        answers: { M21: 5, M25: 2 },
        submittedAt: SUBMITTED,
      }),
    ]);
    expect(res.results[0]?.status).toBe('applied');
    const stored = await server.sql.query<Record<string, unknown>>(
      'select * from survey_response where round_id = $1',
      [round.id],
    );
    expect(stored.rows).toHaveLength(1);
    const row = stored.rows[0] ?? {};
    expect(row).toMatchObject({
      arende_id: null,
      enhet_id: enhet('SKE'),
      respondent_group: 'styrelse',
      form_id: 'F-ST-HALVÅR',
      answers: { M21: 5, M25: 2 },
      answered_with: null,
    });
    // The device's id for it (tied to the device in the push log) is not the stored row's.
    expect(row.id).not.toBe(clientId);
    expect(new Date(row.submitted_at as string).toISOString()).toBe('2026-09-14T00:00:00.000Z');
    const columns = await server.sql.query<{ column_name: string }>(
      `select column_name from information_schema.columns where table_name = 'survey_response'`,
    );
    const names = columns.rows.map((c) => c.column_name);
    expect(names.some((n) => /user|device|handlaggare/.test(n))).toBe(false);
    const audit = await server.sql.query(
      `select 1 from audit_event where entity = 'response' and (record_id = $1 or record_id = $2)`,
      [row.id, clientId],
    );
    expect(audit.rows).toHaveLength(0);
  });

  it('refuses a half-year response outside the round: unknown round, form or enhet not in it, or with an ärende', async () => {
    await openRound('2027H1', ['F-CG-HALVÅR'], [enhet('NOR')]);
    const dev = await signIn(koordinator);
    const base = {
      formId: 'F-CG-HALVÅR',
      instrumentVersion: INSTRUMENT_VERSION,
      round: '2027H1',
      enhetId: enhet('NOR'),
      group: 'parternas_chefsgrupp',
      answers: { M21: 3 },
      submittedAt: SUBMITTED,
    };
    const res = await dev.push([
      dev.response(randomUUID(), { ...base, round: '2030H1' }),
      dev.response(randomUUID(), { ...base, formId: 'F-ST-HALVÅR', group: 'styrelse' }),
      dev.response(randomUUID(), { ...base, enhetId: enhet('SKE') }),
      dev.response(randomUUID(), { ...base, arendeId }),
    ]);
    expect(res.results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
    expect(res.results.map((r) => (r.status === 'rejected' ? r.error.message : ''))).toEqual([
      'Enkätomgången finns inte i förbundet.',
      'Formuläret ingår inte i enkätomgången.',
      'Enheten ingår inte i enkätomgången.',
      expect.any(String),
    ]);
    const { rows: stored } = await server.sql.query(
      `select 1 from survey_response r join survey_round o on o.id = r.round_id where o.period = '2027H1'`,
    );
    expect(stored).toHaveLength(0);
  });
});
