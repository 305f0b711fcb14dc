/**
 * The data of the load bench, written straight into the database (not through pushes, which would
 * take many minutes for 100,000 ärenden): a förbund with enheter of 20 handläggare each, a second
 * förbund with one handläggare (the "unrelated" user), and ärenden bulk-loaded by
 * tests/helpers/bulk.ts with what a server keeps beside each one, from one earlier device per
 * handläggare. Nothing here runs ANALYZE: keeping statistics is the server's job, and measured.
 */
import { randomUUID } from 'node:crypto';
import { DEFAULT_BEHOVSGRUPPER } from '../../src/domain/arende';
import { createUser } from '../../src/server/auth/users';
import type { Sql } from '../../src/server/store/sql';
import { createEnhet, createForbund } from '../../src/server/store/tenants';
import { bulkArenden, SEED_CODE_PREFIX } from '../../tests/helpers/bulk';

/** Bench accounts hash with a cheap scrypt: 200 accounts are made and signed in per run. */
const BENCH_SCRYPT = { log2N: 12, r: 8, p: 1 };

export interface BenchUser {
  username: string;
  id: string;
  enhet: { id: string; kod: string };
}

export interface LoadTenants {
  forbundId: string;
  enheter: { id: string; kod: string }[];
  /** users[e * perEnhet + k] is the k-th handläggare of enhet e. */
  users: BenchUser[];
  /** The earlier device of each user, which "pushed" the seeded ärenden. */
  seedDevices: string[];
  other: BenchUser;
  password: string;
}

/** Two-letter enhet codes EA, EB … (A–Z twice over covers 676 enheter). */
const enhetKod = (i: number) =>
  `${String.fromCharCode(69 + Math.floor(i / 26))}${String.fromCharCode(65 + (i % 26))}`;

export async function createLoadTenants(sql: Sql, devices: number, perEnhet: number): Promise<LoadTenants> {
  const password = randomUUID();
  const forbund = await createForbund(sql, { namn: 'Lastförbund', behovsgrupper: DEFAULT_BEHOVSGRUPPER });
  const enheter: { id: string; kod: string }[] = [];
  for (let e = 0; e < Math.ceil(devices / perEnhet); e++) {
    const kod = enhetKod(e);
    enheter.push({
      id: (await createEnhet(sql, { forbundId: forbund.id, namn: `Enhet ${kod}`, kod })).id,
      kod,
    });
  }
  const users: BenchUser[] = [];
  for (let i = 0; i < devices; i++) {
    const enhet = enheter[Math.floor(i / perEnhet)] as { id: string; kod: string };
    const username = `last-h${String(i + 1).padStart(3, '0')}`;
    const created = await createUser(
      sql,
      {
        forbundId: forbund.id,
        username,
        displayName: `Handläggare ${i + 1}`,
        role: 'handlaggare',
        password,
        enhetIds: [enhet.id],
      },
      BENCH_SCRYPT,
    );
    users.push({ username, id: created.id, enhet });
  }
  const otherForbund = await createForbund(sql, {
    namn: 'Annat förbund',
    behovsgrupper: DEFAULT_BEHOVSGRUPPER,
  });
  const otherEnhet = await createEnhet(sql, { forbundId: otherForbund.id, namn: 'Annan enhet', kod: 'AN' });
  const other = await createUser(
    sql,
    {
      forbundId: otherForbund.id,
      username: 'annan-h1',
      displayName: 'Annan Handläggare',
      role: 'handlaggare',
      password,
      enhetIds: [otherEnhet.id],
    },
    BENCH_SCRYPT,
  );
  return {
    forbundId: forbund.id,
    enheter,
    users,
    seedDevices: users.map(() => randomUUID()),
    other: { username: 'annan-h1', id: other.id, enhet: { id: otherEnhet.id, kod: 'AN' } },
    password,
  };
}

export async function countArenden(sql: Sql, forbundId: string): Promise<number> {
  const { rows } = await sql.query<{ n: number }>(
    `select count(*)::int as n from record where entity = 'arende' and forbund_id = $1`,
    [forbundId],
  );
  return rows[0]?.n ?? 0;
}

/** Adds seeded ärenden (tests/helpers/bulk.ts) until the förbund holds `target`; returns how many. */
export async function growArenden(sql: Sql, t: LoadTenants, target: number): Promise<number> {
  const have = await countArenden(sql, t.forbundId);
  if (have >= target) return 0;
  const { rows } = await sql.query<{ n: number }>(
    `select count(*)::int as n from record where entity = 'arende' and data ->> 'code' like $1`,
    [`${SEED_CODE_PREFIX}-%`],
  );
  const owners = t.users.map((u, i) => ({
    userId: u.id,
    enhetId: u.enhet.id,
    deviceId: t.seedDevices[i] as string,
  }));
  await bulkArenden(sql, { forbundId: t.forbundId, owners, from: rows[0]?.n ?? 0, count: target - have });
  return target - have;
}
