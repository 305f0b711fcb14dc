/**
 * Push-only device credentials (issue 16). A signed-in page asks for one for its device; the
 * service worker then sends sealed outbox entries with it while the app is locked or closed. The
 * token opens POST /api/sync/push-sealed and nothing else (it is not a session token, so every
 * other route answers 401), for the one device it was issued to; it ends with the session that
 * asked for it (logout, expiry, password reset, admin) and with the device (revocation).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { PushCredential } from '../../domain/sealed-push';
import { ApiError, unauthorized } from '../errors';
import { sealKeyOf } from '../store/seal-keys';
import type { Sql } from '../store/sql';
import { type AuthUser, authenticateHash } from './sessions';
import { hashToken } from './tokens';

export const OTHER_USERS_DEVICE = {
  code: 'annan_anvandares_apparat',
  message: 'Den här apparaten är registrerad på en annan användare. Logga ut och in igen på apparaten.',
} as const;

const OTHER_DEVICE = {
  code: 'annan_apparat',
  message: 'Inloggningen hör till en annan apparat. Logga in igen på den här apparaten.',
} as const;

const DEVICE_REVOKED =
  'Den här apparaten har spärrats av en administratör och kan inte synka. Det som inte har synkats finns kvar på apparaten. Kontakta din administratör.';

/** The device and session a credential may push for, as the sealed push route sees them. */
export interface PushAuth {
  user: AuthUser;
  deviceId: string;
  secretHash: string;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** Binds the session to the device (as a first push does) and refuses someone else's device. */
async function claimForSession(tx: Sql, user: AuthUser, deviceId: string, now: Date): Promise<void> {
  if (user.deviceId !== null && user.deviceId !== deviceId) {
    throw new ApiError(403, OTHER_DEVICE.code, OTHER_DEVICE.message);
  }
  await tx.query(
    `insert into device (id, user_id, created_at, last_seen_at) values ($1, $2, $3, $3)
     on conflict (id) do nothing`,
    [deviceId, user.id, now.toISOString()],
  );
  const { rows } = await tx.query<{ user_id: string; revoked_at: unknown }>(
    'select user_id, revoked_at from device where id = $1 for update',
    [deviceId],
  );
  const device = rows[0];
  if (!device || device.user_id !== user.id) {
    throw new ApiError(403, OTHER_USERS_DEVICE.code, OTHER_USERS_DEVICE.message);
  }
  if (device.revoked_at !== null) throw new ApiError(403, 'apparat_sparrad', DEVICE_REVOKED);
  await tx.query('update session set device_id = $1 where token_hash = $2 and device_id is null', [
    deviceId,
    user.tokenHash,
  ]);
}

/** A new credential for the session's device; an earlier one of the same session stops working. */
export async function issuePushCredential(
  sql: Sql,
  user: AuthUser,
  deviceId: string,
  now: Date,
): Promise<PushCredential> {
  return sql.transaction(async (tx) => {
    await claimForSession(tx, user, deviceId, now);
    const token = randomBytes(32).toString('base64url');
    const secret = randomBytes(32).toString('base64url');
    await tx.query('delete from push_credential where session_id = $1', [user.sessionId]);
    await tx.query(
      `insert into push_credential (token_hash, session_id, device_id, secret_hash, created_at)
       values ($1, $2, $3, $4, $5)`,
      [hashToken(token), user.sessionId, deviceId, sha256(secret), now.toISOString()],
    );
    return { deviceId, token, secret, sealKey: await sealKeyOf(tx, user.forbundId, now) };
  });
}

/**
 * The device and user behind a push token. An unknown token is a 401 like any other; a known one
 * whose session or device has ended gets that session's own 401 (sessions.ts).
 */
export async function authenticatePush(sql: Sql, token: string, now: Date): Promise<PushAuth> {
  const { rows } = await sql.query<{ session_hash: string; device_id: string; secret_hash: string }>(
    `select s.token_hash as session_hash, p.device_id, p.secret_hash
       from push_credential p join session s on s.id = p.session_id
      where p.token_hash = $1`,
    [hashToken(token)],
  );
  const cred = rows[0];
  if (!cred) throw await notAPushToken(sql, token);
  const user = await authenticateHash(sql, cred.session_hash, now);
  // The session was bound to this device when the credential was issued; anything else is not it.
  if (user.deviceId !== cred.device_id) throw unauthorized();
  return { user, deviceId: cred.device_id, secretHash: cred.secret_hash };
}

/**
 * A session token on the push route is refused as that user's (so the audit names them), anything
 * else as unknown. Looked up without checking or renewing the session: a refusal changes nothing.
 */
async function notAPushToken(sql: Sql, token: string): Promise<ApiError> {
  const { rows } = await sql.query<{ user_id: string; forbund_id: string; device_id: string | null }>(
    `select s.user_id, u.forbund_id, s.device_id from session s join app_user u on u.id = s.user_id
      where s.token_hash = $1`,
    [hashToken(token)],
  );
  const s = rows[0];
  if (!s) return unauthorized();
  return new ApiError(
    401,
    'ej_pushnyckel',
    'Den här adressen tar bara emot apparatens förseglade ändringar.',
  ).about({ userId: s.user_id, forbundId: s.forbund_id, deviceId: s.device_id });
}

/** Whether `secret` is the one issued with the credential (compared in constant time). */
export function secretMatches(auth: PushAuth, secret: string): boolean {
  const a = Buffer.from(sha256(secret), 'hex');
  const b = Buffer.from(auth.secretHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
