/**
 * The one database seam of the server: PGlite (embedded, a data folder or memory) or a real
 * PostgreSQL server behind the same small interface and the same SQL dialect. Values cross it as
 * the drivers give them, so queries cast what they read where the drivers differ (bigint).
 */
import { PGlite, type Transaction } from '@electric-sql/pglite';
import pg from 'pg';

export interface Sql {
  /** One statement with $1… parameters. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: T[] }>;
  /** Several statements without parameters (migrations). */
  exec(text: string): Promise<void>;
  /**
   * Runs `fn` in one transaction: committed when it resolves, rolled back when it throws.
   * Called on a transaction it joins the outer one (no savepoint): work is all or nothing.
   */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** True when a database error is a unique-constraint violation (SQLSTATE 23505). */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23505';
}

/** Embedded Postgres. `dataDir` undefined = in memory (tests); otherwise a folder it owns. */
export async function openPglite(dataDir?: string): Promise<Sql> {
  return pgliteSql(await PGlite.create(dataDir));
}

/** Wraps an open PGlite (e.g. one loaded from a dump in tests); close() closes it. */
export function pgliteSql(db: PGlite): Sql {
  return {
    query: async <T>(text: string, params?: unknown[]) => ({ rows: (await db.query<T>(text, params)).rows }),
    exec: async (text) => {
      await db.exec(text);
    },
    // PGlite has a single connection and queues every call behind an open transaction, so
    // transactions never interleave; using `db` (not `tx`) inside one would deadlock.
    transaction: (fn) => db.transaction((tx) => fn(pgliteTx(tx))),
    close: () => db.close(),
  };
}

function pgliteTx(tx: Transaction): Sql {
  const self: Sql = {
    query: async <T>(text: string, params?: unknown[]) => ({ rows: (await tx.query<T>(text, params)).rows }),
    exec: async (text) => {
      await tx.exec(text);
    },
    transaction: (fn) => fn(self),
    close: () => Promise.reject(new Error('close() called on a transaction')),
  };
  return self;
}

/** A PostgreSQL server (DATABASE_URL), through a connection pool. */
export async function openPostgres(url: string): Promise<Sql> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // Fail at start, with the driver's message, rather than on the first request.
  const probe = await pool.connect();
  probe.release();
  return {
    query: async <T>(text: string, params?: unknown[]) => ({
      rows: (await pool.query(text, params)).rows as T[],
    }),
    exec: async (text) => {
      await pool.query(text);
    },
    transaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await fn(postgresTx(client));
        await client.query('commit');
        return result;
      } catch (err) {
        await client.query('rollback').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

function postgresTx(client: pg.PoolClient): Sql {
  const self: Sql = {
    query: async <T>(text: string, params?: unknown[]) => ({
      rows: (await client.query(text, params)).rows as T[],
    }),
    exec: async (text) => {
      await client.query(text);
    },
    transaction: (fn) => fn(self),
    close: () => Promise.reject(new Error('close() called on a transaction')),
  };
  return self;
}
