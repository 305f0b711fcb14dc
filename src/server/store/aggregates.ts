/**
 * Reads for the coordinator's aggregates. Responses are counted in SQL (one row per form, enhet,
 * slot and answer), so a single response never reaches the application, let alone a client. Ärende
 * ids are read only to count distinct persons and to pair a SIP or measurement with its ärende;
 * the services drop them before anything is published.
 */
import type { EnhetRef } from '../../domain/aggregation/report';
import type { Sql } from './sql';

export interface AnswerCountRow {
  form_id: string;
  enhet_id: string;
  slot: string;
  answer: number;
  n: number;
}

export interface PersonsRow {
  slot: string;
  enhet_id: string | null;
  persons: number;
}

// The latest response of each ärende to each form within the period (Swedish calendar days): an
// ärende counts once per form, so a group's n is the number of persons behind it.
const LATEST_CASE_RESPONSES = `
  select distinct on (arende_id, form_id) arende_id, form_id, enhet_id, answers
    from survey_response
   where forbund_id = $1 and round_id is null
     and submitted_at >= ($2::date::timestamp at time zone 'Europe/Stockholm')
     and submitted_at < (($3::date + 1)::timestamp at time zone 'Europe/Stockholm')
   order by arende_id, form_id, submitted_at desc`;

/** Answer counts of case-linked responses (deltagare and personal) submitted from `first` to `last`. */
export async function caseAnswerCounts(
  sql: Sql,
  forbundId: string,
  first: string,
  last: string,
): Promise<{ counts: AnswerCountRow[]; persons: PersonsRow[] }> {
  const params = [forbundId, first, last];
  const { rows: counts } = await sql.query<AnswerCountRow>(
    `with d as (${LATEST_CASE_RESPONSES})
     select d.form_id, d.enhet_id::text as enhet_id, a.key as slot, a.value::int as answer, count(*)::int as n
       from d cross join lateral jsonb_each_text(d.answers) a
      group by 1, 2, 3, 4`,
    params,
  );
  const { rows: persons } = await sql.query<PersonsRow>(
    `with d as (${LATEST_CASE_RESPONSES})
     select s.slot, d.enhet_id::text as enhet_id, count(distinct d.arende_id)::int as persons
       from d cross join lateral jsonb_object_keys(d.answers) s(slot)
      group by grouping sets ((s.slot), (s.slot, d.enhet_id))`,
    params,
  );
  return { counts, persons };
}

/** Answer counts of the half-year responses of the förbund's round for `period` (each one a person). */
export async function roundAnswerCounts(
  sql: Sql,
  forbundId: string,
  period: string,
): Promise<AnswerCountRow[]> {
  const { rows } = await sql.query<AnswerCountRow>(
    `select r.form_id, r.enhet_id::text as enhet_id, a.key as slot, a.value::int as answer, count(*)::int as n
       from survey_response r
       join survey_round s on s.id = r.round_id
       cross join lateral jsonb_each_text(r.answers) a
      where r.forbund_id = $1 and s.period = $2
      group by 1, 2, 3, 4`,
    [forbundId, period],
  );
  return rows;
}

export async function enheterForAggregates(sql: Sql, forbundId: string): Promise<EnhetRef[]> {
  const { rows } = await sql.query<EnhetRef>(
    'select id::text as id, namn from enhet where forbund_id = $1 order by kod',
    [forbundId],
  );
  return rows;
}

export async function behovsgrupperOf(
  sql: Sql,
  forbundId: string,
): Promise<{ code: string; label: string }[]> {
  const { rows } = await sql.query<{ behovsgrupper: { code: string; label: string }[] }>(
    'select behovsgrupper from forbund where id = $1',
    [forbundId],
  );
  return rows[0]?.behovsgrupper ?? [];
}

/** The data of every record of one kind in the förbund, with the enhet it is filed under. */
export async function recordsOfKind<T>(
  sql: Sql,
  forbundId: string,
  entity: string,
): Promise<{ enhetId: string | null; data: T }[]> {
  const { rows } = await sql.query<{ enhet_id: string | null; data: T }>(
    'select enhet_id::text as enhet_id, data from record where forbund_id = $1 and entity = $2',
    [forbundId, entity],
  );
  return rows.map((r) => ({ enhetId: r.enhet_id, data: r.data }));
}
