/**
 * The demo set-up of a fresh installation: one förbund with two enheter and one handläggare
 * account with a random password. It never creates deltagare data. The password is kept in
 * <dataDir>/demo-login.txt (mode 0600) so that later starts can show it again.
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
const LOGIN_FILE = 'demo-login.txt';
// No look-alikes (0/o, 1/l/i), so the password can be read aloud or copied by hand.
const PASSWORD_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

export interface DemoLogin {
  username: string;
  /** null when the demo was set up earlier and its password file is gone. */
  password: string | null;
  /** True when this call created the demo data. */
  created: boolean;
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
    return {
      username: DEMO_USERNAME,
      password: dataDir ? await readDemoPassword(dataDir) : null,
      created: false,
    };
  }
  const password = randomPassword();
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
    await createEnhet(tx, {
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
    // Inside the transaction: if the file cannot be written, no account exists whose password is lost.
    if (dataDir) await writeDemoPassword(dataDir, password);
  });
  return { username: DEMO_USERNAME, password, created: true };
}

async function writeDemoPassword(dataDir: string, password: string): Promise<void> {
  const text = `# Fältsams demokonto. Ta bort filen när demot inte längre behövs.\nanvändarnamn: ${DEMO_USERNAME}\nlösenord: ${password}\n`;
  await writeFile(join(dataDir, LOGIN_FILE), text, { encoding: 'utf8', mode: 0o600 });
}

async function readDemoPassword(dataDir: string): Promise<string | null> {
  try {
    const text = await readFile(join(dataDir, LOGIN_FILE), 'utf8');
    return /^lösenord: (\S+)$/m.exec(text)?.[1] ?? null;
  } catch {
    return null;
  }
}
