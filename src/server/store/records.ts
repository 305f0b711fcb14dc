/**
 * Synced records as stored: the full record as jsonb (what a pull returns), its version, the
 * version at which each field last changed, and its place in the pull order (change_xid,
 * change_seq; services/pull.ts). Removals (migration 010) are placed the same way, so one cursor
 * orders both.
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
  /**
   * The device that holds this version already, as the server has it (its write made it and the
   * server kept exactly what it sent, see apply-mutation.ts): its pulls skip the record.
   */
  ownWriter?: string | null;
}

/** A place in the pull order: (change_xid, change_seq) as decimal strings (services/pull.ts). */
export interface PullPosition {
  xid: string;
  seq: string;
}

/** What the user may pull: förbund, enheter (as authenticated) and the record kinds never sent. */
export interface PullScope {
  forbundId: string;
  userId: string;
  enhetIds: readonly string[];
  hidden: readonly string[];
  /**
   * The asking device: its own writes it holds are skipped, when it is one of this user's devices
   * and not blocked (checked in the same statement).
   */
  deviceId?: string | null;
}

/**
 * A pull page as the database puts it together: the entries after the cursor in pull order (the
 * records to store, the removals, and the asking device's own writes it holds, which carry nothing
 * but move the cursor past them), at most `limit`, aggregated into one row. Read as rows, a page
 * cost PGlite ~15–30 µs a record, most of it decoding each row's fields in JavaScript; as one row
 * ~7–11 µs, and a morning wave pulls ~190,000 records. On PostgreSQL it is about even
 * (node-postgres decodes rows cheaply; joining them costs PostgreSQL ~2 µs a record).
 */
export interface PulledPage {
  /** The statement's horizon (services/pull.ts), or null for a backfill page. */
  horizon: string | null;
  /** Whether an entry follows the page. */
  hasMore: boolean;
  /** The position of the page's last entry (null when it has none). */
  last: PullPosition | null;
  /**
   * The page's records as a page carries them, `{"entity":…,"record":…}` joined by commas, or null
   * when it has none. Each record is its stored `pull_text` (domain/compact-record.ts), JSON made
   * by the database: the server splices it in without parsing it, shrinking it or writing it out
   * again (every record pushed in a morning wave is pulled by each colleague of its enhet, ~20
   * times, and that parse-compact-stringify was most of the server's pull work).
   */
  changes: string | null;
  removals: { entity: EntityName; id: string }[];
  /** The records and removals in the page (own writes left out): what the device is sent. */
  sent: number;
}

/**
 * compactRecord in SQL: `data` without the förbund id and without null fields, as JSON text – the
 * stored column pull_text (migration 017), made when the record is written by
 * `jsonb_strip_nulls(data - 'forbundId')::text`. jsonb_strip_nulls also strips nulls inside nested
 * objects, which expandRecord would not put back; no record kind has a nullable field below the
 * top level, so it is exact (the unit test compact-record.test.ts walks every schema and fails when
 * one gets such a field).
 *
 * The page of `inner` – a lateral subquery `p` of the entries in pull order with their place `rn`
 * (1, 2, …), at most limit + 1 of them – as one row (PulledPage). `lim` names the parameter of the
 * limit. The left join keeps the row (and the horizon) when the page is empty.
 */
const pageOf = (inner: string, lim: string) => `
  select h.xmin::text as horizon, count(p.rn)::int as fetched,
    count(p.rn) filter (where p.rn <= ${lim} and p.kind <> 'o')::int as sent,
    (array_agg(p.change_xid::text || '.' || p.change_seq::text order by p.rn desc)
      filter (where p.rn <= ${lim}))[1] as last,
    string_agg('{"entity":' || to_json(p.entity)::text || ',"record":' || p.data || '}', ',' order by p.rn)
      filter (where p.rn <= ${lim} and p.kind = 'c') as changes,
    json_agg(json_build_object('entity', p.entity, 'id', p.id) order by p.rn)
      filter (where p.rn <= ${lim} and p.kind = 'r')::text as removals
  from ${inner} group by h.xmin`;

interface PageRow {
  horizon: string;
  fetched: number;
  sent: number;
  /** The last entry's position as "<change_xid>.<change_seq>". */
  last: string | null;
  changes: string | null;
  removals: string | null;
}

const positionOf = (last: string | null): PullPosition | null => {
  const [xid, seq] = last?.split('.') ?? [];
  return xid === undefined || seq === undefined ? null : { xid, seq };
};

function toPage(row: PageRow | undefined, limit: number, horizon: boolean): PulledPage {
  if (!row) throw new Error('a pull page without its row');
  return {
    horizon: horizon ? row.horizon : null,
    hasMore: row.fetched > limit,
    last: positionOf(row.last),
    changes: row.changes,
    removals: row.removals === null ? [] : (JSON.parse(row.removals) as PulledPage['removals']),
    sent: row.sent,
  };
}

// A record the user sees: in the förbund, in one of their enheter (or förbund-wide), not hidden.
const VISIBLE = `r.forbund_id = $1 and (r.enhet_id is null or r.enhet_id = any($2::uuid[]))
  and not (r.entity = any($3::text[]))`;

// A removal for the user: from one of their enheter (or förbund-wide), for them or for everyone,
// of a record they cannot see now (state, not history: a record moved away and back is not removed).
const REMOVAL_FOR = `x.forbund_id = $1 and (x.enhet_id is null or x.enhet_id = any($2::uuid[]))
  and not (x.entity = any($3::text[])) and (x.user_id is null or x.user_id = $4)
  and not exists (select 1 from record r where r.entity = x.entity and r.id = x.record_id and ${VISIBLE})`;

/**
 * The user's records (VISIBLE) that match `cond`, in pull order, at most `limit` of each enhet: one
 * ordered index scan per enhet of the user (record_pull_enhet_idx, migration 014) and one of the
 * förbund-wide records, merged. A scan of the förbund's pull order filtered by enhet read every
 * other enhet's rows too: in a morning wave, ten times the rows a handläggare gets. The
 * förbund-wide part is ordered by enhet_id too (null in all of them): that is the order of
 * record_pull_enhet_idx, so a plan made while the table was empty still takes it rather than the
 * förbund's pull order filtered by `enhet_id is null` (store/sql.ts READ_LANE_SETTINGS).
 */
const visibleAfter = (cond: string, limit = 'all') => `(
  (select r.* from (select distinct unnest($2::uuid[]) as enhet_id) mine
     cross join lateral (select * from record r
       where r.forbund_id = $1 and r.enhet_id = mine.enhet_id and not (r.entity = any($3::text[])) and ${cond}
       order by r.change_xid, r.change_seq limit ${limit}) r)
  union all
  (select * from record r
    where r.forbund_id = $1 and r.enhet_id is null and not (r.entity = any($3::text[])) and ${cond}
    order by r.enhet_id, r.change_xid, r.change_seq limit ${limit}))`;

const scopeParams = (s: PullScope) => [s.forbundId, s.enhetIds, s.hidden, s.userId];

// The statement's horizon (h.xmin, see AFTER) and, given the parameter that names the asking
// device, that device (h.device) when it is one of the user's ($4) and not blocked: any other id
// names no device. Each is looked up once per statement.
const horizon = (device?: string) =>
  `(select pg_snapshot_xmin(pg_current_snapshot()) as xmin${
    device
      ? `, (select d.id from device d where d.id = ${device}::uuid and d.user_id = $4 and d.revoked_at is null) as device`
      : ''
  }) h`;

// The asking device (h.device) holds the record as it is: its write made this version.
const OWN = 'coalesce(r.own_writer = h.device and r.own_version = r.version, false)';

// After the cursor (parameters x, s; $5, $6 unless given) and below the horizon (h.xmin): see
// services/pull.ts.
const AFTER = (t: string, x = '$5', s = '$6') =>
  `(${t}.change_xid, ${t}.change_seq) > (${x}::xid8, ${s}::bigint) and ${t}.change_xid < h.xmin`;

/**
 * The user's changes and removals after `after` in pull order, at most `limit` of them, written by
 * transactions older than the horizon (the oldest transaction still running, from this statement's
 * own snapshot, returned with the page; services/pull.ts says why). One statement, one snapshot.
 */
export async function changesSince(
  sql: Sql,
  scope: PullScope,
  after: PullPosition,
  limit: number,
): Promise<PulledPage> {
  const { rows } = await sql.query<PageRow>(
    pageOf(
      `${horizon('$8')}
       left join lateral (
         select *, row_number() over (order by change_xid, change_seq) as rn from (
           -- The device's own writes stay in the page without content, so the cursor passes them.
           (select case when ${OWN} then 'o' else 'c' end as kind, r.entity, r.id,
                   case when ${OWN} then null else r.pull_text end as data, r.change_xid, r.change_seq
              from ${visibleAfter(AFTER('r'), '$7::int + 1')} r)
           union all
           (select 'r', x.entity, x.record_id, null, x.change_xid, x.change_seq from record_removal x
             where ${REMOVAL_FOR} and ${AFTER('x')}
             order by x.change_xid, x.change_seq limit $7::int + 1)
         ) u order by change_xid, change_seq limit $7::int + 1) p on true`,
      '$7',
    ),
    [...scopeParams(scope), after.xid, after.seq, limit, scope.deviceId ?? null],
    { prepared: true },
  );
  return toPage(rows[0], limit, true);
}

/** How many changes and removals follow `after` (for the device's progress line). */
export async function countSince(sql: Sql, scope: PullScope, after: PullPosition): Promise<number> {
  const { rows } = await sql.query<{ n: string }>(
    `select ((select count(*) from ${visibleAfter(AFTER('r'))} r where not ${OWN})
           + (select count(*) from record_removal x where ${REMOVAL_FOR} and ${AFTER('x')}))::text as n
       from ${horizon('$7')}`,
    [...scopeParams(scope), after.xid, after.seq, scope.deviceId ?? null],
    { prepared: true },
  );
  return Number(rows[0]?.n ?? 0);
}

/** Which records a backfill brings: those of the gained enheter, or of the gained kinds. */
export interface Backfill {
  until: PullPosition;
  enhetIds: readonly string[];
  entities: readonly string[];
}

// The user's records after the backfill's own position ($4, $5) and at or before `until` ($6, $7),
// of the gained enheter or kinds ($8, $9). `until` is a cursor the device was given.
const BACKFILL = `${VISIBLE} and ${AFTER('r', '$4', '$5')}
  and (r.change_xid, r.change_seq) <= ($6::xid8, $7::bigint)
  and (r.enhet_id = any($8::uuid[]) or r.entity = any($9::text[]))`;

const backfillParams = (scope: PullScope, after: PullPosition, b: Backfill) => [
  scope.forbundId,
  scope.enhetIds,
  scope.hidden,
  after.xid,
  after.seq,
  b.until.xid,
  b.until.seq,
  b.enhetIds,
  b.entities,
];

/**
 * A backfill page: records the user gained access to (a new enhet, a new role) that changed at or
 * before `until`, the cursor the device had when it noticed; later changes reach it in the feed.
 */
export async function backfillSince(
  sql: Sql,
  scope: PullScope,
  after: PullPosition,
  limit: number,
  b: Backfill,
): Promise<PulledPage> {
  const { rows } = await sql.query<PageRow>(
    pageOf(
      `${horizon()}
       left join lateral (
         select 'c' as kind, r.entity, r.id, r.pull_text as data, r.change_xid, r.change_seq,
                row_number() over (order by r.change_xid, r.change_seq) as rn
           from record r where ${BACKFILL} order by r.change_xid, r.change_seq limit $10::int + 1) p on true`,
      '$10',
    ),
    [...backfillParams(scope, after, b), limit],
  );
  return toPage(rows[0], limit, false);
}

export async function countBackfill(
  sql: Sql,
  scope: PullScope,
  after: PullPosition,
  b: Backfill,
): Promise<number> {
  const { rows } = await sql.query<{ n: string }>(
    `select count(*)::text as n from record r, ${horizon()}
      where ${BACKFILL}`,
    backfillParams(scope, after, b),
  );
  return Number(rows[0]?.n ?? 0);
}
