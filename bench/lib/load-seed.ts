/**
 * The data of the load bench, written straight into the database (not through pushes, which would
 * take many minutes for 100,000 ärenden): a förbund with enheter of 20 handläggare each, a second
 * förbund with one handläggare (the "unrelated" user), and bulk-loaded ärenden with what a server
 * keeps beside each one — an applied_mutation row (the answer kept for a resend) and an audit row —
 * from one earlier device per handläggare. Synthetic only: no names, no personnummer. Seeded codes
 * start with ÖÖÖ, which no enhet of the bench has, so they never collide with a device's new code.
 * Nothing here runs ANALYZE: keeping statistics is the server's job, and what the bench measures.
 */
import { randomUUID } from 'node:crypto';
import { DEFAULT_BEHOVSGRUPPER } from '../../src/domain/arende';
import { CODE_ALPHABET } from '../../src/domain/pseudonym';
import { createUser } from '../../src/server/auth/users';
import type { Sql } from '../../src/server/store/sql';
import { createEnhet, createForbund } from '../../src/server/store/tenants';
import { syntheticFields } from './fields';

/** Bench accounts hash with a cheap scrypt: 200 accounts are made and signed in per run. */
const BENCH_SCRYPT = { log2N: 12, r: 8, p: 1 };
const SEED_PREFIX = 'ÖÖÖ';
const CHUNK = 5_000;

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

/** Adds seeded ärenden until the förbund holds `target`; returns how many were added. */
export async function growArenden(sql: Sql, t: LoadTenants, target: number): Promise<number> {
  const have = await countArenden(sql, t.forbundId);
  if (have >= target) return 0;
  const seedDevices = await ensureSeedDevices(sql, t);
  const { rows } = await sql.query<{ n: number }>(
    `select count(*)::int as n from record where entity = 'arende' and data ->> 'code' like $1`,
    [`${SEED_PREFIX}-%`],
  );
  const first = rows[0]?.n ?? 0;
  const templates = [0, 1, 2, 3, 4].map((i) => {
    const { enhetId: _e, handlaggareId: _h, ...rest } = syntheticFields(i, '', '');
    return JSON.stringify(rest);
  });
  const fields = Object.keys(syntheticFields(0, '', '')).concat('code');
  const amResult = await appliedMutationColumns(sql);
  for (let from = first; from < first + (target - have); from += CHUNK) {
    const to = Math.min(first + (target - have), from + CHUNK) - 1;
    await sql.query(seedSql(amResult), [
      from,
      to,
      t.forbundId,
      t.enheter.map((e) => e.id),
      t.users.map((u) => u.id),
      seedDevices,
      templates,
      JSON.stringify(Object.fromEntries(fields.map((f) => [f, 1]))),
      CODE_ALPHABET,
      SEED_PREFIX,
    ]);
  }
  await sql.query(
    `update device d set last_seq = (select coalesce(max(seq), 0) from applied_mutation where device_id = d.id)
      where d.id = any($1::uuid[])`,
    [seedDevices],
  );
  return target - have;
}

/** One earlier device per bench user, which "pushed" the seeded ärenden. */
async function ensureSeedDevices(sql: Sql, t: LoadTenants): Promise<string[]> {
  const ids: string[] = [];
  for (const u of t.users) {
    const { rows } = await sql.query<{ id: string }>(
      `select id from device where user_id = $1 and created_at = '2026-01-05T08:00:00Z'`,
      [u.id],
    );
    const id = rows[0]?.id ?? randomUUID();
    if (!rows[0])
      await sql.query(
        `insert into device (id, user_id, created_at, last_seen_at) values ($1, $2, '2026-01-05T08:00:00Z', now())`,
        [id, u.id],
      );
    ids.push(id);
  }
  return ids;
}

/** Before issue 11 the answer kept for a resend was one jsonb `result` holding the record. */
async function appliedMutationColumns(sql: Sql): Promise<'result' | 'outcome'> {
  const { rows } = await sql.query<{ n: number }>(
    `select count(*)::int as n from information_schema.columns
      where table_name = 'applied_mutation' and column_name = 'result'`,
  );
  return (rows[0]?.n ?? 0) > 0 ? 'result' : 'outcome';
}

/**
 * Ärenden g = $1 … $2: enhet g mod E, handläggare (g / E) mod P of that enhet, code ÖÖÖ-xxxx
 * (g in base 31), and for each its applied_mutation and audit rows, in one statement.
 */
function seedSql(am: 'result' | 'outcome'): string {
  const digit = (div: number) => `substr($9, 1 + (g / ${div}) % 31, 1)`;
  const amInsert =
    am === 'result'
      ? `insert into applied_mutation (device_id, seq, mutation_id, result, applied_at)
         select device_id, seq, gen_random_uuid(),
                jsonb_build_object('status', 'applied', 'id', gen_random_uuid(), 'seq', seq, 'recordId', id,
                                   'record', data, 'conflicts', '[]'::jsonb), at
           from s`
      : `insert into applied_mutation (device_id, seq, mutation_id, status, version, conflicts, applied_at)
         select device_id, seq, gen_random_uuid(), 'applied', 1, '[]'::jsonb, at from s`;
  return `
    with p as (
      select cardinality($4::uuid[]) as e, cardinality($5::uuid[]) / cardinality($4::uuid[]) as per
    ), g as (
      select g, g % p.e as ei, p.e * p.per as ep, (g % p.e) * p.per + (g / p.e) % p.per + 1 as ui
        from generate_series($1::int, $2::int) g, p
    ), s as (
      select gen_random_uuid() as id, ($4::uuid[])[g.ei + 1] as enhet_id, ($5::uuid[])[g.ui] as user_id,
             ($6::uuid[])[g.ui] as device_id, g.g / g.ep + 1 as seq,
             '2026-01-05T08:00:00Z'::timestamptz + g.g * interval '1 second' as at,
             $10 || '-' || ${digit(29791)} || ${digit(961)} || ${digit(31)} || ${digit(1)} as code,
             g.g
        from g
    ), d as (
      select s.*, ($7::jsonb[])[1 + s.g % 5] || jsonb_build_object(
               'id', s.id, 'forbundId', $3::uuid, 'enhetId', s.enhet_id, 'handlaggareId', s.user_id,
               'code', s.code, 'version', 1, 'createdAt', s.at, 'updatedAt', s.at) as data
        from s
    ), r as (
      insert into record (entity, id, forbund_id, enhet_id, data, version, field_versions, field_writers,
                          change_seq, created_at, updated_at)
      select 'arende', id, $3::uuid, enhet_id, data, 1, $8::jsonb,
             (select jsonb_object_agg(k, device_id) from jsonb_object_keys($8::jsonb) k),
             nextval('change_seq'), at, at
        from d order by g
    ), a as (
      insert into audit_event (at, forbund_id, user_id, device_id, action, entity, record_id, fields)
      select at, $3::uuid, user_id, device_id, 'create', 'arende', id,
             (select jsonb_agg(k) from jsonb_object_keys($8::jsonb) k)
        from d
    )
    ${amInsert.replace(/from s$/, 'from d')}`;
}
