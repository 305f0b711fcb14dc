/**
 * vitest globalSetup of the `server-postgres` project: starts a throwaway PostgreSQL cluster,
 * builds a migrated template database on it, and hands its URL to the tests (inject
 * 'postgresUrl'); each test server then copies the template into a database of its own
 * (tests/helpers/test-database.ts). The cluster is stopped and its folder removed at teardown.
 */
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrate } from '../../src/server/store/migrate';
import { openPostgres } from '../../src/server/store/sql';
import { postgresBinDir, startCluster } from './postgres-cluster';

export const TEMPLATE_DB = 'faltsam_template';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The maintenance database of the test cluster; unset outside the server-postgres project. */
    postgresUrl: string;
    /** The migrated database every test database is copied from. */
    postgresTemplate: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const cluster = startCluster(postgresBinDir());
  try {
    const admin = new pg.Client({ connectionString: cluster.url() });
    await admin.connect();
    await admin.query(`create database ${TEMPLATE_DB}`);
    await admin.end();
    const sql = await openPostgres(cluster.url(TEMPLATE_DB));
    await migrate(sql);
    // A template may have no open connection while it is copied.
    await sql.close();
  } catch (err) {
    cluster.stop();
    throw err;
  }
  project.provide('postgresUrl', cluster.url());
  project.provide('postgresTemplate', TEMPLATE_DB);
  // Also when vitest exits without its teardown (an uncaught error, e.g. stdout closed early).
  process.once('exit', () => cluster.stop());
  return () => cluster.stop();
}
