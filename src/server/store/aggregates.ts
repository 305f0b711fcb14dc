/**
 * Reads for the coordinator's aggregates. Responses are read only as counts (one row per form,
 * enhet, slot and answer), so a single response never reaches the application, let alone a
 * client. Ärende ids of case work are read only to count distinct persons and to pair a SIP or
 * measurement with its ärende; the services drop them before anything is published.
 */
import type { EnhetRef } from '../../domain/aggregation/report';
import type { Sql } from './sql';

export interface AnswerCountRow {
  form_id: string;
  enhet_id: string;
  slot: string;
  answer: number;
  n: number;
  /** The sum of the cell keys of the persons counted (migration 006). */
  key_sum: number;
}

/**
 * Answer counts of a halvår, kept by migration 005 as responses arrive: case-linked responses
 * (the latest of each ärende and form submitted in the halvår) or the half-year round's.
 */
export async function answerCounts(
  sql: Sql,
  forbundId: string,
  period: string,
  kind: 'case' | 'round',
): Promise<AnswerCountRow[]> {
  const { rows } = await sql.query<AnswerCountRow>(
    `select form_id, enhet_id::text as enhet_id, slot, answer::int as answer, n, key_sum::float8 as key_sum
       from survey_answer_tally
      where forbund_id = $1 and period = $2 and kind = $3 and n > 0`,
    [forbundId, period, kind],
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

/**
 * Every behovsgrupp the förbund has had, retired ones included (their ärenden still count), by
 * code and current name.
 */
export async function behovsgrupperOf(
  sql: Sql,
  forbundId: string,
): Promise<{ code: string; label: string }[]> {
  const { rows } = await sql.query<{ behovsgrupper: { code: string; label: string }[] }>(
    'select behovsgrupper from forbund where id = $1',
    [forbundId],
  );
  return (rows[0]?.behovsgrupper ?? []).map(({ code, label }) => ({ code, label }));
}

/** The data of every record of one kind in the förbund, with the enhet it is filed under. */
export async function recordsOfKind<T>(
  sql: Sql,
  forbundId: string,
  entity: string,
): Promise<{ id: string; enhetId: string | null; data: T }[]> {
  const { rows } = await sql.query<{ id: string; enhet_id: string | null; data: T }>(
    'select id::text as id, enhet_id::text as enhet_id, data from record where forbund_id = $1 and entity = $2',
    [forbundId, entity],
  );
  return rows.map((r) => ({ id: r.id, enhetId: r.enhet_id, data: r.data }));
}

/**
 * The secret cell key of each person (ärende or response id), made on first use (migration 006).
 * Keys never leave the server: they only decide the noise of the figures.
 */
export async function personKeys(sql: Sql, personIds: readonly string[]): Promise<Map<string, number>> {
  const ids = [...new Set(personIds)];
  if (ids.length === 0) return new Map();
  await sql.query(
    `insert into person_cell_key (person_id, key)
     select p, ('x' || lpad(substr(replace(gen_random_uuid()::text, '-', ''), 1, 8), 16, '0'))::bit(64)::bigint
       from unnest($1::uuid[]) p
     on conflict (person_id) do nothing`,
    [ids],
  );
  const { rows } = await sql.query<{ id: string; key: number }>(
    'select person_id::text as id, key::float8 as key from person_cell_key where person_id = any($1::uuid[])',
    [ids],
  );
  return new Map(rows.map((r) => [r.id, r.key]));
}

/** A stored release of an area and period, or null when it has not been made. */
export async function findRelease(
  sql: Sql,
  forbundId: string,
  area: string,
  period: string,
): Promise<unknown | null> {
  const { rows } = await sql.query<{ body: unknown }>(
    'select body from aggregate_release where forbund_id = $1 and area = $2 and period = $3',
    [forbundId, area, period],
  );
  return rows[0]?.body ?? null;
}

/** Stores a release unless one exists already (made once: a concurrent maker's copy wins). */
export async function storeRelease(
  sql: Sql,
  forbundId: string,
  area: string,
  period: string,
  body: { publishedAt: string },
): Promise<void> {
  await sql.query(
    `insert into aggregate_release (forbund_id, area, period, published_at, body)
     values ($1, $2, $3, $4, $5::jsonb) on conflict do nothing`,
    [forbundId, area, period, body.publishedAt, JSON.stringify(body)],
  );
}

/** Every förbund, for the release schedule. */
export async function forbundIds(sql: Sql): Promise<string[]> {
  const { rows } = await sql.query<{ id: string }>('select id::text as id from forbund');
  return rows.map((r) => r.id);
}

/** The round of a halvår with its enheter and forms, or null. */
export async function roundOfPeriod(
  sql: Sql,
  forbundId: string,
  period: string,
): Promise<{ enhetIds: string[]; formIds: string[] } | null> {
  const { rows } = await sql.query<{ enhet_ids: string[]; form_ids: string[] }>(
    'select enhet_ids::text[] as enhet_ids, form_ids from survey_round where forbund_id = $1 and period = $2',
    [forbundId, period],
  );
  const r = rows[0];
  return r ? { enhetIds: r.enhet_ids, formIds: r.form_ids } : null;
}
