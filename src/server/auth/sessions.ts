/**
 * Sign-in and sessions. A session ends after 30 days without use, renewed by every use up to an
 * absolute end of 76–90 days (session-lifetime.ts), so a device can work offline between syncs. It
 * ends early when signed out, revoked by an admin, when the user's password is reset, when its
 * device is revoked or when the account is disabled; each of these is a 401 with its own Swedish
 * message on every authenticated route. Wrong username and wrong password look the same.
 */
import { randomUUID } from 'node:crypto';
import type { HalvarGroup, LoginResponse, Role } from '../../domain/account';
import type { FirstLoginRequest } from '../../domain/first-login';
import { ApiError, MESSAGES } from '../errors';
import { markDeviceSignedOut } from '../store/device-sync';
import type { Sql } from '../store/sql';
import { replaceOneTimePassword } from './one-time-password';
import { verifyPassword } from './password';
import { newSessionLifetime, renewedExpiry } from './session-lifetime';
import { hashToken, newSessionToken } from './tokens';
import { loadSessionUser } from './users';

/** The signed-in user as every authenticated route sees it. */
export interface AuthUser {
  id: string;
  username: string;
  role: Role;
  respondentGroup: HalvarGroup | null;
  forbundId: string;
  /** The enheter whose records the user may read and write. */
  enhetIds: string[];
  tokenHash: string;
  /** The session's public id. */
  sessionId: string;
  /** The device the session has pushed from, once it has. */
  deviceId: string | null;
}

export type RevokeReason = 'logout' | 'admin' | 'password' | 'device';

/** Why a token does not sign anyone in: code and message of the 401. */
export const SESSION_ENDED = {
  okand: { code: 'ej_inloggad', message: MESSAGES.ejInloggad },
  utgangen: {
    code: 'session_utgangen',
    message:
      'Din inloggning har gått ut (30 dagar utan användning, eller längsta tiden för en inloggning). Logga in igen.',
  },
  logout: { code: 'utloggad', message: 'Du har loggat ut. Logga in igen.' },
  admin: {
    code: 'session_avslutad',
    message: 'En administratör har avslutat din inloggning. Logga in igen.',
  },
  password: {
    code: 'losenord_bytt',
    message: 'Lösenordet till ditt konto har bytts. Logga in igen med det nya lösenordet.',
  },
  device: {
    code: 'apparat_sparrad',
    message: 'Den här apparaten har spärrats av en administratör. Kontakta din administratör.',
  },
  sparrad: { code: 'konto_sparrat', message: 'Ditt konto är spärrat. Kontakta din administratör.' },
} as const;

export type LoginResult =
  | { ok: true; session: LoginResponse }
  | { ok: false; reason: 'fel' | 'sparrad'; userId: string | null; forbundId: string | null };

/**
 * With a one-time password (must_change_password) no session is given until `req.newPassword`
 * replaces it: replaceOneTimePassword throws the 403 or 400 that says so.
 */
export async function login(sql: Sql, now: Date, req: FirstLoginRequest): Promise<LoginResult> {
  const { rows } = await sql.query<{
    id: string;
    forbund_id: string;
    password_hash: string;
    disabled_at: string | null;
    must_change_password: boolean;
  }>(
    'select id, forbund_id, password_hash, disabled_at, must_change_password from app_user where lower(username) = lower($1)',
    [req.username],
  );
  const user = rows[0];
  const ok = await verifyPassword(req.password, user?.password_hash ?? null);
  const failed = { ok: false, userId: user?.id ?? null, forbundId: user?.forbund_id ?? null } as const;
  if (!user || !ok) return { ...failed, reason: 'fel' };
  // Said only to someone who knows the password: no way to probe which accounts exist.
  if (user.disabled_at !== null) return { ...failed, reason: 'sparrad' };
  if (user.must_change_password)
    await replaceOneTimePassword(sql, now, { id: user.id, forbundId: user.forbund_id }, req);
  const token = newSessionToken();
  const { expiresAt, absoluteExpiresAt } = newSessionLifetime(now);
  await sql.query(
    `insert into session (id, token_hash, user_id, created_at, expires_at, absolute_expires_at)
     values ($1, $2, $3, $4, $5, $6)`,
    [
      randomUUID(),
      hashToken(token),
      user.id,
      now.toISOString(),
      expiresAt.toISOString(),
      absoluteExpiresAt.toISOString(),
    ],
  );
  await sql.query(`insert into audit_event (at, forbund_id, user_id, action) values ($1, $2, $3, 'login')`, [
    now.toISOString(),
    user.forbund_id,
    user.id,
  ]);
  return {
    ok: true,
    session: { token, expiresAt: expiresAt.toISOString(), user: await loadSessionUser(sql, user.id) },
  };
}

/** The user behind a bearer token; throws the 401 that says why when the session is not valid. */
export function authenticate(sql: Sql, token: string, now: Date): Promise<AuthUser> {
  return authenticateHash(sql, hashToken(token), now);
}

/** The same by the token's hash: a push credential names its session by it (auth/push-credential.ts). */
export async function authenticateHash(sql: Sql, tokenHash: string, now: Date): Promise<AuthUser> {
  const { rows } = await sql.query<{
    session_id: string;
    device_id: string | null;
    expires_at: Date | string;
    absolute_expires_at: Date | string;
    revoked_at: Date | string | null;
    revoked_reason: RevokeReason | null;
    device_revoked_at: Date | string | null;
    id: string;
    username: string;
    role: Role;
    respondent_group: HalvarGroup | null;
    forbund_id: string;
    disabled_at: Date | string | null;
    enhet_ids: string[] | null;
  }>(
    `select s.id as session_id, s.device_id, s.expires_at, s.absolute_expires_at, s.revoked_at, s.revoked_reason,
            d.revoked_at as device_revoked_at,
            u.id, u.username, u.role, u.respondent_group, u.forbund_id, u.disabled_at,
            (select array_agg(ue.enhet_id::text) from user_enhet ue where ue.user_id = u.id) as enhet_ids
       from session s join app_user u on u.id = s.user_id left join device d on d.id = s.device_id
      where s.token_hash = $1`,
    [tokenHash],
    { prepared: true },
  );
  const u = rows[0];
  if (!u) throw new ApiError(401, SESSION_ENDED.okand.code, SESSION_ENDED.okand.message);
  // A known session that has ended: the refusal is audited as that user's, on that device.
  const ended = (why: keyof typeof SESSION_ENDED) =>
    new ApiError(401, SESSION_ENDED[why].code, SESSION_ENDED[why].message).about({
      userId: u.id,
      forbundId: u.forbund_id,
      deviceId: u.device_id,
    });
  if (u.disabled_at !== null) throw ended('sparrad');
  if (u.device_revoked_at !== null) throw ended('device');
  if (u.revoked_at !== null) throw ended(u.revoked_reason ?? 'logout');
  const lifetime = { expiresAt: new Date(u.expires_at), absoluteExpiresAt: new Date(u.absolute_expires_at) };
  if (lifetime.expiresAt.getTime() <= now.getTime()) throw ended('utgangen');
  const renewed = renewedExpiry(now, lifetime);
  if (renewed)
    await sql.query(
      'update session set expires_at = $2 where token_hash = $1 and expires_at < $2',
      [tokenHash, renewed.toISOString()],
      { prepared: true },
    );
  return {
    id: u.id,
    username: u.username,
    role: u.role,
    respondentGroup: u.respondent_group,
    forbundId: u.forbund_id,
    enhetIds: u.enhet_ids ?? [],
    tokenHash,
    sessionId: u.session_id,
    deviceId: u.device_id,
  };
}

export async function revokeSession(sql: Sql, user: AuthUser, now: Date): Promise<void> {
  await markDeviceSignedOut(sql, user.tokenHash, now);
  await sql.query(
    `update session set revoked_at = $2, revoked_reason = 'logout' where token_hash = $1 and revoked_at is null`,
    [user.tokenHash, now.toISOString()],
  );
  await sql.query(`insert into audit_event (at, forbund_id, user_id, action) values ($1, $2, $3, 'logout')`, [
    now.toISOString(),
    user.forbundId,
    user.id,
  ]);
}
