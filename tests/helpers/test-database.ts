/**
 * The database a test server runs on. In the `server-postgres` project (globalSetup
 * tests/helpers/postgres-global-setup.ts) a fresh database on the throwaway PostgreSQL cluster,
 * copied from a migrated template; everywhere else an in-memory PGlite loaded from a dump of a
 * migrated one. Either way each call gets a database of its own, dropped by `close()`.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { inject } from 'vitest';
import { loadMigrations, type Migration, migrate } from '../../src/server/store/migrate';
import { openPostgres, pgliteSql, type Sql } from '../../src/server/store/sql';

export type DatabaseKind = 'pglite' | 'postgres';

export interface TestDatabase {
  kind: DatabaseKind;
  sql: Sql;
  /** The database's URL on PostgreSQL (for startServer's databaseUrl); undefined on PGlite. */
  url: string | undefined;
  /** Closes the connection(s) and drops the database. */
  close(): Promise<void>;
}

/** Which database this test file runs on. */
export function databaseKind(): DatabaseKind {
  return inject('postgresUrl') ? 'postgres' : 'pglite';
}

/**
 * A database of its own: migrated (default), empty (`migrated: false`), or migrated up to a point
 * (`migrations`: the first few, for tests of a migration on data written before it).
 */
export async function openTestDatabase({
  migrated = true,
  migrations,
}: {
  migrated?: boolean;
  migrations?: Migration[];
} = {}): Promise<TestDatabase> {
  const postgresUrl = inject('postgresUrl');
  if (postgresUrl) {
    const template = migrated && !migrations ? inject('postgresTemplate') : 'template0';
    const db = await openPostgresDatabase(postgresUrl, template);
    if (migrations) await migrate(db.sql, migrations);
    return db;
  }
  const wanted = migrations ?? (migrated ? loadMigrations() : null);
  const db = wanted
    ? await PGlite.create({ loadDataDir: await migratedDump(wanted) })
    : await PGlite.create();
  const sql = pgliteSql(db);
  return { kind: 'pglite', sql, url: undefined, close: () => sql.close() };
}

async function maintenance<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function openPostgresDatabase(maintenanceUrl: string, template: string): Promise<TestDatabase> {
  const name = `faltsam_test_${randomUUID().replaceAll('-', '')}`;
  await maintenance(maintenanceUrl, (c) => c.query(`create database ${name} template ${template}`));
  const url = new URL(maintenanceUrl);
  url.pathname = `/${name}`;
  const sql = await openPostgres(url.toString());
  return {
    kind: 'postgres',
    sql,
    url: url.toString(),
    close: async () => {
      await sql.close();
      await maintenance(maintenanceUrl, (c) => c.query(`drop database if exists ${name} with (force)`));
    },
  };
}

// Creating a PGlite runs initdb and takes seconds; loading a dump of a migrated one takes about
// one. Test files run in separate module contexts, so the dump is also kept on disk, named by a
// hash of the migrations and the PGlite version: a changed migration makes a new one.
const dumps = new Map<string, Promise<Blob>>();

function migratedDump(migrations: Migration[]): Promise<Blob> {
  const versions = migrations.map((m) => m.version).join(',');
  const known = dumps.get(versions);
  if (known) return known;
  const dump = (async () => {
    const pgliteVersion = await readFile(
      new URL('../../node_modules/@electric-sql/pglite/package.json', import.meta.url),
      'utf8',
    )
      .then((text) => String(JSON.parse(text).version))
      .catch(() => 'unknown');
    const key = createHash('sha256')
      .update(JSON.stringify([pgliteVersion, migrations]))
      .digest('hex')
      .slice(0, 16);
    const file = join(tmpdir(), `faltsam-test-pglite-${key}.tgz`);
    const cached = await readFile(file).catch(() => null);
    if (cached) return new Blob([cached]);
    const db = await PGlite.create();
    await migrate(pgliteSql(db), migrations);
    const data = await db.dumpDataDir('gzip');
    await db.close();
    // Written under a unique name, then renamed: a parallel worker never reads half a file.
    const partial = `${file}.${process.pid}.${randomUUID()}`;
    await writeFile(partial, Buffer.from(await data.arrayBuffer()));
    await rename(partial, file);
    return data;
  })();
  dumps.set(versions, dump);
  return dump;
}
