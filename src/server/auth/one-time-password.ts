/**
 * One-time passwords: the CLI sets one (`faltsam forbund create`, `faltsam admin reset-password`)
 * and marks the account must_change_password. Such a password never opens a session: the sign-in
 * must carry the user's own new password, which replaces it in the same step.
 */
import { type FirstLoginRequest, MUST_CHANGE_PASSWORD } from '../../domain/first-login';
import { ApiError } from '../errors';
import { revokeUserSessions } from '../store/accounts';
import { writeAudit } from '../store/audit';
import type { Sql } from '../store/sql';
import { hashPassword, type ScryptParams } from './password';

export const ONE_TIME_MESSAGES = {
  mustChange: 'Du har loggat in med ett tillfälligt lösenord. Välj ett eget lösenord för att fortsätta.',
  same: 'Det nya lösenordet måste skilja sig från det tillfälliga.',
  already: 'Lösenordet har redan bytts. Logga in med det nya lösenordet.',
} as const;

/**
 * Called by login() once the one-time password has been verified. Throws 403 losenord_maste_bytas
 * without a new password; otherwise stores it, clears the mark, ends any session the account had
 * and audits the change (never the password).
 */
export async function replaceOneTimePassword(
  sql: Sql,
  now: Date,
  user: { id: string; forbundId: string },
  req: FirstLoginRequest,
): Promise<void> {
  if (req.newPassword === undefined)
    throw new ApiError(403, MUST_CHANGE_PASSWORD, ONE_TIME_MESSAGES.mustChange);
  if (req.newPassword.normalize('NFC') === req.password.normalize('NFC'))
    throw new ApiError(400, 'ogiltig_begaran', ONE_TIME_MESSAGES.same, {
      newPassword: ONE_TIME_MESSAGES.same,
    });
  const hash = await hashPassword(req.newPassword);
  await sql.transaction(async (tx) => {
    // Only while still marked: of two first sign-ins racing, the second finds it changed.
    const { rows } = await tx.query(
      `update app_user set password_hash = $2, must_change_password = false
        where id = $1 and must_change_password returning id`,
      [user.id, hash],
    );
    if (rows.length === 0) throw new ApiError(409, 'losenord_redan_bytt', ONE_TIME_MESSAGES.already);
    await revokeUserSessions(tx, user.id, 'password', now);
    await writeAudit(tx, {
      forbundId: user.forbundId,
      userId: user.id,
      deviceId: null,
      action: 'password_change',
      entity: 'app_user',
      recordId: user.id,
      at: now,
    });
  });
}

/**
 * Sets a one-time password (hashed) and the mark, and ends the account's sessions: the CLI's
 * reset. Call inside the transaction that finds the user.
 */
export async function setOneTimePassword(
  tx: Sql,
  userId: string,
  password: string,
  now: Date,
  scrypt?: ScryptParams,
): Promise<void> {
  const hash = await hashPassword(password, scrypt);
  await tx.query('update app_user set password_hash = $2, must_change_password = true where id = $1', [
    userId,
    hash,
  ]);
  await revokeUserSessions(tx, userId, 'password', now);
}
