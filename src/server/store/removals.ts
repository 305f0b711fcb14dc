/**
 * Removals in the pull feed (migration 010): that a record left an enhet (or the förbund-wide
 * scope) for everyone there or for some users. Each removal takes its pull position like a
 * record write: the next change_seq, and the writing transaction's id (the trigger of 009).
 */
import type { Sql } from './sql';

export interface RemovalRow {
  entity: string;
  id: string;
  /** The enhet the record left; null for a förbund-wide record. */
  enhetId: string | null;
  /** Only this user's devices; null for everyone. */
  userId: string | null;
}

export async function insertRemovals(tx: Sql, forbundId: string, rows: readonly RemovalRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `insert into record_removal (change_seq, forbund_id, entity, record_id, enhet_id, user_id)
     select nextval('change_seq'), $1::uuid, x.entity, x.record_id, x.enhet_id, x.user_id
       from unnest($2::text[], $3::uuid[], $4::uuid[], $5::uuid[])
         with ordinality as x(entity, record_id, enhet_id, user_id, n)
      order by x.n`,
    [
      forbundId,
      rows.map((r) => r.entity),
      rows.map((r) => r.id),
      rows.map((r) => r.enhetId),
      rows.map((r) => r.userId),
    ],
  );
}
