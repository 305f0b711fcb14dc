/**
 * Queries over the records of one ärende (samtycken, möten, SIP …) and the handläggare of an enhet.
 * Case-work records carry their ärende's enhet in enhet_id; moving the ärende moves them (see 003).
 */
import type { Sql } from './sql';

/** The data of the ärende's records of `entity`, oldest change first. */
export async function recordsOfArende(
  tx: Sql,
  entity: string,
  forbundId: string,
  arendeId: string,
): Promise<Record<string, unknown>[]> {
  const { rows } = await tx.query<{ data: Record<string, unknown> }>(
    `select data from record
      where forbund_id = $1 and data ? 'arendeId' and data ->> 'arendeId' = $2 and entity = $3
      order by change_seq`,
    [forbundId, arendeId, entity],
  );
  return rows.map((r) => r.data);
}

/**
 * Gives the ärende's records of `entities` the ärende's new enhet and a new change_seq, so the users
 * of that enhet pull them (the update takes the transaction's place in the pull order, migration
 * 009); returns the records moved with the enhet each left.
 */
export async function moveArendeRecords(
  tx: Sql,
  q: { forbundId: string; arendeId: string; enhetId: string | null; entities: readonly string[] },
): Promise<{ entity: string; id: string; enhetId: string | null }[]> {
  const { rows } = await tx.query<{ entity: string; id: string; from_enhet: string | null }>(
    `with moving as (
       select entity, id, enhet_id from record
        where forbund_id = $1 and data ? 'arendeId' and data ->> 'arendeId' = $2 and entity = any($4::text[])
          and enhet_id is distinct from $3
        for update)
     update record r set enhet_id = $3, change_seq = nextval('change_seq')
       from moving m where r.entity = m.entity and r.id = m.id
     returning r.entity, r.id, m.enhet_id as from_enhet`,
    [q.forbundId, q.arendeId, q.enhetId, q.entities],
  );
  return rows.map((r) => ({ entity: r.entity, id: r.id, enhetId: r.from_enhet }));
}

export interface Handlaggare {
  id: string;
  displayName: string;
}

/** The handläggare (role handlaggare) who work on the enhet, by display name. */
export async function handlaggareOfEnhet(
  sql: Sql,
  forbundId: string,
  enhetId: string,
): Promise<Handlaggare[]> {
  const { rows } = await sql.query<{ id: string; display_name: string }>(
    `select u.id, u.display_name from app_user u join user_enhet ue on ue.user_id = u.id
      where u.forbund_id = $1 and ue.enhet_id = $2 and u.role = 'handlaggare'
      order by u.display_name, u.id`,
    [forbundId, enhetId],
  );
  return rows.map((r) => ({ id: r.id, displayName: r.display_name }));
}
