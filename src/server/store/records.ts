/**
 * Synced records as stored: the full record as jsonb (what a pull returns), its version, the
 * version at which each field last changed, and change_seq — the pull cursor position.
 */
import type { EntityName } from '../../domain/entities';
import type { Sql } from './sql';

export interface StoredRecord {
  entity: EntityName;
  id: string;
  forbundId: string;
  enhetId: string | null;
  data: Record<string, unknown>;
  version: number;
  fieldVersions: Record<string, number>;
  /** For each field, the device whose edit last changed it. */
  fieldWriters: Record<string, string>;
}

export interface PulledRow {
  entity: EntityName;
  data: Record<string, unknown>;
  change_seq: string;
}

/**
 * Records of the user's förbund changed after `after`, in change_seq order. Records tied to an
 * enhet are included only for enheter the user belongs to; `hidden` entities not at all.
 */
export async function recordsChangedSince(
  sql: Sql,
  q: { forbundId: string; userId: string; after: string; limit: number; hidden?: readonly string[] },
): Promise<PulledRow[]> {
  const { rows } = await sql.query<PulledRow>(
    `select entity, data, change_seq::text as change_seq from record
      where forbund_id = $1 and change_seq > $2::bigint
        and (enhet_id is null or enhet_id in (select enhet_id from user_enhet where user_id = $3))
        and not (entity = any($5::text[]))
      -- Qualified: the text alias above would sort "10" before "2" and skip records.
      order by record.change_seq
      limit $4`,
    [q.forbundId, q.after, q.userId, q.limit, q.hidden ?? []],
  );
  return rows;
}
