/**
 * GET /sync/pull: the user's records changed after a cursor, one page at a time.
 *
 * The invariant every change to pull must keep: **a row never appears behind a cursor already
 * handed out.** A device stores the cursor of each page with the page and asks from there next
 * time, so a row committed later with a position before that cursor would never reach it.
 *
 * How it holds without serialising writers (pushes of one förbund run in parallel, on several
 * processes too): a record's position is (change_xid, change_seq) – the id of the transaction that
 * last wrote it (stamped by a trigger on every insert and update, migration 009) and its
 * change_seq within that transaction. Transaction ids are handed out in increasing order, but
 * transactions commit in any order, so a pull returns only rows written by transactions older
 * than the **horizon**: the oldest transaction still running (pg_snapshot_xmin of the pull's own
 * snapshot). Every transaction below it has ended, so its rows are all visible now and no new row
 * can ever get a position below it: anything written later belongs to a transaction at or above
 * the horizon. When a page holds everything below the horizon, the cursor moves to the horizon
 * itself (so a user who is shown few of the förbund's changes does not scan the rest again).
 *
 * The price: a change is pulled once every transaction older than it has ended, typically within
 * the duration of one push (a pull meanwhile gets the changes before it, and the next sync the
 * rest). A transaction left open for long anywhere on the database server holds every pull back.
 *
 * Extending it: anything else a pull returns (e.g. removals) must be positioned the same way – a
 * table with a change_xid stamped by the same trigger and the same horizon – and merged in
 * (change_xid, change_seq) order. A cursor is "<change_xid>.<change_seq>"; a bare number (a device's
 * cursor from before migration 009) is "0.<number>", since every row older than 009 has xid 0.
 */
import { audienceOf, ENTITY_NAMES } from '../../domain/entities';
import type { AuthUser } from '../auth/sessions';
import { type PullPosition, recordsChangedSince } from '../store/records';
import type { Sql } from '../store/sql';

/**
 * Record kinds whose audience (entities.ts) leaves out the user's role: never pulled by them. A
 * koordinator gets no ärende or case work, an admin and a respondent no records at all (today).
 */
export const hiddenFrom = (user: Pick<AuthUser, 'role'>) =>
  ENTITY_NAMES.filter((e) => !audienceOf(e).includes(user.role));

const CURSOR = /^(\d{1,20})(?:\.(\d{1,19}))?$/;
const XID8_MAX = 18_446_744_073_709_551_615n;
const BIGINT_MAX = 9_223_372_036_854_775_807n;

/** The position a cursor names, or null when it is not one the server gives out ("" is "0"). */
export function parseCursor(cursor: string): PullPosition | null {
  const m = CURSOR.exec(cursor === '' ? '0' : cursor);
  if (!m?.[1]) return null;
  // A bare number is a change_seq from before migration 009: position (0, number).
  const [xid, seq] = m[2] === undefined ? [0n, BigInt(m[1])] : [BigInt(m[1]), BigInt(m[2])];
  if (xid > XID8_MAX || seq > BIGINT_MAX) return null;
  return { xid: xid.toString(), seq: seq.toString() };
}

export const formatCursor = (p: PullPosition) => `${p.xid}.${p.seq}`;

const later = (a: PullPosition, b: PullPosition) =>
  BigInt(a.xid) > BigInt(b.xid) || (a.xid === b.xid && BigInt(a.seq) > BigInt(b.seq));

/**
 * One page as the JSON body of the answer ({ changes, cursor, hasMore }, PullResponse). Records
 * are stored as JSON and copied into the body as the database gives them, never parsed here.
 */
export async function pull(sql: Sql, user: AuthUser, after: PullPosition, limit: number): Promise<string> {
  // One row more than asked tells whether another page follows.
  const { horizon, rows } = await recordsChangedSince(sql, {
    forbundId: user.forbundId,
    enhetIds: user.enhetIds,
    after,
    limit: limit + 1,
    hidden: hiddenFrom(user),
  });
  const hasMore = rows.length > limit;
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  // Everything below the horizon has been seen when no page follows: move up to it.
  const reached = hasMore ? last : { xid: horizon, seq: '0' };
  const cursor = reached && later(reached, after) ? reached : after;
  const changes = page.map((r) => `{"entity":${JSON.stringify(r.entity)},"record":${r.data}}`);
  return `{"changes":[${changes.join(',')}],"cursor":"${formatCursor(cursor)}","hasMore":${hasMore}}`;
}
