/**
 * The demo set-up of a fresh installation: one förbund with two enheter, one handläggare account,
 * one koordinator account and one admin account, each with its own random password. It never creates deltagare data.
 * The passwords are kept in <dataDir>/demo-login.txt (mode 0600) so that later starts can show
 * them again.
 */
import { randomInt } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_BEHOVSGRUPPER } from '../domain/arende';
import { createUser } from './auth/users';
import type { Sql } from './store/sql';
import { createEnhet, createForbund } from './store/tenants';

export { createUser } from './auth/users';

export const DEMO_USERNAME = 'handlaggare';
export const DEMO_KOORDINATOR_USERNAME = 'koordinator';
export const DEMO_ADMIN_USERNAME = 'admin';
const LOGIN_FILE = 'demo-login.txt';
// No look-alikes (0/o, 1/l/i), so the password can be read aloud or copied by hand.
const PASSWORD_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

export interface DemoAccount {
  username: string;
  /** null when the demo was set up earlier and its password file is gone (or predates the account). */
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

/** On an empty database, creates the demo förbund and account; otherwise only reads the login back. */
export async function ensureDemoData(sql: Sql, { dataDir }: { dataDir?: string } = {}): Promise<DemoLogin> {
  const { rows } = await sql.query<{ n: number }>('select count(*)::int as n from forbund');
  if ((rows[0]?.n ?? 0) > 0) {
    const saved = dataDir ? await readDemoPasswords(dataDir) : new Map<string, string>();
    return {
      username: DEMO_USERNAME,
      password: saved.get(DEMO_USERNAME) ?? null,
      created: false,
      koordinator: {
        username: DEMO_KOORDINATOR_USERNAME,
        password: saved.get(DEMO_KOORDINATOR_USERNAME) ?? null,
      },
      admin: { username: DEMO_ADMIN_USERNAME, password: saved.get(DEMO_ADMIN_USERNAME) ?? null },
    };
  }
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
    await createUser(tx, {
      forbundId: forbund.id,
      username: DEMO_USERNAME,
      displayName: 'Demo Handläggare',
      role: 'handlaggare',
      password,
      enhetIds: [nor.id],
    });
    await createUser(tx, {
      forbundId: forbund.id,
      username: DEMO_KOORDINATOR_USERNAME,
      displayName: 'Demo Koordinator',
      role: 'koordinator',
      password: koordinatorPassword,
      enhetIds: [nor.id, ske.id],
    });
    await createUser(tx, {
      forbundId: forbund.id,
      username: DEMO_ADMIN_USERNAME,
      displayName: 'Demo Administratör',
      role: 'admin',
      password: adminPassword,
      enhetIds: [],
    });
    // Inside the transaction: if the file cannot be written, no account exists whose password is lost.
    if (dataDir)
      await writeDemoPasswords(dataDir, [
        { username: DEMO_USERNAME, password },
        { username: DEMO_KOORDINATOR_USERNAME, password: koordinatorPassword },
        { username: DEMO_ADMIN_USERNAME, password: adminPassword },
      ]);
  });
  return {
    username: DEMO_USERNAME,
    password,
    created: true,
    koordinator: { username: DEMO_KOORDINATOR_USERNAME, password: koordinatorPassword },
    admin: { username: DEMO_ADMIN_USERNAME, password: adminPassword },
  };
}

/** One "användarnamn: …" / "lösenord: …" pair per account, the handläggare's first. */
async function writeDemoPasswords(
  dataDir: string,
  accounts: readonly { username: string; password: string }[],
): Promise<void> {
  const pairs = accounts.map((a) => `användarnamn: ${a.username}\nlösenord: ${a.password}\n`);
  const text = `# Fältsams demokonton. Ta bort filen när demot inte längre behövs.\n${pairs.join('\n')}`;
  await writeFile(join(dataDir, LOGIN_FILE), text, { encoding: 'utf8', mode: 0o600 });
}

/** Username → password, from the file as this or an earlier version wrote it (empty when gone). */
async function readDemoPasswords(dataDir: string): Promise<Map<string, string>> {
  const saved = new Map<string, string>();
  try {
    const text = await readFile(join(dataDir, LOGIN_FILE), 'utf8');
    for (const m of text.matchAll(/^användarnamn: (\S+)\r?\nlösenord: (\S+)$/gm))
      if (m[1] && m[2]) saved.set(m[1], m[2]);
  } catch {
    // No file: the passwords are not known any more.
  }
  return saved;
}
