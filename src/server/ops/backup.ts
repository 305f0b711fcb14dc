/**
 * Backup and restore. Two kinds of file, told apart by their first bytes:
 *  - PGlite: the embedded database's data folder as a gzipped tar (PgliteSql.dump(): consistent,
 *    taken while the server runs). Restored by loading it into a new folder and swapping it in.
 *  - PostgreSQL: pg_dump's custom format (a consistent snapshot while the servers run), restored
 *    with pg_restore in one transaction. pg_dump and pg_restore come from PG_BIN_DIR, PATH or
 *    /usr/lib/postgresql/<version>/bin, the newest version found.
 * A backup holds every record: it is written with mode 0600, first under a temporary name and
 * renamed when complete, so a file with the final name is always a whole backup.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, openAsBlob, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { pendingMigrations } from '../store/migrate';
import type { PgliteSql } from '../store/sql';
import { takeExclusivePresence } from './pg-presence';

export type BackupKind = 'pglite' | 'postgres';

/** What was refused and why (codes the command translates). */
export class BackupError extends Error {
  constructor(
    readonly code:
      | 'fil_finns'
      | 'inte_tom'
      | 'fel_sort'
      | 'okand_fil'
      | 'server_ansluten'
      | 'verktyg_saknas'
      | 'verktyg_fel',
    message: string,
    readonly params: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'BackupError';
  }
}

/** The kind of a backup file from its first bytes, or null when it is neither. */
export async function backupKindOf(file: string): Promise<BackupKind | null> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(5);
    await handle.read(head, 0, 5, 0);
    if (head[0] === 0x1f && head[1] === 0x8b) return 'pglite';
    if (head.toString('latin1') === 'PGDMP') return 'postgres';
    return null;
  } finally {
    await handle.close();
  }
}

/** Writes `data` to `file` (mode 0600) under a temporary name, renamed when complete. */
export async function writeBackupFile(
  file: string,
  data: Readable | ReadableStream<Uint8Array>,
  { force = false }: { force?: boolean } = {},
): Promise<number> {
  if (!force && existsSync(file)) throw new BackupError('fil_finns', `Filen ${file} finns redan.`, { file });
  const partial = `${file}.${randomUUID()}.partial`;
  const handle = await open(partial, 'wx', 0o600);
  try {
    const input = data instanceof Readable ? data : Readable.fromWeb(data as never);
    await pipeline(input, handle.createWriteStream());
    await handle.sync().catch(() => undefined);
  } catch (err) {
    await handle.close().catch(() => undefined);
    await rm(partial, { force: true });
    throw err;
  }
  await handle.close().catch(() => undefined);
  await rename(partial, file);
  return (await stat(file)).size;
}

/** True when the folder is missing or empty. */
async function isEmptyDir(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw err;
  }
}

/**
 * Restores a PGlite backup into `pgdataDir` (the caller holds the data folder's lock). Refuses a
 * folder that holds a database unless `force`. The backup is loaded into a new folder beside it and
 * checked before it replaces the old one, so a broken file leaves the old database as it was.
 */
export async function restorePglite(pgdataDir: string, file: string, { force = false } = {}): Promise<void> {
  if ((await backupKindOf(file)) !== 'pglite')
    throw new BackupError('fel_sort', 'Filen är inte en säkerhetskopia av den inbyggda databasen (PGlite).');
  if (!force && !(await isEmptyDir(pgdataDir)))
    throw new BackupError('inte_tom', `Det finns redan en databas i ${pgdataDir}.`);
  await mkdir(dirname(pgdataDir), { recursive: true, mode: 0o700 });
  const fresh = `${pgdataDir}.restore-${randomUUID()}`;
  try {
    const db = await PGlite.create({ dataDir: fresh, loadDataDir: await openAsBlob(file) });
    try {
      // A Fältsam database: its migrations table is there.
      await db.query('select count(*) from schema_migrations');
    } finally {
      await db.close();
    }
  } catch (err) {
    await rm(fresh, { recursive: true, force: true });
    if (err instanceof BackupError) throw err;
    throw new BackupError('okand_fil', `Säkerhetskopian kunde inte läsas: ${(err as Error).message}`);
  }
  const old = `${pgdataDir}.old-${randomUUID()}`;
  if (existsSync(pgdataDir)) await rename(pgdataDir, old);
  await rename(fresh, pgdataDir);
  await rm(old, { recursive: true, force: true });
}

type PgTool = 'pg_dump' | 'pg_restore' | 'psql';

/** The folder of the newest pg_dump/pg_restore/psql: PG_BIN_DIR, then PATH, then Debian's folders. */
export function pgBinDir(tool: PgTool, env: NodeJS.ProcessEnv = process.env): string {
  const candidates: string[] = [];
  if (env.PG_BIN_DIR) candidates.push(env.PG_BIN_DIR);
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian))
    candidates.push(
      ...readdirSync(debian)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
        .map((v) => join(debian, v, 'bin')),
    );
  candidates.push(...(env.PATH ?? '').split(delimiter).filter(Boolean));
  const found = candidates.find((dir) => existsSync(join(dir, tool)));
  if (!found)
    throw new BackupError(
      'verktyg_saknas',
      `Hittar inte ${tool}. Installera PostgreSQL:s klientprogram (t.ex. apt-get install postgresql-client) eller ange PG_BIN_DIR.`,
    );
  return found;
}

/** The URL without its password, and the password for PGPASSWORD (never on a command line). */
function splitPassword(url: string): { url: string; password: string | undefined } {
  const u = new URL(url);
  const password = u.password ? decodeURIComponent(u.password) : undefined;
  u.password = '';
  return { url: u.toString(), password };
}

function run(tool: PgTool, args: string[], databaseUrl: string): Promise<void> {
  const { url, password } = splitPassword(databaseUrl);
  return execTool(tool, [...args, '--dbname', url], password ? { PGPASSWORD: password } : {});
}

function execTool(tool: PgTool, args: string[], extraEnv: Record<string, string>): Promise<void> {
  const child = spawn(join(pgBinDir(tool), tool), args, {
    env: { ...process.env, ...extraEnv },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString('utf8');
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(new BackupError('verktyg_fel', `${tool} avslutades med kod ${code}: ${stderr.trim()}`)),
    );
  });
}

/** pg_dump of the database into `file` (custom format). */
export async function pgDump(databaseUrl: string, file: string, { force = false } = {}): Promise<number> {
  if (!force && existsSync(file)) throw new BackupError('fil_finns', `Filen ${file} finns redan.`, { file });
  const partial = `${file}.${randomUUID()}.partial`;
  // Created first with mode 0600, so pg_dump never writes the records into a readable file.
  await (await open(partial, 'wx', 0o600)).close();
  try {
    await run(
      'pg_dump',
      ['--format=custom', '--no-owner', '--no-privileges', '--file', partial],
      databaseUrl,
    );
  } catch (err) {
    await rm(partial, { force: true });
    throw err;
  }
  await rename(partial, file);
  return (await stat(file)).size;
}

/**
 * pg_restore of `file` into the database, in one transaction. Refuses while a Fältsam server runs
 * on it (pg-presence.ts; stop them first), and a database that already has tables unless `force`
 * (then its public schema is dropped first: what the backup holds is what remains).
 */
export async function pgRestore(databaseUrl: string, file: string, { force = false } = {}): Promise<void> {
  if ((await backupKindOf(file)) !== 'postgres')
    throw new BackupError('fel_sort', 'Filen är inte en säkerhetskopia från pg_dump (PostgreSQL).');
  const presence = await takeExclusivePresence(databaseUrl);
  if (!presence) throw new BackupError('server_ansluten', 'En Fältsam-server är ansluten till databasen.');
  let replacing = false;
  try {
    const client = new pg.Client({ connectionString: databaseUrl, application_name: 'faltsam-restore' });
    await client.connect();
    try {
      const tables = await client.query<{ n: number }>(
        `select count(*)::int as n from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public'`,
      );
      if ((tables.rows[0]?.n ?? 0) > 0 && !force)
        throw new BackupError('inte_tom', 'Databasen innehåller redan tabeller.');
      replacing = (tables.rows[0]?.n ?? 0) > 0;
    } finally {
      await client.end();
    }
    if (replacing) await replaceFromDump(databaseUrl, file);
    else
      await run(
        'pg_restore',
        ['--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', file],
        databaseUrl,
      );
  } finally {
    // Held to the end: a server that starts meanwhile waits for the restored database.
    await presence.release();
  }
}

/**
 * --force over a database that holds tables: the old schema is dropped and the backup loaded in ONE
 * transaction, so a backup that turns out broken half-way leaves the old database as it was (a
 * drop committed before pg_restore would leave an empty one). pg_restore writes the dump as SQL to
 * a private file first — its exit status is known before anything is dropped — and psql runs the
 * drop and that file in a single transaction. The file holds every record: mode 0600 in a 0700
 * folder, removed at once.
 */
async function replaceFromDump(databaseUrl: string, file: string): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'faltsam-restore-'));
  try {
    const script = join(dir, 'restore.sql');
    await (await open(script, 'wx', 0o600)).close();
    const args = ['--no-owner', '--no-privileges', '--exit-on-error', '--file', script, file];
    await execTool('pg_restore', args, {}).catch((err: Error) => {
      throw new BackupError('okand_fil', `Säkerhetskopian kunde inte läsas: ${err.message}`);
    });
    await run(
      'psql',
      [
        '--no-psqlrc',
        '--quiet',
        '--set=ON_ERROR_STOP=1',
        '--single-transaction',
        '--command=drop schema public cascade; create schema public;',
        '--file',
        script,
      ],
      databaseUrl,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Before migrations change a PGlite database that holds data, its folder is copied to
 * <dataDir>/backups/fore-<first migration>-<time>.tar.gz; returns the file, or null when nothing
 * is pending (or the database is new). PostgreSQL: `faltsam backup` before upgrading (docs/drift.md).
 */
export async function backupBeforeMigrating(pglite: PgliteSql, dataDir: string): Promise<string | null> {
  const pending = await pendingMigrations(pglite);
  if (!pending || pending.length === 0) return null;
  const dir = join(dataDir, 'backups');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = join(dir, `fore-${pending[0]}-${stamp}.tar.gz`);
  await writeBackupFile(file, (await pglite.dump()).stream());
  return file;
}
