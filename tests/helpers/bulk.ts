/**
 * Bulk data written straight into the server's database, for tests and benches that need the
 * table sizes of a real förbund (tens of thousands of ärenden) without pushing them one by one:
 * ärenden with what the server keeps beside each (its stored answer, as a device's push leaves it,
 * and an audit row), samtycken of some of them, and kärnindikator responses.
 * Synthetic only: no names, no personnummer. Codes start with ÖÖÖ, which no enhet in the tests
 * and benches has, so they never collide with a code a device draws.
 * Nothing here runs ANALYZE: keeping statistics is the server's job (store/statistics.ts).
 */
import { CODE_ALPHABET } from '../../src/domain/pseudonym';
import type { Sql } from '../../src/server/store/sql';
import { sampleFields } from './device';

export const SEED_CODE_PREFIX = 'ÖÖÖ';

/** Who owns the g-th ärende: owners[g mod owners.length] (a handläggare, their enhet, a device). */
export interface Owner {
  userId: string;
  enhetId: string;
  deviceId: string;
}

/** Ensures a device row for each owner's device id (the device that "pushed" their ärenden). */
export async function ensureDevices(sql: Sql, owners: readonly Owner[]): Promise<void> {
  await sql.query(
    `insert into device (id, user_id, created_at, last_seen_at)
     select d, u, '2026-01-05T08:00:00Z', '2026-01-05T08:00:00Z' from unnest($1::uuid[], $2::uuid[]) as o(d, u)
     on conflict (id) do nothing`,
    [owners.map((o) => o.deviceId), owners.map((o) => o.userId)],
  );
}

/** How the database keeps answers: one row each (before migration 007, after it) or one per push (018). */
type AnswerShape = 'result' | 'outcome' | 'batch';

async function answerShape(sql: Sql): Promise<AnswerShape> {
  const { rows } = await sql.query<{ batch: boolean; result: boolean }>(
    `select to_regclass('applied_batch') is not null as batch,
            exists (select 1 from information_schema.columns
                     where table_name = 'applied_mutation' and column_name = 'result') as result`,
  );
  return rows[0]?.batch ? 'batch' : rows[0]?.result ? 'result' : 'outcome';
}

const FIELDS = [...Object.keys(sampleFields()), 'code'];
const TEMPLATES = (['kvinna', 'man', 'annat', 'ej_angivet', 'kvinna'] as const).map((kon, i) => {
  const { enhetId: _e, handlaggareId: _h, ...rest } = sampleFields({ kon, manaderAv12: 10 + (i % 3) });
  return JSON.stringify(rest);
});

/**
 * Ärenden number `from` … `from + count - 1` of the förbund (numbers are their codes, so each
 * number is used once per database), in chunks of 5,000, with their stored answers (seq = number +
 * 1 on the owner's device; one answer a row, as a push of one would leave it) and audit rows.
 */
export async function bulkArenden(
  sql: Sql,
  q: { forbundId: string; owners: readonly Owner[]; from: number; count: number },
): Promise<void> {
  await ensureDevices(sql, q.owners);
  const shape = await answerShape(sql);
  for (let start = q.from; start < q.from + q.count; start += 5_000) {
    const end = Math.min(q.from + q.count, start + 5_000) - 1;
    await sql.query(arendeSql(shape), [
      start,
      end,
      q.forbundId,
      q.owners.map((o) => o.enhetId),
      q.owners.map((o) => o.userId),
      q.owners.map((o) => o.deviceId),
      TEMPLATES,
      JSON.stringify(Object.fromEntries(FIELDS.map((f) => [f, 1]))),
      CODE_ALPHABET,
      SEED_CODE_PREFIX,
    ]);
  }
  await sql.query(
    `update device d set last_seq = greatest(d.last_seq, (select coalesce(max(seq), 0) from ${
      shape === 'batch' ? '(select last_seq as seq, device_id from applied_batch) a' : 'applied_mutation'
    } where device_id = d.id))
      where d.id = any($1::uuid[])`,
    [q.owners.map((o) => o.deviceId)],
  );
}

function arendeSql(shape: AnswerShape): string {
  const digit = (div: number) => `substr($9, 1 + (g / ${div}) % 31, 1)`;
  const applied =
    shape === 'result'
      ? `insert into applied_mutation (device_id, seq, mutation_id, result, applied_at)
         select device_id, g + 1, gen_random_uuid(),
                jsonb_build_object('status', 'applied', 'id', gen_random_uuid(), 'seq', g + 1, 'recordId', id,
                                   'record', data, 'conflicts', '[]'::jsonb), at from d`
      : shape === 'outcome'
        ? `insert into applied_mutation (device_id, seq, mutation_id, status, version, conflicts, applied_at)
           select device_id, g + 1, gen_random_uuid(), 'applied', 1, '[]'::jsonb, at from d`
        : `insert into applied_batch (device_id, first_seq, last_seq, answers, applied_at)
           select device_id, g + 1, g + 1, jsonb_build_array(jsonb_build_object(
                    'mutation_id', gen_random_uuid(), 'status', 'applied', 'version', 1, 'conflicts', '[]'::jsonb)),
                  at from d`;
  return `
    with s as (
      select g, gen_random_uuid() as id,
             ($4::uuid[])[1 + g % cardinality($4::uuid[])] as enhet_id,
             ($5::uuid[])[1 + g % cardinality($5::uuid[])] as user_id,
             ($6::uuid[])[1 + g % cardinality($6::uuid[])] as device_id,
             '2026-01-05T08:00:00Z'::timestamptz + g * interval '1 second' as at,
             to_char(timestamp '2026-01-05 08:00:00' + g * interval '1 second', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as iso,
             $10 || '-' || ${digit(29791)} || ${digit(961)} || ${digit(31)} || ${digit(1)} as code
        from generate_series($1::int, $2::int) g
    ), d as (
      select s.*, ($7::jsonb[])[1 + s.g % 5] || jsonb_build_object(
               'id', s.id, 'forbundId', $3::uuid, 'enhetId', s.enhet_id, 'handlaggareId', s.user_id,
               'code', s.code, 'version', 1, 'createdAt', s.iso, 'updatedAt', s.iso) as data
        from s
    ), r as (
      insert into record (entity, id, forbund_id, enhet_id, data, version, field_versions, field_writers,
                          change_seq, created_at, updated_at)
      select 'arende', id, $3::uuid, enhet_id, data, 1, $8::jsonb,
             (select jsonb_object_agg(k, device_id) from jsonb_object_keys($8::jsonb) k),
             nextval('change_seq'), at, at
        from d order by g
    ), a as (
      insert into audit_event (at, forbund_id, user_id, device_id, action, entity, record_id, fields)
      select at, $3::uuid, user_id, device_id, 'create', 'arende', id,
             (select jsonb_agg(k) from jsonb_object_keys($8::jsonb) k)
        from d
    )
    ${applied}`;
}

/** A SIP samtycke for each of `count` seeded ärenden of the förbund (the first by code). */
export async function bulkSamtycken(sql: Sql, q: { forbundId: string; count: number }): Promise<void> {
  await sql.query(
    `insert into record (entity, id, forbund_id, enhet_id, data, version, field_versions, field_writers,
                         change_seq, created_at, updated_at)
     select 'samtycke', s.id, a.forbund_id, a.enhet_id,
            jsonb_build_object('id', s.id, 'forbundId', a.forbund_id, 'arendeId', a.id, 'kind', 'sip',
                               'parties', jsonb_build_array('socialtjanst', 'psykiatri'), 'date', '2026-03-01',
                               'form', 'skriftligt', 'recordedBy', a.data ->> 'handlaggareId',
                               'withdrawnDate', null, 'version', 1,
                               'createdAt', '2026-03-01T09:00:00.000Z', 'updatedAt', '2026-03-01T09:00:00.000Z'),
            1, '{}'::jsonb, '{}'::jsonb, nextval('change_seq'), now(), now()
       from (select * from record where forbund_id = $1 and entity = 'arende' and data ->> 'code' like $3
              order by data ->> 'code' limit $2) a
      cross join lateral (select gen_random_uuid() as id) s`,
    [q.forbundId, q.count, `${SEED_CODE_PREFIX}-%`],
  );
}

/**
 * `count` F-D-UNDER responses of the förbund's seeded ärenden, stored with the counting trigger
 * off (it adds ~0.5 ms a row) and counted once afterwards, as bench/aggregation-100k.ts does.
 */
export async function bulkResponses(sql: Sql, q: { forbundId: string; count: number }): Promise<void> {
  await sql.exec('alter table survey_response disable trigger survey_response_tally');
  try {
    await sql.query(
      `insert into survey_response (id, forbund_id, enhet_id, arende_id, round_id, form_id, respondent_group,
                                    instrument_version, answers, answered_with, submitted_at)
       select gen_random_uuid(), a.forbund_id, a.enhet_id, a.id, null, 'F-D-UNDER', 'deltagare', 'B',
              jsonb_build_object('M01', 1 + (n % 5), 'M03', 1 + (n % 4)), 'sjalv',
              '2026-02-02T09:00:00Z'::timestamptz + (n % 120) * interval '1 day'
         from (select id, forbund_id, enhet_id, row_number() over () as n from record
                where forbund_id = $1 and entity = 'arende' limit $2) a`,
      [q.forbundId, q.count],
    );
    await sql.exec('select survey_tally_rebuild()');
  } finally {
    await sql.exec('alter table survey_response enable trigger survey_response_tally');
  }
}
