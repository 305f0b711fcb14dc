/**
 * Enkät responses and half-year rounds as stored (migration 002). Responses are insert-only (a
 * trigger refuses updates) and no query here hands them to a device: they leave the server only
 * as aggregates. A half-year row holds round, enhet and group — nothing that names who answered.
 */
import { randomUUID } from 'node:crypto';
import type { Enhet } from '../../domain/account';
import type { HalvarRound, NewHalvarRound } from '../../domain/instrument/round';
import type { Sql } from './sql';

export interface StoredResponse {
  id: string;
  forbundId: string;
  enhetId: string;
  arendeId: string | null;
  roundId: string | null;
  formId: string;
  respondentGroup: string;
  instrumentVersion: string;
  answers: Record<string, number>;
  answeredWith: string | null;
  submittedAt: string;
}

export async function responseExists(tx: Sql, id: string): Promise<boolean> {
  const { rows } = await tx.query('select 1 from survey_response where id = $1', [id]);
  return rows.length > 0;
}

export async function insertResponse(tx: Sql, r: StoredResponse): Promise<void> {
  await tx.query(
    `insert into survey_response (id, forbund_id, enhet_id, arende_id, round_id, form_id, respondent_group,
                                  instrument_version, answers, answered_with, submitted_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11)`,
    [
      r.id,
      r.forbundId,
      r.enhetId,
      r.arendeId,
      r.roundId,
      r.formId,
      r.respondentGroup,
      r.instrumentVersion,
      JSON.stringify(r.answers),
      r.answeredWith,
      r.submittedAt,
    ],
  );
}

/** Records that a respondent account answered a round; false when it already had. */
export async function markParticipated(tx: Sql, roundId: string, userId: string): Promise<boolean> {
  const { rows } = await tx.query(
    `insert into round_participation (round_id, user_id) values ($1, $2)
     on conflict do nothing returning round_id`,
    [roundId, userId],
  );
  return rows.length > 0;
}

interface RoundRow {
  id: string;
  period: string;
  enhet_ids: string[];
  form_ids: string[];
  created_at: Date | string;
}

const ROUND_COLUMNS = 'id, period, enhet_ids, form_ids, created_at';

/** The round of a förbund for a period, or null. */
export async function findRound(
  sql: Sql,
  forbundId: string,
  period: string,
): Promise<{ id: string; enhetIds: string[]; formIds: string[] } | null> {
  const { rows } = await sql.query<RoundRow>(
    `select ${ROUND_COLUMNS} from survey_round where forbund_id = $1 and period = $2`,
    [forbundId, period],
  );
  const r = rows[0];
  return r ? { id: r.id, enhetIds: r.enhet_ids, formIds: r.form_ids } : null;
}

/** The enheter among `ids` that belong to the förbund, in the order asked. */
export async function enheterOfForbund(
  sql: Sql,
  forbundId: string,
  ids: readonly string[],
): Promise<Enhet[]> {
  const { rows } = await sql.query<Enhet>(
    'select id, namn, kod from enhet where forbund_id = $1 and id = any($2::uuid[])',
    [forbundId, ids],
  );
  const byId = new Map(rows.map((e) => [e.id, e]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Inserts a round; returns null when the förbund already has one for the period. */
export async function insertRound(
  sql: Sql,
  input: NewHalvarRound & { forbundId: string; createdBy: string; now: Date },
): Promise<string | null> {
  const id = randomUUID();
  const { rows } = await sql.query<{ id: string }>(
    `insert into survey_round (id, forbund_id, period, enhet_ids, form_ids, created_by, created_at)
     values ($1, $2, $3, $4::uuid[], $5::text[], $6, $7)
     on conflict (forbund_id, period) do nothing
     returning id`,
    [
      id,
      input.forbundId,
      input.period,
      input.enhetIds,
      input.formIds,
      input.createdBy,
      input.now.toISOString(),
    ],
  );
  return rows[0]?.id ?? null;
}

/** Open rounds of a förbund, newest period first, with their enheter's names. */
export async function openRounds(sql: Sql, forbundId: string, onlyId?: string): Promise<HalvarRound[]> {
  const { rows } = await sql.query<RoundRow>(
    `select ${ROUND_COLUMNS} from survey_round
      where forbund_id = $1 and closed_at is null and ($2::uuid is null or id = $2::uuid)
      order by period desc`,
    [forbundId, onlyId ?? null],
  );
  const enhetIds = [...new Set(rows.flatMap((r) => r.enhet_ids))];
  const enheter = new Map((await enheterOfForbund(sql, forbundId, enhetIds)).map((e) => [e.id, e]));
  return rows.map((r) => ({
    id: r.id,
    period: r.period,
    enheter: r.enhet_ids.flatMap((id) => enheter.get(id) ?? []),
    formIds: r.form_ids as HalvarRound['formIds'],
    createdAt: new Date(r.created_at).toISOString(),
  }));
}
