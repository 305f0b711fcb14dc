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
    `select form_id, enhet_id::text as enhet_id, slot, answer::int as answer, n
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
