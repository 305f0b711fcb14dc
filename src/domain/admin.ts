/**
 * The admin API: an admin manages the accounts, enheter, devices and sessions of their own förbund
 * and reads its audit log. Never records (ärenden, case work, responses). All routes answer JSON;
 * errors have the API's one shape `{ error: { code, message, fields? } }` with Swedish messages.
 *
 * Every route needs a signed-in admin: 401 without a valid session, 403 for any other role. An id of
 * another förbund is a 404 (as if it did not exist). Every change is written to the audit log
 * (actor, device, action, target id, time — never a password or other content).
 *
 *   GET   /api/admin/users                 → 200 AdminUsersResponse { users }
 *   POST  /api/admin/users                 NewAdminUser → 201 AdminUserResponse { user }
 *                                          (409 anvandarnamn_upptaget when the username is taken)
 *   PATCH /api/admin/users/:id             AdminUserPatch → 200 AdminUserResponse { user }
 *                                          (disabling a user or changing role/enheter ends their sessions
 *                                          on their next request: disabled → 401)
 *   POST  /api/admin/users/:id/password    PasswordReset → 204 (every session of that user is revoked)
 *   GET   /api/admin/enheter               → 200 AdminEnheterResponse { enheter }
 *   POST  /api/admin/enheter               NewEnhet → 201 AdminEnhetResponse { enhet }
 *                                          (409 kod_upptagen when the förbund already has the kod)
 *   GET   /api/admin/devices               → 200 AdminDevicesResponse { devices }
 *   POST  /api/admin/devices/:id/revoke    → 204 (its sessions revoked; its pushes refused from then on)
 *   GET   /api/admin/sessions              → 200 AdminSessionsResponse { sessions } (`id` is a public
 *                                          id, never the token or its hash)
 *   POST  /api/admin/sessions/:id/revoke   → 204
 *   GET   /api/admin/audit?before=<id>&limit=<n>
 *                                          → 200 AuditPage { events, next } newest first; `next` is the
 *                                          `before` of the following page, null on the last one
 *
 * The förbund's settings, behovsgrupper and gallring: src/domain/forbund-admin.ts.
 *
 * An admin cannot disable their own account, take away their own admin role, or revoke the session
 * they are using (400 with a message saying so): the förbund would lose its last way in.
 */

import { Enhet, HalvarGroup, Role } from './account';
import { Id, id } from './id';
import { PASSWORD_MESSAGES, passwordRuleIssue } from './password-rules';
import { z } from './zod';

/** The minimum length of a password, set by an admin or by the user. */
export const PASSWORD_MIN_LENGTH = 12;

/**
 * A new password: at least 12 characters and not one repeated character; the user name and the
 * server's list of common passwords are checked where they are known (password-rules.ts).
 */
export const Password = z
  .string({ error: 'Ange ett lösenord.' })
  .min(PASSWORD_MIN_LENGTH, {
    message: `Lösenordet måste vara minst ${PASSWORD_MIN_LENGTH} tecken långt.`,
  })
  .max(200, { message: 'Lösenordet får vara högst 200 tecken långt.' })
  .refine((p) => new Set(p).size > 1, { message: PASSWORD_MESSAGES.repeated });

export const Username = z
  .string({ error: 'Ange ett användarnamn.' })
  .trim()
  .min(3, { message: 'Användarnamnet måste vara minst 3 tecken långt.' })
  .max(60, { message: 'Användarnamnet får vara högst 60 tecken långt.' })
  .regex(/^[A-Za-z0-9._-]+$/, {
    message: 'Användarnamnet får bara innehålla a–z, A–Z, siffror, punkt, bindestreck och understreck.',
  });

export const DisplayName = z
  .string({ error: 'Ange ett namn.' })
  .trim()
  .min(1, { message: 'Ange ett namn.' })
  .max(100, { message: 'Namnet får vara högst 100 tecken långt.' });

const EnhetIds = z
  .array(id('Enheten finns inte.'))
  .max(500, { message: 'För många enheter.' })
  .refine((ids) => new Set(ids).size === ids.length, { message: 'En enhet är vald två gånger.' });

/** An account as the admin sees it (never its password hash). */
export const AdminUser = z.object({
  id: Id,
  username: z.string(),
  displayName: z.string(),
  role: Role,
  respondentGroup: HalvarGroup.nullable(),
  enhetIds: z.array(Id),
  disabled: z.boolean(),
  createdAt: z.iso.datetime(),
});
export type AdminUser = z.infer<typeof AdminUser>;

/**
 * The rules across role, group and enheter, for a new account and for an account after a change:
 * a respondent has a group and only a respondent has one; a handläggare has at least one enhet.
 */
export function accountIssues(a: {
  role: Role;
  respondentGroup?: HalvarGroup | null;
  enhetIds: readonly string[];
}): { path: 'respondentGroup' | 'enhetIds'; message: string }[] {
  const issues: { path: 'respondentGroup' | 'enhetIds'; message: string }[] = [];
  if (a.role === 'respondent' && !a.respondentGroup)
    issues.push({ path: 'respondentGroup', message: 'En halvårsrespondent måste ha en grupp.' });
  if (a.role !== 'respondent' && a.respondentGroup)
    issues.push({ path: 'respondentGroup', message: 'Bara en halvårsrespondent har en grupp.' });
  if (a.role === 'handlaggare' && a.enhetIds.length === 0)
    issues.push({ path: 'enhetIds', message: 'En handläggare måste ha minst en enhet.' });
  return issues;
}

/** POST /api/admin/users. */
export const NewAdminUser = z
  .strictObject({
    username: Username,
    displayName: DisplayName,
    role: Role,
    respondentGroup: HalvarGroup.nullable().optional(),
    enhetIds: EnhetIds,
    password: Password,
  })
  .superRefine((u, ctx) => {
    for (const i of accountIssues(u)) ctx.addIssue({ code: 'custom', path: [i.path], message: i.message });
    const password = passwordRuleIssue(u.password, u.username);
    if (password) ctx.addIssue({ code: 'custom', path: ['password'], message: password });
  });
export type NewAdminUser = z.infer<typeof NewAdminUser>;

/** PATCH /api/admin/users/:id: any subset; the server checks accountIssues on the result. */
export const AdminUserPatch = z
  .strictObject({
    displayName: DisplayName.optional(),
    role: Role.optional(),
    respondentGroup: HalvarGroup.nullable().optional(),
    enhetIds: EnhetIds.optional(),
    disabled: z.boolean({ error: 'Ange om kontot är spärrat (true/false).' }).optional(),
  })
  .refine((p) => Object.keys(p).length > 0, { message: 'Ingen ändring angavs.' });
export type AdminUserPatch = z.infer<typeof AdminUserPatch>;

/** POST /api/admin/users/:id/password. */
export const PasswordReset = z.strictObject({ password: Password });
export type PasswordReset = z.infer<typeof PasswordReset>;

export const AdminUsersResponse = z.object({ users: z.array(AdminUser) });
export type AdminUsersResponse = z.infer<typeof AdminUsersResponse>;
export const AdminUserResponse = z.object({ user: AdminUser });
export type AdminUserResponse = z.infer<typeof AdminUserResponse>;

/** POST /api/admin/enheter. */
export const NewEnhet = z.strictObject({
  namn: z
    .string({ error: 'Ange enhetens namn.' })
    .trim()
    .min(1, { message: 'Ange enhetens namn.' })
    .max(120, { message: 'Namnet får vara högst 120 tecken långt.' }),
  kod: z
    .string({ error: 'Ange enhetens kod.' })
    .trim()
    .regex(/^[A-ZÅÄÖ]{2,4}$/, {
      message: 'Koden ska vara 2–4 versaler (A–Ö), t.ex. NOR. Den inleder ärendenas koder.',
    }),
});
export type NewEnhet = z.infer<typeof NewEnhet>;

export const AdminEnheterResponse = z.object({ enheter: z.array(Enhet) });
export type AdminEnheterResponse = z.infer<typeof AdminEnheterResponse>;
export const AdminEnhetResponse = z.object({ enhet: Enhet });
export type AdminEnhetResponse = z.infer<typeof AdminEnhetResponse>;

/** A registered device (registered on its first push). */
export const AdminDevice = z.object({
  id: Id,
  userId: Id,
  username: z.string(),
  createdAt: z.iso.datetime(),
  lastSeenAt: z.iso.datetime(),
  revokedAt: z.iso.datetime().nullable(),
});
export type AdminDevice = z.infer<typeof AdminDevice>;
export const AdminDevicesResponse = z.object({ devices: z.array(AdminDevice) });
export type AdminDevicesResponse = z.infer<typeof AdminDevicesResponse>;

/** A session; `id` is a public id (never the token or its hash). Newest first. */
export const AdminSession = z.object({
  id: Id,
  userId: Id,
  username: z.string(),
  deviceId: Id.nullable(),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  revokedAt: z.iso.datetime().nullable(),
});
export type AdminSession = z.infer<typeof AdminSession>;
export const AdminSessionsResponse = z.object({ sessions: z.array(AdminSession) });
export type AdminSessionsResponse = z.infer<typeof AdminSessionsResponse>;

/**
 * Audit actions: login, logout, create, update (records, by field name), refused (a request
 * outside the user's förbund, enheter or role), and the admin's user_create, user_update,
 * password_reset, enhet_create, device_revoke, session_revoke; the user's own password_change (a
 * one-time password replaced at sign-in); forbund_create. Done with the `faltsam` command on the
 * server, user_create, enhet_create, password_reset and forbund_create have no user.
 */
export const AuditEvent = z.object({
  /** Digits (a bigint as text): pass it as `before` to page further back. */
  id: z.string().regex(/^\d+$/),
  at: z.iso.datetime(),
  userId: Id.nullable(),
  username: z.string().nullable(),
  deviceId: Id.nullable(),
  action: z.string(),
  entity: z.string().nullable(),
  recordId: Id.nullable(),
  /** Names of the fields changed (or refused), never their values. */
  fields: z.array(z.string()).nullable(),
  /** For a refusal: the route ("POST /api/rounds") and why (the error's code, e.g. ej_behorig). */
  route: z.string().nullable(),
  reason: z.string().nullable(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AUDIT_PAGE_MAX = 200;
export const AUDIT_PAGE_DEFAULT = 50;

export const AuditPage = z.object({ events: z.array(AuditEvent), next: z.string().nullable() });
export type AuditPage = z.infer<typeof AuditPage>;

/** Swedish labels for the audit actions the admin screen shows. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  login: 'Inloggning',
  logout: 'Utloggning',
  create: 'Skapade',
  update: 'Ändrade',
  refused: 'Nekad åtkomst',
  user_create: 'Skapade konto',
  user_update: 'Ändrade konto',
  password_reset: 'Nytt lösenord',
  enhet_create: 'Skapade enhet',
  device_revoke: 'Spärrade apparat',
  session_revoke: 'Avslutade session',
  delete: 'Tog bort',
  settings_update: 'Ändrade förbundets inställningar',
  behovsgrupp_create: 'Lade till behovsgrupp',
  behovsgrupp_update: 'Ändrade behovsgrupp',
  gallrad: 'Gallrade',
  gallring_run: 'Körde gallring',
  password_change: 'Bytte tillfälligt lösenord',
  forbund_create: 'Skapade förbundet',
};
