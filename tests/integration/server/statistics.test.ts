/**
 * The planner's statistics are the server's job on both databases (src/server/store/statistics.ts):
 * migrations end with ANALYZE, and the schedule analyses a table once a tenth of it has changed
 * (on PGlite, which has no autovacuum, it also vacuums one with a fifth of its rows dead). Checked
 * with the database's own record of when it last analysed (last_analyze, not autovacuum's
 * last_autoanalyze) and vacuumed.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { migrate } from '../../../src/server/store/migrate';
import { keepStatistics, refreshStatistics } from '../../../src/server/store/statistics';
import { bulkArenden } from '../../helpers/bulk';
import { createTestServer, type TestServer } from '../../helpers/server';
import { openTestDatabase, type TestDatabase } from '../../helpers/test-database';

let server: TestServer;
let fresh: TestDatabase;
let applied: string[];

beforeAll(async () => {
  server = await createTestServer();
  // Creating and migrating an empty database takes long on PGlite: done here, checked below.
  fresh = await openTestDatabase({ migrated: false });
  applied = await migrate(fresh.sql);
}, 120_000);
afterAll(async () => {
  await fresh?.close();
  await server?.close();
});

/** As text, to the microsecond: a Date printed by String() drops the milliseconds. */
interface Activity {
  last_analyze: string | null;
  last_vacuum: string | null;
}

async function activity(sql = server.sql, table = 'record'): Promise<Activity> {
  const { rows } = await sql.query<Activity>(
    'select last_analyze::text, last_vacuum::text from pg_stat_user_tables where relname = $1',
    [table],
  );
  return rows[0] ?? { last_analyze: null, last_vacuum: null };
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`never happened: ${what}`);
}

describe('planner statistics', () => {
  it('are gathered when the migrations have been applied', async () => {
    expect(applied).not.toEqual([]);
    await until(async () => (await activity(fresh.sql)).last_analyze !== null, 'ANALYZE after migrating');
  });

  it('are refreshed on the schedule once a tenth of a table has changed', async () => {
    const before = await activity();
    const keeper = keepStatistics(server.sql, { firstMs: 0, everyMs: 100 });
    try {
      const owner = {
        userId: (await server.createHandlaggare()).user.id,
        enhetId: server.enheter[0]?.id ?? '',
        deviceId: randomUUID(),
      };
      await bulkArenden(server.sql, { forbundId: server.forbund.id, owners: [owner], from: 0, count: 2_000 });
      await until(async () => {
        const now = await activity();
        return now.last_analyze !== null && now.last_analyze !== before.last_analyze;
      }, 'ANALYZE of record on the schedule');
    } finally {
      await keeper.stop();
    }
  });

  it('never waits on PostgreSQL for a table autovacuum holds: it is analysed on the next turn', async () => {
    if (server.databaseKind !== 'postgres') return;
    // Autovacuum would otherwise analyse the table itself after the inserts, and then nothing would
    // be left due for the schedule to analyse.
    await server.sql.exec('alter table record set (autovacuum_enabled = off)');
    onTestFinished(() => server.sql.exec('alter table record reset (autovacuum_enabled)'));
    const owner = {
      userId: (await server.createHandlaggare()).user.id,
      enhetId: server.enheter[0]?.id ?? '',
      deviceId: randomUUID(),
    };
    await bulkArenden(server.sql, {
      forbundId: server.forbund.id,
      owners: [owner],
      from: 10_000,
      count: 1_500,
    });
    // The counts reach pg_stat_user_tables a moment after the inserts commit.
    await until(async () => {
      const { rows } = await server.sql.query<{ due: boolean }>(
        `select n_mod_since_analyze > 50 + 0.1 * n_live_tup as due from pg_stat_user_tables where relname = 'record'`,
      );
      return rows[0]?.due === true;
    }, 'record due for ANALYZE');
    const before = await activity();
    // What autovacuum holds while it works on a table; ANALYZE's own lock conflicts with it.
    await server.sql.transaction(async (tx) => {
      await tx.exec('lock table record in share update exclusive mode');
      const outcome = await Promise.race([
        refreshStatistics(server.sql).then(() => 'returned'),
        new Promise((r) => setTimeout(r, 10_000)).then(() => 'waited for the lock'),
      ]);
      expect(outcome).toBe('returned');
    });
    expect((await activity()).last_analyze).toBe(before.last_analyze);
    // The next turns analyse it. A real autovacuum worker may be on the table at that moment (the
    // inserts made it due for autovacuum too): then that turn skips it as well, and a later one
    // analyses it – which is the behaviour under test, so each check is a turn of the schedule.
    await until(async () => {
      await refreshStatistics(server.sql);
      return (await activity()).last_analyze !== before.last_analyze;
    }, 'ANALYZE of record once the lock is gone');
  }, 60_000);

  it('vacuums on PGlite a table a fifth of whose rows are dead, since nothing else would', async () => {
    if (server.databaseKind !== 'pglite') return;
    const keeper = keepStatistics(server.sql, { firstMs: 0, everyMs: 100 });
    try {
      await server.sql.query(`update record set updated_at = updated_at + interval '1 second'`);
      await until(async () => (await activity()).last_vacuum !== null, 'VACUUM of record on PGlite');
    } finally {
      await keeper.stop();
    }
  });
});
