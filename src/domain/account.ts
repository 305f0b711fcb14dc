/** Accounts and sessions as the device sees them: what login returns and the device keeps offline. */
import { z } from 'zod';

export const ROLES = ['handlaggare', 'koordinator', 'admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

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
  id: z.uuid(),
  namn: z.string(),
  /** Two to four capital letters, the prefix of the enhet's pseudonym codes (e.g. NOR). */
  kod: z.string().regex(/^[A-ZÅÄÖ]{2,4}$/),
});
export type Enhet = z.infer<typeof Enhet>;

export const Behovsgrupp = z.object({ code: z.string().min(1).max(60), label: z.string().min(1).max(120) });
export type Behovsgrupp = z.infer<typeof Behovsgrupp>;

export const SessionUser = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  forbund: z.object({ id: z.uuid(), namn: z.string(), behovsgrupper: z.array(Behovsgrupp) }),
  enheter: z.array(Enhet),
});
export type SessionUser = z.infer<typeof SessionUser>;

export const LoginResponse = z.object({
  token: z.string().min(32),
  expiresAt: z.iso.datetime(),
  user: SessionUser,
});
export type LoginResponse = z.infer<typeof LoginResponse>;
