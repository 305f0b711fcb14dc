/**
 * The cost of a push or a pull must not grow with the tables (issue 19). A förbund is given the
 * table sizes of a real one (20,000 ärenden with their stored answers and audit rows, 4,000
 * samtycken, 20,000 kärnindikator responses), the server's own statistics schedule is run once
 * (store/statistics.ts: it must find those tables due), and then every kind of write and read a
 * device makes goes through the real app while each SQL statement it runs is recorded. Each
 * recorded statement is then EXPLAINed with its own parameters – and a prepared one also with the
 * generic plan it runs with (QueryOptions.prepared) – and none may read record,
 * applied_batch or survey_response by a sequential scan. Runs on PGlite and on PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityName } from '../../../src/domain/entities';
import { INSTRUMENT_VERSION } from '../../../src/domain/instrument';
import { CODE_ALPHABET } from '../../../src/domain/pseudonym';
import type { Mutation } from '../../../src/domain/sync-protocol';
import { READ_LANE_SETTINGS } from '../../../src/server/store/sql';
import { refreshStatistics } from '../../../src/server/store/statistics';
import { bulkArenden, bulkResponses, bulkSamtycken } from '../../helpers/bulk';
import { completeSip, trepartssamtal } from '../../helpers/casework';
import { genericPlan, plan, seqScans } from '../../helpers/generic-plan';
import { konsultationsfall, konsultationsmote } from '../../helpers/konsultation';
import { recording, type Statement } from '../../helpers/recording-sql';
import { createTestServer, type TestAccount, type TestServer } from '../../helpers/server';
import { bearer, device, json, newArende } from './support';

const WATCHED = new Set(['record', 'applied_batch', 'survey_response']);
/** What a prepared statement is planned with besides its generic plan: on PGlite the read lane's settings. */
const settingsOf = (srv: TestServer) => (srv.sql.kind === 'pglite' ? READ_LANE_SETTINGS : {});
const SIZES = { arenden: 20_000, samtycken: 4_000, responses: 20_000 };

let server: TestServer;
const statements: Statement[] = [];
let handlaggare: TestAccount;
let koordinator: TestAccount;
let respondent: TestAccount;
const enhet = (kod: string) => server.enheter.find((e) => e.kod === kod)?.id ?? '';

/** Waits until the database's activity counters show the bulk load (flushed about once a second). */
async function countersShow(table: string, rows: number): Promise<void> {
  for (let i = 0; i < 150; i++) {
    const { rows: r } = await server.sql.query<{ n: number }>(
      'select coalesce(sum(n_mod_since_analyze), 0)::int as n from pg_stat_user_tables where relname = $1',
      [table],
    );
    if ((r[0]?.n ?? 0) >= rows) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`pg_stat_user_tables never showed ${rows} changes in ${table}`);
}

beforeAll(async () => {
  server = await createTestServer({ wrapSql: (sql) => recording(sql, statements) });
  handlaggare = await server.createHandlaggare({ enheter: ['NOR', 'SKE'] });
  const ske = await server.createHandlaggare({ enheter: ['SKE'] });
  koordinator = await server.createHandlaggare({ enheter: ['NOR', 'SKE'], role: 'koordinator' });
  respondent = await server.createHandlaggare({
    enheter: [],
    role: 'respondent',
    respondentGroup: 'styrelse',
  });
  // PostgreSQL's own autovacuum could analyse the bulk-loaded tables before the server's schedule
  // is run below, and that test would then find nothing due: in this throwaway database it is
  // kept off for them, so what is shown is the server's schedule alone.
  if (server.sql.kind === 'postgres')
    for (const table of WATCHED)
      await server.sql.query(`alter table ${table} set (autovacuum_enabled = off)`);
  const owners = [handlaggare, ske].map((a, i) => ({
    userId: a.user.id,
    enhetId: enhet(i === 0 ? 'NOR' : 'SKE'),
    deviceId: randomUUID(),
  }));
  await bulkArenden(server.sql, { forbundId: server.forbund.id, owners, from: 0, count: SIZES.arenden });
  await bulkSamtycken(server.sql, { forbundId: server.forbund.id, count: SIZES.samtycken });
  await bulkResponses(server.sql, { forbundId: server.forbund.id, count: SIZES.responses });
  await countersShow('record', SIZES.arenden);
  await countersShow('survey_response', SIZES.responses);
}, 240_000);
afterAll(() => server?.close());

async function signIn(a: TestAccount) {
  const dev = device(server, (await server.login(a.username, a.password)).token);
  const of = (entity: EntityName, id: string, changes: object, base: number | null): Mutation => ({
    ...dev.mutation(id, changes as Record<string, unknown>, base),
    entity,
  });
  return { ...dev, of };
}

/** Seeded ärenden of NOR: the first `n` by code, with whether they have a samtycke. */
async function seeded(n: number) {
  const { rows } = await server.sql.query<{ id: string; samtycke: boolean }>(
    `select a.id, exists (select 1 from record s where s.entity = 'samtycke' and s.data ->> 'arendeId' = a.id::text) as samtycke
       from record a where a.forbund_id = $1 and a.entity = 'arende' and a.enhet_id = $2
      order by a.data ->> 'code' limit $3`,
    [server.forbund.id, enhet('NOR'), n],
  );
  return rows;
}

/** The i-th of distinct pseudonym codes (random ones could collide within a batch of 50). */
const distinctCode = (i: number) =>
  `QP-AA${CODE_ALPHABET[Math.floor(i / CODE_ALPHABET.length)]}${CODE_ALPHABET[i % CODE_ALPHABET.length]}`;

/** Every kind of push and pull a device makes, through the app. */
async function syncAsDevicesDo(): Promise<void> {
  const dev = await signIn(handlaggare);
  expect((await server.fetch('/api/me', bearer(dev.token))).status).toBe(200);
  const page = await dev.pull('0', 500);
  await dev.pull(page.cursor, 1000);

  const [edited, moved, withSamtycke, answered] = await seeded(4);
  if (!edited || !moved || !withSamtycke?.samtycke || !answered) throw new Error('seed');
  const mote = randomUUID();
  const sip = randomUUID();
  // A morning's push: 50 new ärenden at once (their codes are checked in one query), then edits.
  const batch = [
    ...Array.from({ length: 50 }, (_, i) =>
      dev.of(
        'arende',
        randomUUID(),
        newArende(enhet(i % 2 ? 'SKE' : 'NOR'), handlaggare.user.id, { code: distinctCode(i) }),
        null,
      ),
    ),
    dev.of('arende', edited.id, { kon: 'man' }, 1),
    dev.of('arende', moved.id, { enhetId: enhet('SKE') }, 1),
    dev.of('mote', mote, { ...trepartssamtal(), arendeId: withSamtycke.id }, null),
    dev.of('sip', sip, { ...completeSip(), arendeId: withSamtycke.id }, null),
    dev.of('sip', sip, { status: 'upprattad' }, 1),
    dev.of(
      'response',
      randomUUID(),
      {
        formId: 'F-D-UNDER',
        instrumentVersion: INSTRUMENT_VERSION,
        arendeId: answered.id,
        answeredWith: 'sjalv',
        answers: { M01: 4 },
        submittedAt: '2026-09-14T10:15:00.000Z',
      },
      null,
    ),
  ];
  const first = await dev.push(batch);
  expect(first.results.map((r) => (r.status === 'rejected' ? r.error : r.status))).toEqual(
    batch.map(() => 'applied'),
  );
  expect(await dev.push(batch)).toEqual(first);
  await dev.pull(page.cursor, 1000);

  const koord = await signIn(koordinator);
  const moteId = randomUUID();
  const kf = await koord.push([
    koord.of('konsultationsmote', moteId, konsultationsmote(), null),
    koord.of(
      'konsultationsfall',
      randomUUID(),
      konsultationsfall(moteId, { aldersgrupp: '30-39', enhetId: enhet('NOR') }),
      null,
    ),
  ]);
  expect(kf.results.map((r) => r.status)).toEqual(['applied', 'applied']);
  await koord.pull('0', 500);
  const round = await server.fetch(
    '/api/rounds',
    json({ period: '2026H1', enhetIds: [enhet('NOR')], formIds: ['F-ST-HALVÅR'] }, koord.token),
  );
  expect(round.status).toBe(201);

  const resp = await signIn(respondent);
  const halvar = await resp.push([
    resp.of(
      'response',
      randomUUID(),
      {
        formId: 'F-ST-HALVÅR',
        instrumentVersion: INSTRUMENT_VERSION,
        round: '2026H1',
        enhetId: enhet('NOR'),
        group: 'styrelse',
        answers: { M21: 4 },
        submittedAt: '2026-05-12T13:47:00.000Z',
      },
      null,
    ),
  ]);
  expect(halvar.results[0]?.status).toBe('applied');
}

describe('query plans at the table sizes of a real förbund', () => {
  it('finds the bulk-loaded tables due for statistics on its schedule', async () => {
    const analysed = await refreshStatistics(server.sql);
    expect(analysed).toEqual(expect.arrayContaining(['record', 'applied_batch', 'survey_response']));
  });

  it('reads record, applied_batch and survey_response by index in every statement of push and pull', async () => {
    statements.length = 0;
    await syncAsDevicesDo();
    const recorded = [...statements];
    // The statements that used to scan whole tables are among those checked.
    expect(recorded.some((s) => /from record where id = any/.test(s.text))).toBe(true);
    expect(recorded.some((s) => /data ->> 'code' = any/.test(s.text))).toBe(true);
    expect(recorded.some((s) => /pg_current_snapshot/.test(s.text))).toBe(true);
    expect(recorded.some((s) => /from applied_batch/.test(s.text))).toBe(true); // the resend's answers
    const scans: string[] = [];
    const seen = new Set<string>();
    for (const s of recorded) {
      if (seen.has(s.text)) continue;
      seen.add(s.text);
      const custom = await plan(server.sql, s);
      // A prepared statement runs with its generic plan, whatever its values (on PGlite always
      // planned with the read lane's settings, store/sql.ts pglitePrepared).
      const plans = s.prepared ? [custom, await genericPlan(server.sql, s, settingsOf(server))] : [custom];
      for (const table of plans.flatMap(seqScans))
        if (WATCHED.has(table)) scans.push(`${table}: ${s.text.replace(/\s+/g, ' ').slice(0, 200)}`);
    }
    expect(scans).toEqual([]);
    expect(seen.size).toBeGreaterThan(20);
    // The pull page and the session check of every request are among the prepared ones.
    const prepared = recorded.filter((s) => s.prepared);
    expect(prepared.some((s) => /from session s/.test(s.text))).toBe(true);
    const page = prepared.find((s) => /pg_current_snapshot/.test(s.text) && /limit \$7/.test(s.text));
    if (!page) throw new Error('the pull page ran unprepared');
    // …and its generic plan reads each enhet's changes in pull order by index, as its custom one.
    expect(JSON.stringify(await genericPlan(server.sql, page, settingsOf(server)))).toContain(
      '"Index Name":"record_pull_enhet_idx"',
    );
  });
});
