/**
 * The förbund's own settings and its behovsgrupper code list (forbund.behovsgrupper). Codes are
 * never changed or removed: a group is renamed or retired in place, so every ärende keeps its group.
 */
import { type Behovsgrupp, DEFAULT_FORBUND_SETTINGS, type ForbundSettings } from '../../domain/account';
import type { Sql } from './sql';

export async function forbundSettings(sql: Sql, forbundId: string): Promise<ForbundSettings> {
  const { rows } = await sql.query<{ steg: number; ar: number | null }>(
    'select steg_intervall_manader as steg, gallring_ar as ar from forbund where id = $1',
    [forbundId],
  );
  const r = rows[0];
  return r ? { stegIntervallManader: r.steg, gallringAr: r.ar } : DEFAULT_FORBUND_SETTINGS;
}

/** Stores the settings given; a changed gallring period also records when it was set. */
export async function updateForbundSettings(
  sql: Sql,
  forbundId: string,
  patch: Partial<ForbundSettings>,
  now: Date,
): Promise<void> {
  await sql.query(
    `update forbund set
       steg_intervall_manader = coalesce($2, steg_intervall_manader),
       gallring_ar = case when $3::boolean then $4::int else gallring_ar end,
       gallring_ar_satt_at = case when $3::boolean and gallring_ar is distinct from $4::int
                                  then $5::timestamptz else gallring_ar_satt_at end
     where id = $1`,
    [
      forbundId,
      patch.stegIntervallManader ?? null,
      patch.gallringAr !== undefined,
      patch.gallringAr ?? null,
      now.toISOString(),
    ],
  );
}

/** The code list, retired groups included, locked for the caller's transaction. */
export async function behovsgrupperForUpdate(sql: Sql, forbundId: string): Promise<Behovsgrupp[]> {
  const { rows } = await sql.query<{ behovsgrupper: Behovsgrupp[] }>(
    'select behovsgrupper from forbund where id = $1 for update',
    [forbundId],
  );
  return rows[0]?.behovsgrupper ?? [];
}

export async function saveBehovsgrupper(
  sql: Sql,
  forbundId: string,
  list: readonly Behovsgrupp[],
): Promise<void> {
  await sql.query('update forbund set behovsgrupper = $2::jsonb where id = $1', [
    forbundId,
    JSON.stringify(list),
  ]);
}
