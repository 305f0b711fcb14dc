// Reads the server's database after the browser did something, to check what really reached the
// server (e.g. "the outbox was pushed exactly once"). PGlite is single-process and owns its data
// folder, so the server is stopped while the test reads, and started again afterwards.
import { join } from 'node:path';
import { openPglite, type Sql } from '../../../src/server/store/sql';
import type { TestServer } from './server';

/** Where startServer keeps PGlite's files inside its data folder (see src/server/server.ts). */
export function pgliteDir(server: TestServer): string {
  return join(server.dataDir, 'pgdata');
}

/**
 * Runs `read` against the server's database. A running server is stopped first and restarted on
 * the same port afterwards (also when `read` throws), so the browser sees a short outage; pass
 * `{ restart: false }` to leave it stopped. Read only: the server is the one that writes.
 */
export async function withServerDb<T>(
  server: TestServer,
  read: (sql: Sql) => Promise<T>,
  { restart = true }: { restart?: boolean } = {},
): Promise<T> {
  const wasRunning = server.running;
  if (wasRunning) await server.stop();
  try {
    const sql = await openPglite(pgliteDir(server));
    try {
      return await read(sql);
    } finally {
      await sql.close();
    }
  } finally {
    if (wasRunning && restart) await server.restart();
  }
}

/** Tables of the migrations that a test may count. */
export type ServerTable =
  | 'forbund'
  | 'enhet'
  | 'app_user'
  | 'user_enhet'
  | 'session'
  | 'device'
  | 'applied_mutation'
  | 'record'
  | 'audit_event'
  // Migration 002: enkät responses and half-year rounds.
  | 'survey_response'
  | 'survey_round';

/**
 * Counts rows of `table`, optionally filtered by a SQL condition with $1… parameters, e.g.
 * `countRows(server, 'record', 'entity = $1', ['arende'])`. Stops and restarts the server (see above).
 */
export function countRows(
  server: TestServer,
  table: ServerTable,
  where?: string,
  params: unknown[] = [],
  options?: { restart?: boolean },
): Promise<number> {
  const text = `select count(*)::int as n from ${table}${where ? ` where ${where}` : ''}`;
  return withServerDb(
    server,
    async (sql) => (await sql.query<{ n: number }>(text, params)).rows[0]?.n ?? 0,
    options,
  );
}
