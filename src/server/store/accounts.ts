/**
 * What the admin API reads and changes: the förbund's accounts, enheter, devices and sessions.
 * Every query is bounded by the förbund; an id of another förbund reads as "not found".
 */
import type { HalvarGroup, Role } from '../../domain/account';
import type { AdminDevice, AdminSession, AdminUser } from '../../domain/admin';
import type { RevokeReason } from '../auth/sessions';
import type { Sql } from './sql';

const iso = (v: Date | string) => new Date(v).toISOString();
const isoOrNull = (v: Date | string | null) => (v === null ? null : iso(v));

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  respondent_group: HalvarGroup | null;
  enhet_ids: string[] | null;
  disabled_at: Date | string | null;
  created_at: Date | string;
}

const toAdminUser = (r: UserRow): AdminUser => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  respondentGroup: r.respondent_group,
  enhetIds: r.enhet_ids ?? [],
  disabled: r.disabled_at !== null,
  createdAt: iso(r.created_at),
});

const USER_SELECT = `select u.id, u.username, u.display_name, u.role, u.respondent_group, u.disabled_at, u.created_at,
        (select array_agg(ue.enhet_id::text order by ue.enhet_id) from user_enhet ue where ue.user_id = u.id) as enhet_ids
   from app_user u`;

export async function listUsers(sql: Sql, forbundId: string): Promise<AdminUser[]> {
  const { rows } = await sql.query<UserRow>(
    `${USER_SELECT} where u.forbund_id = $1 order by lower(u.username)`,
    [forbundId],
  );
  return rows.map(toAdminUser);
}

export async function findUser(sql: Sql, forbundId: string, id: string): Promise<AdminUser | null> {
  const { rows } = await sql.query<UserRow>(`${USER_SELECT} where u.forbund_id = $1 and u.id = $2`, [
    forbundId,
    id,
  ]);
  return rows[0] ? toAdminUser(rows[0]) : null;
}

export async function updateUser(
  tx: Sql,
  id: string,
  next: Pick<AdminUser, 'displayName' | 'role' | 'respondentGroup' | 'enhetIds' | 'disabled'>,
  now: Date,
): Promise<void> {
  await tx.query(
    `update app_user set display_name = $2, role = $3, respondent_group = $4,
            disabled_at = case when $5 then coalesce(disabled_at, $6::timestamptz) else null end
      where id = $1`,
    [id, next.displayName, next.role, next.respondentGroup, next.disabled, now.toISOString()],
  );
  await tx.query('delete from user_enhet where user_id = $1', [id]);
  await tx.query(
    'insert into user_enhet (user_id, enhet_id) select $1, unnest($2::uuid[]) on conflict do nothing',
    [id, next.enhetIds],
  );
}

export async function setPassword(tx: Sql, id: string, passwordHash: string): Promise<void> {
  await tx.query('update app_user set password_hash = $2 where id = $1', [id, passwordHash]);
}

/** Ends every live session of a user; returns how many. */
export async function revokeUserSessions(
  tx: Sql,
  userId: string,
  reason: RevokeReason,
  now: Date,
): Promise<number> {
  const { rows } = await tx.query(
    `update session set revoked_at = $2, revoked_reason = $3
      where user_id = $1 and revoked_at is null returning id`,
    [userId, now.toISOString(), reason],
  );
  return rows.length;
}

/** The förbund that owns a row of `table` with this id, or null when there is none. */
export async function ownerForbund(
  sql: Sql,
  table: 'app_user' | 'device' | 'session',
  id: string,
): Promise<string | null> {
  const query = {
    app_user: 'select forbund_id from app_user where id = $1',
    device: 'select u.forbund_id from device d join app_user u on u.id = d.user_id where d.id = $1',
    session: 'select u.forbund_id from session s join app_user u on u.id = s.user_id where s.id = $1',
  }[table];
  const { rows } = await sql.query<{ forbund_id: string }>(query, [id]);
  return rows[0]?.forbund_id ?? null;
}

export async function listDevices(sql: Sql, forbundId: string): Promise<AdminDevice[]> {
  const { rows } = await sql.query<{
    id: string;
    user_id: string;
    username: string;
    created_at: Date | string;
    last_seen_at: Date | string;
    revoked_at: Date | string | null;
  }>(
    `select d.id, d.user_id, u.username, d.created_at, d.last_seen_at, d.revoked_at
       from device d join app_user u on u.id = d.user_id
      where u.forbund_id = $1 order by d.last_seen_at desc`,
    [forbundId],
  );
  return rows.map((r) => ({
    id: r.id,
    userId: r.user_id,
    username: r.username,
    createdAt: iso(r.created_at),
    lastSeenAt: iso(r.last_seen_at),
    revokedAt: isoOrNull(r.revoked_at),
  }));
}

/**
 * Revokes the device and ends its sessions. Its pushes are refused from now on, so the answers
 * kept for its resends have no purpose left and are deleted.
 */
export async function revokeDevice(tx: Sql, id: string, now: Date): Promise<void> {
  await tx.query('delete from applied_batch where device_id = $1', [id]);
  await tx.query('update device set revoked_at = coalesce(revoked_at, $2) where id = $1', [
    id,
    now.toISOString(),
  ]);
  await tx.query(
    `update session set revoked_at = $2, revoked_reason = 'device' where device_id = $1 and revoked_at is null`,
    [id, now.toISOString()],
  );
}

/** The förbund's sessions, newest first (at most 1,000). */
export async function listSessions(sql: Sql, forbundId: string): Promise<AdminSession[]> {
  const { rows } = await sql.query<{
    id: string;
    user_id: string;
    username: string;
    device_id: string | null;
    created_at: Date | string;
    expires_at: Date | string;
    revoked_at: Date | string | null;
  }>(
    `select s.id, s.user_id, u.username, s.device_id, s.created_at, s.expires_at, s.revoked_at
       from session s join app_user u on u.id = s.user_id
      where u.forbund_id = $1 order by s.created_at desc, s.id limit 1000`,
    [forbundId],
  );
  return rows.map((r) => ({
    id: r.id,
    userId: r.user_id,
    username: r.username,
    deviceId: r.device_id,
    createdAt: iso(r.created_at),
    expiresAt: iso(r.expires_at),
    revokedAt: isoOrNull(r.revoked_at),
  }));
}

export async function revokeSessionById(tx: Sql, id: string, now: Date): Promise<void> {
  await tx.query(
    `update session set revoked_at = $2, revoked_reason = 'admin' where id = $1 and revoked_at is null`,
    [id, now.toISOString()],
  );
}
