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

/** A place in the pull order: (change_xid, change_seq) as decimal strings (services/pull.ts). */
export interface PullPosition {
  xid: string;
  seq: string;
}

export interface PulledRow extends PullPosition {
  entity: EntityName;
  /** The record as JSON text, as stored. */
  data: string;
}

/**
 * Records of the user's förbund after `after` in pull order, written by transactions older than
 * the horizon (the oldest transaction still running, taken from this statement's own snapshot,
 * and returned with the rows); see services/pull.ts for why. Records tied to an enhet are
 * included only for `enhetIds`; `hidden` entities not at all.
 */
export async function recordsChangedSince(
  sql: Sql,
  q: {
    forbundId: string;
    enhetIds: readonly string[];
    after: PullPosition;
    limit: number;
    hidden: readonly string[];
  },
): Promise<{ horizon: string; rows: PulledRow[] }> {
  const { rows } = await sql.query<{ horizon: string } & { [K in keyof PulledRow]: PulledRow[K] | null }>(
    `select h.xmin::text as horizon, r.entity, r.data, r.xid, r.seq
       from (select pg_snapshot_xmin(pg_current_snapshot()) as xmin) h
       left join lateral (
         select entity, data::text as data, change_xid::text as xid, change_seq::text as seq
           from record
          where forbund_id = $1 and (change_xid, change_seq) > ($2::xid8, $3::bigint) and change_xid < h.xmin
            and (enhet_id is null or enhet_id = any($4::uuid[]))
            and not (entity = any($5::text[]))
          order by change_xid, change_seq
          limit $6) r on true`,
    [q.forbundId, q.after.xid, q.after.seq, q.enhetIds, q.hidden, q.limit],
  );
  return {
    horizon: rows[0]?.horizon ?? '0',
    rows: rows.flatMap((r) =>
      r.entity === null || r.data === null || r.xid === null || r.seq === null
        ? []
        : [{ entity: r.entity, data: r.data, xid: r.xid, seq: r.seq }],
    ),
  };
}
