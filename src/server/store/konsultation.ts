/**
 * What the konsultationsteam's de-identification rule needs from the ärenden the server holds: how
 * many active ärenden of the förbund share an age band, an enhet, or both.
 */
import type { SuchArenden } from '../../domain/konsultation';
import type { Sql } from './sql';

/** Counts of active ärenden; a count is null where its value is not given. */
export async function countSuchArenden(
  sql: Sql,
  q: { forbundId: string; aldersgrupp: string | null; enhetId: string | null },
): Promise<SuchArenden> {
  const { rows } = await sql.query<{ alder: number; enhet: number; both: number }>(
    `select count(*) filter (where data ->> 'aldersgrupp' = $2)::int as alder,
            count(*) filter (where enhet_id::text = $3)::int as enhet,
            count(*) filter (where data ->> 'aldersgrupp' = $2 and enhet_id::text = $3)::int as both
       from record
      where forbund_id = $1 and entity = 'arende' and data ->> 'status' = 'aktiv'`,
    [q.forbundId, q.aldersgrupp, q.enhetId],
  );
  const r = rows[0] ?? { alder: 0, enhet: 0, both: 0 };
  return {
    aldersgrupp: q.aldersgrupp === null ? null : Number(r.alder),
    enhet: q.enhetId === null ? null : Number(r.enhet),
    both: q.aldersgrupp === null || q.enhetId === null ? null : Number(r.both),
  };
}

/** The enhet's name when it belongs to the förbund, else null. */
export async function enhetName(sql: Sql, forbundId: string, enhetId: string): Promise<string | null> {
  const { rows } = await sql.query<{ namn: string }>(
    'select namn from enhet where id = $1 and forbund_id = $2',
    [enhetId, forbundId],
  );
  return rows[0]?.namn ?? null;
}
