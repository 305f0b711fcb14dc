/** Accounts: creation (demo set-up, tests, later admin) and what a signed-in user may reach. */
import { randomUUID } from 'node:crypto';
import { type Enhet, type HalvarGroup, type Role, SessionUser } from '../../domain/account';
import type { Sql } from '../store/sql';
import { hashPassword, type ScryptParams } from './password';

export interface NewUser {
  forbundId: string;
  username: string;
  displayName: string;
  role: Role;
  /** Required for a respondent, absent (null) for every other role. */
  respondentGroup?: HalvarGroup | null;
  password: string;
  /** Enheter of the same förbund whose ärenden the user may see and edit. */
  enhetIds: readonly string[];
}

export interface CreatedUser {
  id: string;
  forbundId: string;
  username: string;
  displayName: string;
  role: Role;
  respondentGroup: HalvarGroup | null;
  enhetIds: string[];
}

/** Throws when the username is taken or an enhet is not in the förbund. */
export async function createUser(
  sql: Sql,
  input: NewUser,
  scrypt?: ScryptParams,
  now?: Date,
): Promise<CreatedUser> {
  const passwordHash = await hashPassword(input.password, scrypt);
  const user: CreatedUser = {
    id: randomUUID(),
    forbundId: input.forbundId,
    username: input.username.trim(),
    displayName: input.displayName,
    role: input.role,
    respondentGroup: input.respondentGroup ?? null,
    enhetIds: [...new Set(input.enhetIds)],
  };
  await sql.transaction(async (tx) => {
    const { rows } = await tx.query<{ n: number }>(
      'select count(*)::int as n from enhet where forbund_id = $1 and id = any($2::uuid[])',
      [user.forbundId, user.enhetIds],
    );
    if (rows[0]?.n !== user.enhetIds.length)
      throw new Error('Every enhet of a user must belong to its förbund');
    await tx.query(
      `insert into app_user (id, forbund_id, username, display_name, role, respondent_group, password_hash, created_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        user.id,
        user.forbundId,
        user.username,
        user.displayName,
        user.role,
        user.respondentGroup,
        passwordHash,
        (now ?? new Date()).toISOString(),
      ],
    );
    for (const enhetId of user.enhetIds) {
      await tx.query('insert into user_enhet (user_id, enhet_id) values ($1, $2)', [user.id, enhetId]);
    }
  });
  return user;
}

/** The account as the device keeps it offline: förbund, code list and enheter included. */
export async function loadSessionUser(sql: Sql, userId: string): Promise<SessionUser> {
  const { rows } = await sql.query<{
    id: string;
    username: string;
    display_name: string;
    role: Role;
    respondent_group: HalvarGroup | null;
    forbund_id: string;
    forbund_namn: string;
    behovsgrupper: unknown;
    steg_intervall_manader: number;
    gallring_ar: number | null;
  }>(
    `select u.id, u.username, u.display_name, u.role, u.respondent_group, f.id as forbund_id, f.namn as forbund_namn, f.behovsgrupper,
            f.steg_intervall_manader, f.gallring_ar
       from app_user u join forbund f on f.id = u.forbund_id where u.id = $1`,
    [userId],
  );
  const u = rows[0];
  if (!u) throw new Error(`No user ${userId}`);
  const enheter = await sql.query<Enhet>(
    `select e.id, e.namn, e.kod from enhet e join user_enhet ue on ue.enhet_id = e.id
      where ue.user_id = $1 order by e.namn`,
    [userId],
  );
  return SessionUser.parse({
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    role: u.role,
    respondentGroup: u.respondent_group,
    forbund: {
      id: u.forbund_id,
      namn: u.forbund_namn,
      behovsgrupper: u.behovsgrupper,
      settings: { stegIntervallManader: u.steg_intervall_manader, gallringAr: u.gallring_ar },
    },
    enheter: enheter.rows,
  });
}
