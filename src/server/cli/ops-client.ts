/**
 * The operations a command performs, the same whichever target it reaches: through the server's
 * admin socket, or on a database the command opened itself (PGlite under the lock, PostgreSQL).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  type CreateEnhetInput,
  type CreateForbundInput,
  createEnhetIn,
  createForbundWithAdmin,
  type ForbundSummary,
  listForbund,
  type ResetPasswordInput,
  resetPassword,
} from '../ops/accounts';
import { backupBeforeMigrating, pgDump, writeBackupFile } from '../ops/backup';
import { type GallraInput, type GallraResult, gallra } from '../ops/gallra';
import { migrate } from '../store/migrate';
import { openPglite, openPostgres, type PgliteSql, type Sql } from '../store/sql';
import { CliError, readJson, socketRequest, type Target } from './target';

export interface CreatedForbund {
  forbund: { id: string; namn: string };
  admin: { id: string; username: string };
  password?: string;
}

export interface CreatedEnhet {
  id: string;
  namn: string;
  kod: string;
  forbund: { id: string; namn: string };
}

export interface Ops {
  createForbund(input: CreateForbundInput): Promise<CreatedForbund>;
  listForbund(): Promise<ForbundSummary[]>;
  createEnhet(input: CreateEnhetInput): Promise<CreatedEnhet>;
  resetPassword(input: ResetPasswordInput): Promise<{ username: string; password?: string }>;
  /** Gallring now (or a dry run), for one förbund or every förbund with a period. */
  gallra(input: GallraInput): Promise<GallraResult[]>;
  /** Writes a backup to `file`; returns its size in bytes. */
  backup(file: string, force: boolean): Promise<number>;
  close(): Promise<void>;
}

/** A refusal the server side sent with its code (shown in the command's language). */
export class Refusal extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly params: Record<string, string>,
  ) {
    super(message);
    this.name = 'Refusal';
  }
}

function socketOps(socketPath: string): Ops {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await socketRequest(socketPath, method, path, body);
    const json = (await readJson(res.body)) as {
      error?: { code: string; message: string; params?: Record<string, string> };
    };
    if (res.status >= 400)
      throw new Refusal(json.error?.code ?? 'serverfel', json.error?.message ?? '', json.error?.params ?? {});
    return json as T;
  };
  return {
    createForbund: (input) => call('POST', '/forbund', input),
    listForbund: async () => (await call<{ forbund: ForbundSummary[] }>('GET', '/forbund')).forbund,
    createEnhet: async (input) => (await call<{ enhet: CreatedEnhet }>('POST', '/enheter', input)).enhet,
    resetPassword: (input) => call('POST', '/password', input),
    gallra: async (input) => (await call<{ forbund: GallraResult[] }>('POST', '/gallra', input)).forbund,
    backup: async (file, force) => {
      const res = await socketRequest(socketPath, 'GET', '/backup');
      if (res.status !== 200) {
        const json = (await readJson(res.body)) as { error?: { code: string; message: string } };
        throw new Refusal(json.error?.code ?? 'serverfel', json.error?.message ?? '', {});
      }
      return writeBackupFile(file, res.body, { force });
    },
    close: async () => {},
  };
}

/** On a database the command opened; migrated before the first change (after a backup, PGlite). */
function sqlOps(open: () => Promise<Sql>, dump: (file: string, force: boolean) => Promise<number>): Ops {
  let sql: Sql | null = null;
  const ready = async () => {
    sql ??= await open();
    return sql;
  };
  return {
    createForbund: async (input) => createForbundWithAdmin(await ready(), input),
    listForbund: async () => listForbund(await ready()),
    createEnhet: async (input) => createEnhetIn(await ready(), input),
    resetPassword: async (input) => resetPassword(await ready(), input),
    gallra: async (input) => gallra(await ready(), input, new Date()),
    backup: dump,
    close: async () => {
      await sql?.close();
    },
  };
}

export function opsFor(target: Target): Ops {
  if (target.kind === 'socket') return socketOps(target.socketPath);
  if (target.kind === 'postgres') {
    return sqlOps(
      async () => {
        const sql = await openPostgres(target.url);
        await migrate(sql);
        return sql;
      },
      (file, force) => pgDump(target.url, file, { force }),
    );
  }
  const pgdata = join(target.dataDir, 'pgdata');
  let pglite: PgliteSql | null = null;
  const openData = async () => {
    if (!existsSync(join(pgdata, 'PG_VERSION'))) throw new CliError('noDatabase', { dir: target.dataDir });
    pglite ??= await openPglite(pgdata);
    return pglite;
  };
  const ops = sqlOps(
    async () => {
      // A fresh folder gets its database here, as the server would make it.
      pglite ??= await openPglite(pgdata);
      await backupBeforeMigrating(pglite, target.dataDir);
      await migrate(pglite);
      return pglite;
    },
    async (file, force) => writeBackupFile(file, (await (await openData()).dump()).stream(), { force }),
  );
  return {
    ...ops,
    close: async () => {
      await ops.close();
      if (pglite) await pglite.close().catch(() => undefined);
      await target.lock.release();
    },
  };
}
