/**
 * A förbund's first morning: its statistics were taken while the record table was empty, and the
 * wave fills it before the next ANALYZE. Every push checks its ärenden's pseudonym codes; with
 * those statistics the planner once searched the unique index by the förbund alone and read every
 * ärende of the förbund per push (16 ms at 10,000 and growing). Property: the code check, as the
 * app runs it, reads about as many rows as it returns, however stale the statistics; and so does
 * a pull page in the generic plan PostgreSQL keeps for it. Both databases.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READ_LANE_SETTINGS } from '../../../src/server/store/sql';
import { bulkArenden } from '../../helpers/bulk';
import { keptGenericPlan, type PlanNode, plan, planNodes, seqScans } from '../../helpers/generic-plan';
import { recording, type Statement } from '../../helpers/recording-sql';
import { createTestServer, type TestServer } from '../../helpers/server';
import { device, newArende } from './support';

const removed = (n: PlanNode): number =>
  planNodes(n).reduce(
    (sum, p) => sum + (p['Rows Removed by Filter'] ?? 0) + (p['Rows Removed by Index Recheck'] ?? 0),
    0,
  );

/** The rows each Limit node of the plan returned. */
const limits = (n: PlanNode): number[] =>
  planNodes(n).flatMap((p) => (p['Node Type'] === 'Limit' ? [p['Actual Rows'] ?? 0] : []));

let server: TestServer;
const statements: Statement[] = [];

/** A server whose statistics are the empty table's, and none taken again while it fills. */
async function staleServer(): Promise<TestServer> {
  const srv = await createTestServer({ wrapSql: (sql) => recording(sql, statements) });
  // No autovacuum (PostgreSQL); the server's own schedule does not run in tests.
  if (srv.sql.kind === 'postgres') await srv.sql.query('alter table record set (autovacuum_enabled = off)');
  await srv.sql.exec('analyze record');
  return srv;
}

beforeAll(async () => {
  server = await staleServer();
}, 60_000);
afterAll(() => server?.close());

/**
 * A handläggare of the enhet `kod` on `srv`, signed in on a device; `fill` bulk-loads ärenden of
 * the enhet (no ANALYZE).
 */
async function handlaggare(srv: TestServer, kod: string) {
  const account = await srv.createHandlaggare({ enheter: [kod] });
  const enhetId = srv.enheter.find((e) => e.kod === kod)?.id ?? '';
  const dev = device(srv, (await srv.login(account.username, account.password)).token);
  const fill = (from: number, count: number) =>
    bulkArenden(srv.sql, {
      forbundId: srv.forbund.id,
      owners: [{ userId: account.user.id, enhetId, deviceId: randomUUID() }],
      from,
      count,
    });
  return { account, enhetId, dev, fill };
}

describe('the pseudonym-code check of a push on a förbund’s first morning', () => {
  it('reads about what it returns, with statistics taken when the table was empty', async () => {
    const { account, enhetId: nor, dev, fill } = await handlaggare(server, 'NOR');
    await fill(0, 10_000);
    statements.length = 0;
    const { results } = await dev.push(
      Array.from({ length: 50 }, () => dev.mutation(randomUUID(), newArende(nor, account.user.id), null)),
    );
    expect(results.filter((r) => r.status === 'applied')).toHaveLength(50);
    const check = statements.find((s) => /data ->> 'code' = any/.test(s.text));
    if (!check) throw new Error('the push ran no code check');
    expect(removed(await plan(server.sql, check, true))).toBeLessThan(100);
  }, 120_000);

  // A pull page is a prepared statement whose generic plan the read lane keeps from a
  // connection's first run on PostgreSQL (store/sql.ts QueryOptions.prepared). On a new server
  // that run is while the record table is empty; the plan must still read each enhet's changes
  // by index once the table has filled, before any ANALYZE.
  it('pulls by index with the generic plan made while the table was empty', async () => {
    const fresh = await staleServer();
    try {
      const { dev, fill } = await handlaggare(fresh, 'SKE');
      statements.length = 0;
      expect((await dev.pull('0', 500, { device: dev.deviceId })).changes).toEqual([]);
      const pulled = statements.find((s) => s.prepared && /pg_current_snapshot/.test(s.text));
      if (!pulled) throw new Error('the pull page ran unprepared');
      const filled = () => fill(0, 5_000);
      // PGlite's one connection cannot fill the table while the plan's transaction is open here;
      // its kept plan is checked on the server's own prepared statement instead
      // (tests/integration/store/pglite-prepared.test.ts).
      if (fresh.sql.kind !== 'postgres') {
        await filled();
        expect((await dev.pull('0', 500)).changes).toHaveLength(500);
        return;
      }
      const kept = await keptGenericPlan(fresh.sql, pulled, READ_LANE_SETTINGS, filled);
      expect(seqScans(kept)).not.toContain('record');
      expect(removed(kept)).toBeLessThan(100);
      // The page asked for and the one entry that says another follows, gathered into one row.
      expect(Math.max(...limits(kept))).toBe(501);
      expect(kept['Actual Rows']).toBe(1);
    } finally {
      await fresh.close();
    }
  }, 120_000);
});
