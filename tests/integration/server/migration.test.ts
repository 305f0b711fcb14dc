/**
 * The trust-boundary migration on a database holding data, as the code before it stored it (on
 * PGlite and, in server-postgres, on PostgreSQL): the data stays, the answers kept for resends
 * lose their record content, the new rules hold from then on, and the server works on the result.
 * A database holding a row that breaks tenancy is refused whole and left as it was.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ENTITIES, ENTITY_NAMES } from '../../../src/domain/entities';
import { INSTRUMENT_VERSION } from '../../../src/domain/instrument/version';
import { buildApp } from '../../../src/server/app';
import { hashPassword } from '../../../src/server/auth/password';
import { loadMigrations, migrate } from '../../../src/server/store/migrate';
import type { Sql } from '../../../src/server/store/sql';
import { openTestDatabase, type TestDatabase } from '../../helpers/test-database';
import { device, json, newArende } from './support';

const all = loadMigrations();
const at = all.findIndex((m) => m.version.endsWith('_trust_boundary'));
const before = all.slice(0, at);
const through = all.slice(0, at + 1);

const NOTE = 'Anteckning som handläggaren sedan tog bort.';
const PASSWORD = 'migrering-testlosenord-7';

let db: TestDatabase | undefined;
afterEach(async () => {
  await db?.close();
  db = undefined;
});

/** Data as the code before the migration wrote it: two förbund, accounts, records, answers, responses. */
async function oldData(sql: Sql) {
  const ids = {
    forbundA: randomUUID(),
    forbundB: randomUUID(),
    nor: randomUUID(),
    ske: randomUUID(),
    norB: randomUUID(),
    user: randomUUID(),
    device: randomUUID(),
    arende: randomUUID(),
    mote: randomUUID(),
    round: randomUUID(),
  };
  const now = '2026-03-02T09:00:00.000Z';
  const q = (text: string, params: unknown[]) => sql.query(text, params);
  for (const [id, namn] of [
    [ids.forbundA, 'Testförbund'],
    [ids.forbundB, 'Annat testförbund'],
  ])
    await q("insert into forbund (id, namn, behovsgrupper) values ($1, $2, '[]')", [id, namn]);
  for (const [id, f, kod] of [
    [ids.nor, ids.forbundA, 'NOR'],
    [ids.ske, ids.forbundA, 'SKE'],
    [ids.norB, ids.forbundB, 'NOR'],
  ])
    await q("insert into enhet (id, forbund_id, namn, kod) values ($1, $2, 'Påhittad enhet', $3)", [
      id,
      f,
      kod,
    ]);
  await q(
    `insert into app_user (id, forbund_id, username, display_name, role, password_hash, created_at)
     values ($1, $2, 'handlaggare-m', 'Handläggare M', 'handlaggare', $3, $4)`,
    [ids.user, ids.forbundA, await hashPassword(PASSWORD, { log2N: 12, r: 8, p: 1 }), now],
  );
  await q('insert into user_enhet (user_id, enhet_id) values ($1, $2)', [ids.user, ids.nor]);
  await q('insert into device (id, user_id, last_seq, created_at, last_seen_at) values ($1, $2, 3, $3, $3)', [
    ids.device,
    ids.user,
    now,
  ]);
  const arende = {
    ...newArende(ids.nor, ids.user),
    anteckningar: NOTE,
    id: ids.arende,
    forbundId: ids.forbundA,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  await q(
    `insert into record (entity, id, forbund_id, enhet_id, data, version, field_versions, change_seq, created_at, updated_at)
     values ('arende', $1, $2, $3, $4, 1, '{}', nextval('change_seq'), $5, $5)`,
    [ids.arende, ids.forbundA, ids.nor, JSON.stringify(arende), now],
  );
  // The old answers: a whole record (its notes included), a conflict with both values, a refusal
  // naming the pseudonym code.
  const stored = [
    { status: 'applied', id: randomUUID(), seq: 1, recordId: ids.arende, record: arende, conflicts: [] },
    {
      status: 'applied',
      id: randomUUID(),
      seq: 2,
      recordId: ids.arende,
      record: arende,
      conflicts: [{ field: 'anteckningar', local: 'Den förlorande texten.', server: NOTE }],
    },
    {
      status: 'rejected',
      id: randomUUID(),
      seq: 3,
      recordId: randomUUID(),
      error: {
        code: 'kod_upptagen',
        message: `Koden ${arende.code} används redan i förbundet. Ge ärendet en ny kod.`,
        fields: { code: `Koden ${arende.code} används redan i förbundet. Ge ärendet en ny kod.` },
      },
    },
  ];
  for (const r of stored)
    await q(
      'insert into applied_mutation (device_id, seq, mutation_id, result, applied_at) values ($1, $2, $3, $4, $5)',
      [ids.device, r.seq, r.id, JSON.stringify(r), now],
    );
  await q(
    `insert into survey_round (id, forbund_id, period, enhet_ids, form_ids, created_by, created_at)
     values ($1, $2, '2026H1', $3::uuid[], array['F-ST-HALVÅR'], $4, $5)`,
    [ids.round, ids.forbundA, [ids.nor], ids.user, now],
  );
  const response = `insert into survey_response (id, forbund_id, enhet_id, arende_id, round_id, form_id, respondent_group,
                                                 instrument_version, answers, answered_with, submitted_at)
                    values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`;
  await q(response, [
    randomUUID(),
    ids.forbundA,
    ids.nor,
    ids.arende,
    null,
    'F-D-UNDER',
    'deltagare',
    INSTRUMENT_VERSION,
    '{"M01": 4, "M02": 5}',
    'sjalv',
    now,
  ]);
  await q(response, [
    randomUUID(),
    ids.forbundA,
    ids.nor,
    null,
    ids.round,
    'F-ST-HALVÅR',
    'styrelse',
    INSTRUMENT_VERSION,
    '{"M01": 3}',
    null,
    now,
  ]);
  await q(
    "insert into audit_event (at, forbund_id, user_id, device_id, action, entity, record_id, fields) values ($1, $2, $3, $4, 'create', 'arende', $5, '[\"code\"]')",
    [now, ids.forbundA, ids.user, ids.device, ids.arende],
  );
  return { ids, arende };
}

const count = async (sql: Sql, table: string) =>
  Number((await sql.query<{ n: string }>(`select count(*)::text as n from ${table}`)).rows[0]?.n);

async function refusedBy(sql: Sql, text: string, params: unknown[] = []): Promise<string> {
  try {
    await sql.transaction((tx) => tx.query(text, params));
  } catch (err) {
    return String((err as { code?: string }).code);
  }
  return 'accepted';
}

describe('the trust-boundary migration on a database holding data', () => {
  beforeEach(async () => {
    db = await openTestDatabase({ migrations: before });
  }, 60_000);

  it('keeps the data, strips record content from the stored answers, and enforces the new rules', async () => {
    const { sql } = db as TestDatabase;
    const { ids, arende } = await oldData(sql);
    const counts = async () =>
      Promise.all(
        [
          'forbund',
          'enhet',
          'app_user',
          'user_enhet',
          'device',
          'record',
          'survey_response',
          'audit_event',
        ].map((t) => count(sql, t)),
      );
    const beforeCounts = await counts();

    expect(await migrate(sql, through)).toEqual([all[at]?.version]);

    expect(await counts()).toEqual(beforeCounts);
    const { rows: records } = await sql.query<{ data: unknown }>('select data from record');
    expect(records.map((r) => r.data)).toEqual([arende]);
    const { rows: kept } = await sql.query(
      'select seq::int as seq, status, version, conflicts, error from applied_mutation order by seq',
    );
    const text = JSON.stringify(kept);
    for (const content of [NOTE, 'Den förlorande texten', arende.code, arende.enhetId])
      expect(text).not.toContain(content);
    expect(kept).toMatchObject([
      { seq: 1, status: 'applied', version: 1, conflicts: [], error: null },
      { seq: 2, status: 'applied', version: 1, conflicts: ['anteckningar'], error: null },
      { seq: 3, status: 'rejected', version: null, conflicts: null, error: { code: 'kod_upptagen' } },
    ]);
    const { rows: links } = await sql.query('select forbund_id from user_enhet');
    expect(links).toEqual([{ forbund_id: ids.forbundA }]);

    // From now on the database itself refuses what the code must never do.
    const foreignEnhet = `update record set enhet_id = '${ids.norB}' where id = '${ids.arende}'`;
    expect(await refusedBy(sql, foreignEnhet)).toBe('23503');
    expect(
      await refusedBy(sql, 'insert into user_enhet (user_id, enhet_id) values ($1, $2)', [
        ids.user,
        ids.norB,
      ]),
    ).toBe('23503');
    expect(
      await refusedBy(
        sql,
        `insert into record (entity, id, forbund_id, enhet_id, data, version, field_versions, change_seq, created_at, updated_at)
         select 'mote', id, forbund_id, enhet_id, data, version, field_versions, change_seq, created_at, updated_at
           from record where id = $1`,
        [ids.arende],
      ),
    ).toBe('23505');
    expect(await refusedBy(sql, "update record set entity = 'okand' where id = $1", [ids.arende])).toBe(
      '23514',
    );
    expect(await refusedBy(sql, "update record set data = data - 'id' where id = $1", [ids.arende])).toBe(
      '23514',
    );
    expect(await refusedBy(sql, 'delete from survey_response')).toBe('P0001');
    expect(await refusedBy(sql, 'update survey_response set answers = \'{"M01": 1}\'')).toBe('P0001');
    expect(await refusedBy(sql, 'truncate survey_response cascade')).toBe('P0001');
    expect(
      await refusedBy(sql, 'update survey_round set enhet_ids = array[$1::uuid] where id = $2', [
        ids.norB,
        ids.round,
      ]),
    ).toBe('23503');
    expect(await count(sql, 'survey_response')).toBe(2);

    // The server runs on the migrated database: the stored answers replay, and edits apply.
    await migrate(sql);
    // After every migration an enhet that does not exist, or is of another förbund, is still
    // refused (015 left both checks to the composite key).
    const noEnhet = `update record set enhet_id = '00000000-0000-4000-8000-00000000dead' where id = '${ids.arende}'`;
    expect(await refusedBy(sql, noEnhet)).toBe('23503');
    expect(await refusedBy(sql, foreignEnhet)).toBe('23503');
    const app = buildApp({ sql });
    const res = await app.request('/api/sessions', json({ username: 'handlaggare-m', password: PASSWORD }));
    expect(res.status).toBe(201);
    const { token } = (await res.json()) as { token: string };
    const dev = device({ fetch: async (input, init) => app.request(String(input), init) }, token);
    const edit = await dev.push([dev.mutation(ids.arende, { kon: 'kvinna' }, 1)]);
    expect(edit.results[0]).toMatchObject({ status: 'applied', version: 2, conflicts: [] });
    expect((await dev.pull()).changes[0]?.record).toMatchObject({
      id: ids.arende,
      kon: 'kvinna',
      anteckningar: NOTE,
    });
  });

  it('refuses a database where a record lies in another förbund’s enhet, and leaves it as it was', async () => {
    const { sql } = db as TestDatabase;
    const { ids } = await oldData(sql);
    // What the upper-case id bypass could leave behind: förbund A's record in förbund B's enhet.
    await sql.query('update record set enhet_id = $1 where id = $2', [ids.norB, ids.arende]);
    await expect(migrate(sql, through)).rejects.toMatchObject({ code: '23503' });
    const { rows } = await sql.query<{ version: string }>('select version from schema_migrations');
    expect(rows.map((r) => r.version)).toEqual(before.map((m) => m.version));
    expect((await sql.query('select result from applied_mutation')).rows).toHaveLength(3);
  });
});

describe('the record table', () => {
  beforeEach(async () => {
    db = await openTestDatabase();
  }, 60_000);

  it('lists every record kind of the domain in its check (a new kind needs a migration)', async () => {
    const { rows } = await (db as TestDatabase).sql.query<{ def: string }>(
      "select pg_get_constraintdef(oid) as def from pg_constraint where conname = 'record_entity_check'",
    );
    const kinds = ENTITY_NAMES.filter((e) => !ENTITIES[e].appendOnly);
    for (const kind of kinds) expect(rows[0]?.def).toContain(`'${kind}'`);
  });
});

describe('the stored answers, one row per push from migration 018 on', () => {
  const at018 = all.findIndex((m) => m.version.endsWith('_applied_batch'));

  beforeEach(async () => {
    db = await openTestDatabase({ migrations: all.slice(0, at018) });
  }, 60_000);

  it('keeps every answer a device was given, and a resend after the migration gets the same answers', async () => {
    const { sql } = db as TestDatabase;
    const ids = { forbund: randomUUID(), nor: randomUUID(), user: randomUUID(), device: randomUUID() };
    const now = '2026-11-02T09:00:00.000Z';
    await sql.query("insert into forbund (id, namn, behovsgrupper) values ($1, 'Testförbund', '[]')", [
      ids.forbund,
    ]);
    await sql.query(
      "insert into enhet (id, forbund_id, namn, kod) values ($1, $2, 'Påhittad enhet', 'NOR')",
      [ids.nor, ids.forbund],
    );
    await sql.query(
      `insert into app_user (id, forbund_id, username, display_name, role, password_hash, created_at)
       values ($1, $2, 'handlaggare-m', 'Handläggare M', 'handlaggare', $3, $4)`,
      [ids.user, ids.forbund, await hashPassword(PASSWORD, { log2N: 12, r: 8, p: 1 }), now],
    );
    await sql.query('insert into user_enhet (user_id, enhet_id) values ($1, $2)', [ids.user, ids.nor]);
    await sql.query(
      'insert into device (id, user_id, last_seq, created_at, last_seen_at) values ($1, $2, 4, $3, $3)',
      [ids.device, ids.user, now],
    );
    // The answers as the server wrote them until now, one row per mutation: applied, applied with
    // a conflict, refused with a field's message, applied without a version (a removal).
    const message = 'Fältet Anteckningar innehåller något som ser ut som ett personnummer (tecken 1–13).';
    const sent = [1, 2, 3, 4].map((seq) => ({ seq, id: randomUUID(), recordId: randomUUID() }));
    const outcomes = [
      { status: 'applied', version: 1, conflicts: [], error: null },
      { status: 'applied', version: 2, conflicts: ['anteckningar'], error: null },
      {
        status: 'rejected',
        version: null,
        conflicts: null,
        error: { code: 'ogiltiga_uppgifter', message, fields: { anteckningar: message } },
      },
      { status: 'applied', version: null, conflicts: [], error: null },
    ];
    for (const [i, m] of sent.entries()) {
      const o = outcomes[i];
      await sql.query(
        `insert into applied_mutation (device_id, seq, mutation_id, status, version, conflicts, error, applied_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          ids.device,
          m.seq,
          m.id,
          o?.status,
          o?.version,
          o?.conflicts ? JSON.stringify(o.conflicts) : null,
          o?.error ? JSON.stringify(o.error) : null,
          now,
        ],
      );
    }
    const read = async () =>
      (
        await sql.query(
          `select device_id, seq::int as seq, mutation_id, status, version, conflicts, error, applied_at
             from applied_mutation order by seq`,
        )
      ).rows;
    const before = await read();

    expect(await migrate(sql, all.slice(0, at018 + 1))).toEqual([all[at018]?.version]);
    expect(await read()).toEqual(before);
    expect(
      (await sql.query('select first_seq::int as f, last_seq::int as l from applied_batch order by 1')).rows,
    ).toEqual([1, 2, 3, 4].map((s) => ({ f: s, l: s })));

    // The server on the migrated database: the batch sent again is answered from what was kept.
    await migrate(sql);
    const app = buildApp({ sql });
    const res = await app.request('/api/sessions', json({ username: 'handlaggare-m', password: PASSWORD }));
    expect(res.status).toBe(201);
    const { token } = (await res.json()) as { token: string };
    const dev = device({ fetch: async (input, init) => app.request(String(input), init) }, token, ids.device);
    const again = await dev.push(
      sent.map((m) => ({ ...m, entity: 'arende', baseVersion: null, changes: {}, at: now })),
    );
    expect(again).toEqual({
      lastSeq: 4,
      results: [
        {
          status: 'applied',
          id: sent[0]?.id,
          seq: 1,
          recordId: sent[0]?.recordId,
          version: 1,
          conflicts: [],
        },
        {
          status: 'applied',
          id: sent[1]?.id,
          seq: 2,
          recordId: sent[1]?.recordId,
          version: 2,
          conflicts: [{ field: 'anteckningar' }],
        },
        {
          status: 'rejected',
          id: sent[2]?.id,
          seq: 3,
          recordId: sent[2]?.recordId,
          error: { code: 'ogiltiga_uppgifter', message, fields: { anteckningar: message } },
        },
        {
          status: 'applied',
          id: sent[3]?.id,
          seq: 4,
          recordId: sent[3]?.recordId,
          version: null,
          conflicts: [],
        },
      ],
    });
  });
});
