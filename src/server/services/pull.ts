/**
 * GET /sync/pull: the user's changes and removals after a cursor, one page at a time, with the
 * scope they were computed for; or, for a device that gained an enhet or a record kind, a backfill
 * of those records from before its cursor. Everything is evaluated against the user as
 * authenticated for this request, so a page and its scope always agree.
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
 * Removals (migration 010) are positioned the same way – record_removal has a change_xid stamped
 * by the same trigger – and merged in (change_xid, change_seq) order. A cursor is
 * "<change_xid>.<change_seq>"; a bare number (a device's cursor from before migration 009) is
 * "0.<number>", since every row older than 009 has xid 0.
 */
import { audienceOf, ENTITIES, ENTITY_NAMES } from '../../domain/entities';
import type { PullResponse, SyncScope } from '../../domain/sync-protocol';
import type { AuthUser } from '../auth/sessions';
import {
  type Backfill,
  backfillSince,
  changesSince,
  countBackfill,
  countSince,
  type PullPosition,
  type PullScope,
} from '../store/records';
import type { Sql } from '../store/sql';

/**
 * Record kinds whose audience (entities.ts) leaves out the user's role: never pulled by them. A
 * koordinator gets no ärende or case work, an admin and a respondent no records at all (today).
 */
export const hiddenFrom = (user: Pick<AuthUser, 'role'>) =>
  ENTITY_NAMES.filter((e) => !audienceOf(e).includes(user.role));

/** The kinds and enheter the user's device may hold (write-once kinds are never pulled). */
export function scopeOf(user: Pick<AuthUser, 'role' | 'enhetIds'>): SyncScope {
  const hidden = new Set<string>(hiddenFrom(user));
  return {
    enhetIds: [...user.enhetIds].sort(),
    entities: ENTITY_NAMES.filter((e) => !hidden.has(e) && !ENTITIES[e].appendOnly),
  };
}

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

export interface PullRequest {
  /** The position of the last change the device has ((0, 0) = from the beginning). */
  cursor: PullPosition;
  limit: number;
  /** Also count what follows the cursor (the device asks on a round's first page). */
  count: boolean;
  backfill?: Backfill | undefined;
  /** The asking device: the records it wrote itself and holds as they are are not sent again. */
  deviceId?: string | undefined;
}

/**
 * The page as the UTF-8 JSON of a PullResponse. The records come from the database as one text,
 * each as it stored it (store/records.ts PulledPage), so none is parsed or serialised here.
 */
export async function pull(sql: Sql, user: AuthUser, req: PullRequest): Promise<Uint8Array<ArrayBuffer>> {
  const scope: PullScope = {
    forbundId: user.forbundId,
    userId: user.id,
    enhetIds: user.enhetIds,
    hidden: hiddenFrom(user),
    // A device that dropped records and starts over from cursor 0 names none until it has caught
    // up (db/meta.ts startingOver), so it gets its own writes too.
    deviceId: req.backfill ? null : (req.deviceId ?? null),
  };
  const page = req.backfill
    ? await backfillSince(sql, scope, req.cursor, req.limit, req.backfill)
    : await changesSince(sql, scope, req.cursor, req.limit);
  // The count of what follows the cursor (for the device's progress line; a round's first page
  // asks for it) is needed only when another page follows: otherwise this page is all of it, and
  // most rounds are one page.
  const total = !req.count
    ? undefined
    : !page.hasMore
      ? page.sent
      : await (req.backfill
          ? countBackfill(sql, scope, req.cursor, req.backfill)
          : countSince(sql, scope, req.cursor));
  // Everything of the feed below the horizon has been seen when no page follows: move up to it.
  const reached = page.hasMore || page.horizon === null ? page.last : { xid: page.horizon, seq: '0' };
  const cursor = reached && later(reached, req.cursor) ? reached : req.cursor;
  const rest: Omit<PullResponse, 'changes'> = {
    removals: page.removals,
    forbundId: user.forbundId,
    scope: scopeOf(user),
    cursor: formatCursor({ xid: cursor.xid, seq: cursor.seq }),
    hasMore: page.hasMore,
    ...(total === undefined ? {} : { total }),
  };
  // One copy of the records' text, encoded once; a fresh buffer of its own (never a
  // SharedArrayBuffer), as a response body is typed.
  return Buffer.concat([
    OPEN,
    Buffer.from(page.changes ?? ''),
    Buffer.from(`],${JSON.stringify(rest).slice(1)}`),
  ]) as Uint8Array<ArrayBuffer>;
}

const OPEN = Buffer.from('{"changes":[');
