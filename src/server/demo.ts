/**
 * The demo set-up of a fresh installation (not in production): one förbund with two enheter, one
 * handläggare account, one koordinator account and one admin account, each with its own random
 * password. It never creates deltagare data. The passwords are returned (and printed) once, when
 * the accounts are made, and kept nowhere else: a forgotten one is reset with
 * `npx faltsam admin reset-password <användarnamn>`.
 */
import { randomInt } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_BEHOVSGRUPPER } from '../domain/arende';
import { createUser } from './auth/users';
import type { Sql } from './store/sql';
import { createEnhet, createForbund } from './store/tenants';

export { createUser } from './auth/users';

export const DEMO_USERNAME = 'handlaggare';
export const DEMO_KOORDINATOR_USERNAME = 'koordinator';
export const DEMO_ADMIN_USERNAME = 'admin';
/** Where versions before issue 14 kept the demo passwords; removed at start (see removeLegacyLoginFile). */
export const LEGACY_LOGIN_FILE = 'demo-login.txt';
// No look-alikes (0/o, 1/l/i), so the password can be read aloud or copied by hand.
const PASSWORD_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

export interface DemoAccount {
  username: string;
  /** null when the demo was set up earlier: the password was shown then and is kept nowhere. */
  password: string | null;
}

/** The handläggare's login (the original fields) and, beside it, the koordinator's and the admin's. */
export interface DemoLogin extends DemoAccount {
  /** True when this call created the demo data. */
  created: boolean;
  koordinator: DemoAccount;
  admin: DemoAccount;
}

/** Four groups of four characters (≈ 79 bits), e.g. "k7mq-2xhr-9pwe-t4na". */
export function randomPassword(): string {
  const groups = Array.from({ length: 4 }, () =>
    Array.from({ length: 4 }, () => PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)]).join(''),
  );
  return groups.join('-');
}

/** On an empty database, creates the demo förbund and accounts; otherwise changes nothing. */
export async function ensureDemoData(sql: Sql): Promise<DemoLogin> {
  const { rows } = await sql.query<{ n: number }>('select count(*)::int as n from forbund');
  if ((rows[0]?.n ?? 0) > 0)
    return {
      username: DEMO_USERNAME,
      password: null,
      created: false,
      koordinator: { username: DEMO_KOORDINATOR_USERNAME, password: null },
      admin: { username: DEMO_ADMIN_USERNAME, password: null },
    };
  const password = randomPassword();
  const koordinatorPassword = randomPassword();
  const adminPassword = randomPassword();
  await sql.transaction(async (tx) => {
    const forbund = await createForbund(tx, {
      namn: 'Demo samordningsförbund',
      behovsgrupper: DEFAULT_BEHOVSGRUPPER,
    });
    const nor = await createEnhet(tx, {
      forbundId: forbund.id,
      namn: 'Norsjö kommun – ekonomiskt bistånd',
      kod: 'NOR',
    });
    const ske = await createEnhet(tx, {
      forbundId: forbund.id,
      namn: 'Skellefteå kommun – ekonomiskt bistånd',
      kod: 'SKE',
    });
    const account = (username: string, displayName: string, role: 'handlaggare' | 'koordinator' | 'admin') =>
      ({ forbundId: forbund.id, username, displayName, role }) as const;
    await createUser(tx, {
      ...account(DEMO_USERNAME, 'Demo Handläggare', 'handlaggare'),
      password,
      enhetIds: [nor.id],
    });
    await createUser(tx, {
      ...account(DEMO_KOORDINATOR_USERNAME, 'Demo Koordinator', 'koordinator'),
      password: koordinatorPassword,
      enhetIds: [nor.id, ske.id],
    });
    await createUser(tx, {
      ...account(DEMO_ADMIN_USERNAME, 'Demo Administratör', 'admin'),
      password: adminPassword,
      enhetIds: [],
    });
  });
  return {
    username: DEMO_USERNAME,
    password,
    created: true,
    koordinator: { username: DEMO_KOORDINATOR_USERNAME, password: koordinatorPassword },
    admin: { username: DEMO_ADMIN_USERNAME, password: adminPassword },
  };
}

/**
 * Earlier versions kept the demo passwords in <dataDir>/demo-login.txt and printed them at every
 * start. The file is removed; returns whether there was one.
 */
export async function removeLegacyLoginFile(dataDir: string): Promise<boolean> {
  const file = join(dataDir, LEGACY_LOGIN_FILE);
  try {
    await rm(file);
    return true;
  } catch {
    return false;
  }
}
