/**
 * Sign-in and sessions. A session lasts 30 days so a device can work offline between syncs; it
 * ends early only when signed out (revoked). Wrong username and wrong password look the same.
 */
import type { LoginRequest, LoginResponse, Role } from '../../domain/account';
import type { Sql } from '../store/sql';
import { verifyPassword } from './password';
import { hashToken, newSessionToken } from './tokens';
import { loadSessionUser } from './users';

export const SESSION_DAYS = 30;

/** The signed-in user as every authenticated route sees it. */
export interface AuthUser {
  id: string;
  username: string;
  role: Role;
  forbundId: string;
  /** The enheter whose records the user may read and write. */
  enhetIds: string[];
  tokenHash: string;
}

/** null when the username or password is wrong. */
export async function login(sql: Sql, now: Date, req: LoginRequest): Promise<LoginResponse | null> {
  const { rows } = await sql.query<{ id: string; forbund_id: string; password_hash: string }>(
    'select id, forbund_id, password_hash from app_user where lower(username) = lower($1)',
    [req.username],
  );
  const user = rows[0];
  const ok = await verifyPassword(req.password, user?.password_hash ?? null);
  if (!user || !ok) return null;
  const token = newSessionToken();
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 24 * 3600 * 1000);
  await sql.query(
    'insert into session (token_hash, user_id, created_at, expires_at) values ($1, $2, $3, $4)',
    [hashToken(token), user.id, now.toISOString(), expiresAt.toISOString()],
  );
  await sql.query(`insert into audit_event (at, forbund_id, user_id, action) values ($1, $2, $3, 'login')`, [
    now.toISOString(),
    user.forbund_id,
    user.id,
  ]);
  return { token, expiresAt: expiresAt.toISOString(), user: await loadSessionUser(sql, user.id) };
}

/** The user behind a bearer token, or null when it is unknown, expired or signed out. */
export async function authenticate(sql: Sql, token: string, now: Date): Promise<AuthUser | null> {
  const tokenHash = hashToken(token);
  const { rows } = await sql.query<{
    id: string;
    username: string;
    role: Role;
    forbund_id: string;
    enhet_ids: string[] | null;
  }>(
    `select u.id, u.username, u.role, u.forbund_id,
            (select array_agg(ue.enhet_id::text) from user_enhet ue where ue.user_id = u.id) as enhet_ids
       from session s join app_user u on u.id = s.user_id
      where s.token_hash = $1 and s.revoked_at is null and s.expires_at > $2`,
    [tokenHash, now.toISOString()],
  );
  const u = rows[0];
  if (!u) return null;
  return {
    id: u.id,
    username: u.username,
    role: u.role,
    forbundId: u.forbund_id,
    enhetIds: u.enhet_ids ?? [],
    tokenHash,
  };
}

export async function revokeSession(sql: Sql, user: AuthUser, now: Date): Promise<void> {
  await sql.query('update session set revoked_at = $2 where token_hash = $1 and revoked_at is null', [
    user.tokenHash,
    now.toISOString(),
  ]);
  await sql.query(`insert into audit_event (at, forbund_id, user_id, action) values ($1, $2, $3, 'logout')`, [
    now.toISOString(),
    user.forbundId,
    user.id,
  ]);
}
