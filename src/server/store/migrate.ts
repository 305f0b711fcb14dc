/**
 * Schema migrations: numbered .sql files next to this module, applied in name order, each once,
 * all pending ones in one transaction. A shipped migration is never edited; a change is a new file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { Sql } from './sql';

const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url);
const MIGRATION_FILE = /^\d{3}_[a-z0-9_]+\.sql$/;
// Any constant: two server processes starting against one database wait for each other here.
const MIGRATION_LOCK = 7_051_771;

export interface Migration {
  version: string;
  sql: string;
}

export function loadMigrations(): Migration[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((name) => MIGRATION_FILE.test(name))
    .sort()
    .map((name) => ({
      version: name.replace(/\.sql$/, ''),
      sql: readFileSync(new URL(name, MIGRATIONS_DIR), 'utf8'),
    }));
}

/**
 * The versions `migrate` would apply, or null on a database that has never been migrated (no
 * schema_migrations table): the server backs up before applying to a database that holds data.
 */
export async function pendingMigrations(
  sql: Sql,
  migrations: Migration[] = loadMigrations(),
): Promise<string[] | null> {
  const { rows: table } = await sql.query<{ t: string | null }>(
    "select to_regclass('schema_migrations')::text as t",
  );
  if (!table[0]?.t) return null;
  const { rows } = await sql.query<{ version: string }>('select version from schema_migrations');
  const applied = new Set(rows.map((r) => r.version));
  return migrations.filter((m) => !applied.has(m.version)).map((m) => m.version);
}

/**
 * Applies the migrations not yet applied; returns their versions. Safe to call at every start.
 * After applying any it analyses the whole database: a migration may add the very indexes and
 * expressions whose statistics the planner needs (see statistics.ts).
 */
export async function migrate(sql: Sql, migrations: Migration[] = loadMigrations()): Promise<string[]> {
  const applied = await applyPending(sql, migrations);
  if (applied.length > 0) await sql.exec('analyze');
  return applied;
}

function applyPending(sql: Sql, migrations: Migration[]): Promise<string[]> {
  return sql.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.exec(
      'create table if not exists schema_migrations (version text primary key, applied_at timestamptz not null default now())',
    );
    const { rows } = await tx.query<{ version: string }>('select version from schema_migrations');
    const applied = new Set(rows.map((r) => r.version));
    const pending = migrations.filter((m) => !applied.has(m.version));
    for (const m of pending) {
      await tx.exec(m.sql);
      await tx.query('insert into schema_migrations (version) values ($1)', [m.version]);
    }
    return pending.map((m) => m.version);
  });
}
