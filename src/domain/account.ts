/** Accounts and sessions as the device sees them: what login returns and the device keeps offline. */
import { Id } from './id';
import { z } from './zod';

/**
 * handläggare: case work on the ärenden of their own enheter. koordinator: aggregates and survey
 * rounds, never a single ärende. admin: manages the förbund (users, enheter, devices, sessions,
 * audit), never records. respondent: answers the half-year forms of one group, anonymously.
 */
export const ROLES = ['handlaggare', 'koordinator', 'admin', 'respondent'] as const;
export const Role = z.enum(ROLES, { error: 'Rollen finns inte.' });
export type Role = z.infer<typeof Role>;

export const ROLE_LABELS: Record<Role, string> = {
  handlaggare: 'Handläggare',
  koordinator: 'Koordinator',
  admin: 'Administratör',
  respondent: 'Halvårsrespondent',
};

/**
 * The half-year respondent groups a respondent account can belong to (a subset of
 * instrument/vocabulary.ts RESPONDENT_GROUPS: the groups of the four HALVÅR forms).
 */
export const HALVAR_GROUPS = ['insatspersonal', 'forbundschef', 'styrelse', 'parternas_chefsgrupp'] as const;
export const HalvarGroup = z.enum(HALVAR_GROUPS, { error: 'Välj en av de fyra halvårsgrupperna.' });
export type HalvarGroup = z.infer<typeof HalvarGroup>;

export const HALVAR_GROUP_LABELS: Record<HalvarGroup, string> = {
  insatspersonal: 'Insatspersonal',
  forbundschef: 'Förbundschef',
  styrelse: 'Styrelse',
  parternas_chefsgrupp: 'Parternas chefsgrupp',
};

export const LoginRequest = z.object({
  username: z
    .string()
    .trim()
    .min(1, { message: 'Ange ditt användarnamn.' })
    .max(100, { message: 'Användarnamnet är för långt.' }),
  password: z
    .string()
    .min(1, { message: 'Ange ditt lösenord.' })
    .max(200, { message: 'Lösenordet är för långt.' }),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const Enhet = z.object({
  id: Id,
  namn: z.string(),
  /** Two to four capital letters, the prefix of the enhet's pseudonym codes (e.g. NOR). */
  kod: z.string().regex(/^[A-ZÅÄÖ]{2,4}$/),
});
export type Enhet = z.infer<typeof Enhet>;

/**
 * A behovsgrupp of the förbund's code list (PRODUCT.md §2). The code is fixed when the group is
 * added and never changes or returns to use for another group, so an ärende keeps its group through
 * a rename; a retired group is offered for no new choice but still names the ärenden already in it
 * and their figures. `retiredAt` absent: a list from before groups could be retired.
 */
export const Behovsgrupp = z.object({
  code: z.string().min(1).max(60),
  label: z.string().min(1).max(120),
  retiredAt: z.iso.date().nullable().optional(),
});
export type Behovsgrupp = z.infer<typeof Behovsgrupp>;

/** The groups a handläggare may choose for an ärende now; one already chosen stays shown. */
export function choosableBehovsgrupper(
  list: readonly Behovsgrupp[],
  current: string | null = null,
): Behovsgrupp[] {
  return list.filter((b) => !b.retiredAt || b.code === current);
}

/**
 * What the förbund has chosen for case work, sent with the signed-in user and refreshed after each
 * sync: how often stegförflyttning is offered, and the gallring period (years after avslut; null
 * while the förbund has not set one, and then nothing is culled).
 */
export const ForbundSettings = z.object({
  stegIntervallManader: z.int().min(1).max(12),
  gallringAr: z.int().min(1).max(30).nullable(),
});
export type ForbundSettings = z.infer<typeof ForbundSettings>;
export const DEFAULT_FORBUND_SETTINGS: ForbundSettings = { stegIntervallManader: 2, gallringAr: null };

export const SessionUser = z.object({
  id: Id,
  username: z.string(),
  displayName: z.string(),
  role: Role,
  /**
   * The half-year group of a respondent account; null for every other role. The server always
   * sends it; optional only so that a session a device stored before this field existed still reads.
   */
  respondentGroup: HalvarGroup.nullable().optional(),
  forbund: z.object({
    id: Id,
    namn: z.string(),
    behovsgrupper: z.array(Behovsgrupp),
    /** Optional only so that a session a device stored before the settings existed still reads. */
    settings: ForbundSettings.optional(),
  }),
  enheter: z.array(Enhet),
});
export type SessionUser = z.infer<typeof SessionUser>;

export const LoginResponse = z.object({
  token: z.string().min(32),
  expiresAt: z.iso.datetime(),
  user: SessionUser,
});
export type LoginResponse = z.infer<typeof LoginResponse>;
