/**
 * What the `faltsam` command does to accounts, förbund and enheter, on an open database: the same
 * functions run in the server (through the admin socket) and in the command itself (when no server
 * runs). Inputs are checked with the domain's schemas; a refusal is an OpsError with a code the
 * command translates. Every change is audited without a user (done on the server, not in the app).
 */

import { DisplayName, NewEnhet, Password, Username } from '../../domain/admin';
import { DEFAULT_BEHOVSGRUPPER } from '../../domain/arende';
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from '../../domain/storable-text';
import { z } from '../../domain/zod';
import { setOneTimePassword } from '../auth/one-time-password';
import type { ScryptParams } from '../auth/password';
import { createUser } from '../auth/users';
import { randomPassword } from '../demo';
import { writeAudit } from '../store/audit';
import { isUniqueViolation, type Sql } from '../store/sql';
import { createEnhet, createForbund } from '../store/tenants';

export type OpsErrorCode =
  | 'ogiltig'
  | 'forbund_finns'
  | 'forbund_saknas'
  | 'forbund_tvetydigt'
  | 'anvandarnamn_upptaget'
  | 'kod_upptagen'
  | 'anvandare_saknas';

/** A refusal of the command, with a Swedish message and the values it names. */
export class OpsError extends Error {
  constructor(
    readonly code: OpsErrorCode,
    message: string,
    readonly params: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'OpsError';
  }
}

const ForbundNamn = z
  .string()
  .trim()
  .min(1, { message: 'Ange förbundets namn.' })
  .max(200, { message: 'Namnet får vara högst 200 tecken långt.' })
  // eslint-style: no control characters (NUL, newlines) in a name shown everywhere.
  .regex(/^[^\p{Cc}\p{Cs}]+$/u, { message: 'Namnet får inte innehålla styrtecken.' });

/**
 * A password the command sets: also one the sign-in will take. Every request body with a NUL or a
 * lone surrogate is refused at the boundary (server/http.ts), so such a password could never be
 * used to sign in — the account would be locked out by its own one-time password.
 */
const CommandPassword = Password.refine(isStorableText, { message: UNSTORABLE_TEXT_MESSAGE });

export const CreateForbundInput = z.strictObject({
  namn: ForbundNamn,
  adminUsername: Username,
  adminDisplayName: DisplayName.default('Administratör'),
  /** Absent: a random one-time password is made and returned. */
  password: CommandPassword.optional(),
});
export type CreateForbundInput = z.input<typeof CreateForbundInput>;

export const CreateEnhetInput = NewEnhet.extend({ forbund: z.string().trim().min(1).max(200) });
export type CreateEnhetInput = z.input<typeof CreateEnhetInput>;

export const ResetPasswordInput = z.strictObject({
  username: z.string().trim().min(1).max(100),
  password: CommandPassword.optional(),
});
export type ResetPasswordInput = z.input<typeof ResetPasswordInput>;

export interface ForbundSummary {
  id: string;
  namn: string;
  enheter: number;
  users: number;
  admins: string[];
}

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = String(issue?.path[0] ?? '');
  throw new OpsError('ogiltig', issue?.message ?? 'Ogiltiga uppgifter.', { field });
}

/**
 * A förbund with the standard behovsgrupper and its first admin, whose password is one-time: it
 * must be replaced at the first sign-in. Returns the password when it was made here.
 */
export async function createForbundWithAdmin(
  sql: Sql,
  input: CreateForbundInput,
  opts: { now?: Date; scrypt?: ScryptParams } = {},
): Promise<{
  forbund: { id: string; namn: string };
  admin: { id: string; username: string };
  password?: string;
}> {
  const data = parse(CreateForbundInput, input);
  const password = data.password ?? randomPassword();
  const now = opts.now ?? new Date();
  return sql.transaction(async (tx) => {
    const same = await tx.query('select 1 from forbund where lower(namn) = lower($1)', [data.namn]);
    if (same.rows.length > 0)
      throw new OpsError('forbund_finns', `Det finns redan ett förbund som heter ${data.namn}.`, {
        namn: data.namn,
      });
    const forbund = await createForbund(tx, { namn: data.namn, behovsgrupper: DEFAULT_BEHOVSGRUPPER });
    const admin = await createUserOrRefuse(tx, {
      forbundId: forbund.id,
      username: data.adminUsername,
      displayName: data.adminDisplayName,
      password,
      scrypt: opts.scrypt,
      now,
    });
    await tx.query('update app_user set must_change_password = true where id = $1', [admin.id]);
    const audit = { forbundId: forbund.id, userId: null, deviceId: null, at: now };
    await writeAudit(tx, { ...audit, action: 'forbund_create', entity: 'forbund', recordId: forbund.id });
    await writeAudit(tx, { ...audit, action: 'user_create', entity: 'app_user', recordId: admin.id });
    return {
      forbund: { id: forbund.id, namn: forbund.namn },
      admin: { id: admin.id, username: admin.username },
      ...(data.password === undefined ? { password } : {}),
    };
  });
}

async function createUserOrRefuse(
  tx: Sql,
  u: {
    forbundId: string;
    username: string;
    displayName: string;
    password: string;
    scrypt?: ScryptParams;
    now: Date;
  },
): Promise<{ id: string; username: string }> {
  const taken = await tx.query('select 1 from app_user where lower(username) = lower($1)', [u.username]);
  const message = `Användarnamnet ${u.username} är upptaget. Välj ett annat.`;
  if (taken.rows.length > 0) throw new OpsError('anvandarnamn_upptaget', message, { username: u.username });
  try {
    return await createUser(
      tx,
      {
        forbundId: u.forbundId,
        username: u.username,
        displayName: u.displayName,
        role: 'admin',
        password: u.password,
        enhetIds: [],
      },
      u.scrypt,
      u.now,
    );
  } catch (err) {
    if (isUniqueViolation(err))
      throw new OpsError('anvandarnamn_upptaget', message, { username: u.username });
    throw err;
  }
}

export async function listForbund(sql: Sql): Promise<ForbundSummary[]> {
  const { rows } = await sql.query<{
    id: string;
    namn: string;
    enheter: number;
    users: number;
    admins: string[] | null;
  }>(
    `select f.id, f.namn,
            (select count(*)::int from enhet e where e.forbund_id = f.id) as enheter,
            (select count(*)::int from app_user u where u.forbund_id = f.id) as users,
            (select array_agg(u.username order by u.username) from app_user u
              where u.forbund_id = f.id and u.role = 'admin') as admins
       from forbund f order by f.namn, f.id`,
  );
  return rows.map((r) => ({ ...r, admins: r.admins ?? [] }));
}

/** The förbund named by id or by name (case-insensitive); refused when none or several match. */
export async function findForbundBy(sql: Sql, idOrNamn: string): Promise<{ id: string; namn: string }> {
  const byId = z.uuid().safeParse(idOrNamn).success;
  const { rows } = await sql.query<{ id: string; namn: string }>(
    byId
      ? 'select id, namn from forbund where id = $1'
      : 'select id, namn from forbund where lower(namn) = lower($1)',
    [idOrNamn],
  );
  if (rows.length > 1)
    throw new OpsError('forbund_tvetydigt', `Flera förbund heter ${idOrNamn}. Ange förbundets id.`, {
      forbund: idOrNamn,
    });
  const found = rows[0];
  if (!found)
    throw new OpsError('forbund_saknas', `Det finns inget förbund ${idOrNamn}.`, { forbund: idOrNamn });
  return found;
}

export async function createEnhetIn(
  sql: Sql,
  input: CreateEnhetInput,
  now: Date = new Date(),
): Promise<{ id: string; namn: string; kod: string; forbund: { id: string; namn: string } }> {
  const data = parse(CreateEnhetInput, input);
  return sql.transaction(async (tx) => {
    const forbund = await findForbundBy(tx, data.forbund);
    const taken = await tx.query('select 1 from enhet where forbund_id = $1 and kod = $2', [
      forbund.id,
      data.kod,
    ]);
    if (taken.rows.length > 0)
      throw new OpsError('kod_upptagen', `Förbundet har redan en enhet med koden ${data.kod}.`, {
        kod: data.kod,
      });
    const enhet = await createEnhet(tx, { forbundId: forbund.id, namn: data.namn, kod: data.kod });
    await writeAudit(tx, {
      forbundId: forbund.id,
      userId: null,
      deviceId: null,
      action: 'enhet_create',
      entity: 'enhet',
      recordId: enhet.id,
      at: now,
    });
    return { ...enhet, forbund };
  });
}

/**
 * A new one-time password for an account (any role): every session of it ends, and the next
 * sign-in must choose a new password. Returns the password when it was made here.
 */
export async function resetPassword(
  sql: Sql,
  input: ResetPasswordInput,
  opts: { now?: Date; scrypt?: ScryptParams } = {},
): Promise<{ username: string; password?: string }> {
  const data = parse(ResetPasswordInput, input);
  const password = data.password ?? randomPassword();
  const now = opts.now ?? new Date();
  return sql.transaction(async (tx) => {
    const { rows } = await tx.query<{ id: string; username: string; forbund_id: string }>(
      'select id, username, forbund_id from app_user where lower(username) = lower($1)',
      [data.username],
    );
    const user = rows[0];
    if (!user)
      throw new OpsError('anvandare_saknas', `Det finns inget konto ${data.username}.`, {
        username: data.username,
      });
    await setOneTimePassword(tx, user.id, password, now, opts.scrypt);
    await writeAudit(tx, {
      forbundId: user.forbund_id,
      userId: null,
      deviceId: null,
      action: 'password_reset',
      entity: 'app_user',
      recordId: user.id,
      at: now,
    });
    return { username: user.username, ...(data.password === undefined ? { password } : {}) };
  });
}
