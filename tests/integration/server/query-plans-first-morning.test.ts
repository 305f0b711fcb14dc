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
import { keptGenericPlan, type PlanNode, plan, seqScans } from '../../helpers/generic-plan';
import { recording, type Statement } from '../../helpers/recording-sql';
import { createTestServer, type TestServer } from '../../helpers/server';
import { device, newArende } from './support';

const removed = (n: PlanNode): number =>
  (n['Rows Removed by Filter'] ?? 0) +
  (n['Rows Removed by Index Recheck'] ?? 0) +
  (n.Plans ?? []).reduce((sum, p) => sum + removed(p), 0);

let server: TestServer;
const statements: Statement[] = [];

beforeAll(async () => {
  server = await createTestServer({ wrapSql: (sql) => recording(sql, statements) });
  // Statistics of the empty table, and none taken again while it fills (no autovacuum, no schedule).
  if (server.sql.kind === 'postgres')
    await server.sql.query('alter table record set (autovacuum_enabled = off)');
  await server.sql.exec('analyze record');
}, 60_000);
afterAll(() => server?.close());

/**
 * A handläggare of the enhet `kod`, `count` ärenden of it bulk-loaded (no ANALYZE since the empty
 * table's), signed in on a device; the statements recorded so far forgotten.
 */
async function loaded(kod: string, from: number, count: number) {
  const account = await server.createHandlaggare({ enheter: [kod] });
  const enhetId = server.enheter.find((e) => e.kod === kod)?.id ?? '';
  await bulkArenden(server.sql, {
    forbundId: server.forbund.id,
    owners: [{ userId: account.user.id, enhetId, deviceId: randomUUID() }],
    from,
    count,
  });
  const dev = device(server, (await server.login(account.username, account.password)).token);
  statements.length = 0;
  return { account, enhetId, dev };
}

describe('the pseudonym-code check of a push on a förbund’s first morning', () => {
  it('reads about what it returns, with statistics taken when the table was empty', async () => {
    const { account, enhetId: nor, dev } = await loaded('NOR', 0, 10_000);
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
    const fresh = await createTestServer({ wrapSql: (sql) => recording(sql, statements) });
    try {
      if (fresh.sql.kind === 'postgres')
        await fresh.sql.query('alter table record set (autovacuum_enabled = off)');
      await fresh.sql.exec('analyze record');
      const account = await fresh.createHandlaggare({ enheter: ['SKE'] });
      const enhetId = fresh.enheter.find((e) => e.kod === 'SKE')?.id ?? '';
      const dev = device(fresh, (await fresh.login(account.username, account.password)).token);
      statements.length = 0;
      expect((await dev.pull('0', 500, { device: dev.deviceId })).changes).toEqual([]);
      const pulled = statements.find((s) => s.prepared && /pg_current_snapshot/.test(s.text));
      if (!pulled) throw new Error('the pull page ran unprepared');
      const fill = () =>
        bulkArenden(fresh.sql, {
          forbundId: fresh.forbund.id,
          owners: [{ userId: account.user.id, enhetId, deviceId: randomUUID() }],
          from: 0,
          count: 5_000,
        });
      if (fresh.sql.kind !== 'postgres') {
        await fill();
        expect((await dev.pull('0', 500)).changes).toHaveLength(500);
        return;
      }
      const kept = await keptGenericPlan(fresh.sql, pulled, READ_LANE_SETTINGS, fill);
      expect(seqScans(kept)).not.toContain('record');
      expect(removed(kept)).toBeLessThan(100);
      // The page asked for and the one row that says another follows.
      expect(kept['Actual Rows']).toBe(501);
    } finally {
      await fresh.close();
    }
  }, 120_000);
});
