/**
 * What the server knows about a device's unsynced work, for gallring: when the device last completed
 * a sync (its pull, which the device makes only after pushing everything queued), and whether it
 * was signed out since (the app then wipes it). Ids and times only.
 */
import type { Sql } from './sql';

/**
 * Records that `deviceId` of `userId` completed a sync at `now` (registering it if it is new, and
 * tying the session to it). A device id of another user is left alone: its pushes are refused too.
 */
export async function recordDeviceSync(
  sql: Sql,
  q: { deviceId: string; userId: string; tokenHash: string; now: Date },
): Promise<void> {
  // One statement (a pull names its device on every page). The session is tied to the device when
  // it is this user's: registered by this statement (marked) or before it (a statement's parts
  // see the table as it was when the statement began, so the two cases are asked apart).
  await sql.query(
    `with marked as (
       insert into device (id, user_id, created_at, last_seen_at, synced_at) values ($1, $2, $3, $3, $3)
       on conflict (id) do update set synced_at = $3, signed_out_at = null
        where device.user_id = $2 and device.revoked_at is null
       returning id)
     update session set device_id = $1 where token_hash = $4 and device_id is null
        and (exists (select 1 from marked) or exists (select 1 from device where id = $1 and user_id = $2))`,
    [q.deviceId, q.userId, q.now.toISOString(), q.tokenHash],
    { prepared: true },
  );
}

/** The device of the session signs out: the app wipes what it held, so it holds nothing unsynced. */
export async function markDeviceSignedOut(sql: Sql, tokenHash: string, now: Date): Promise<void> {
  await sql.query(
    `update device set signed_out_at = $2
      where id = (select device_id from session where token_hash = $1)`,
    [tokenHash, now.toISOString()],
  );
}
