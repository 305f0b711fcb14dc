/**
 * Prepared statements on PGlite (src/server/store/sql.ts, pglitePrepared): a statement marked
 * prepared is parsed once and then only bound and run through PostgreSQL's wire protocol. Shown
 * on the real embedded database: whatever the values – broken Unicode, a NUL byte, huge or empty
 * ones, nulls – it answers exactly what the same statement unprepared answers (the same rows or
 * the same refusal); it runs with its generic plan, planned without sequential scans, and leaves
 * the session's settings as they were, after a failure too, in a transaction and outside one; a
 * statement asked meanwhile never runs inside another's transaction; and on a new server, whose
 * record table was empty when the pull page was first planned, the pull reads the filled table
 * by index.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, type PgliteSql, type Sql } from '../../../src/server/store/sql';
import { bulkArenden } from '../../helpers/bulk';
import { createTestServer } from '../../helpers/server';
import { device } from '../server/support';

let db: PgliteSql;
beforeAll(async () => {
  db = await openPglite();
  await db.exec('create table t (id int primary key, label text, doc jsonb, at timestamptz, ids uuid[])');
}, 60_000);
afterAll(() => db?.close());

/** The rows, or the SQLSTATE it was refused with. */
const outcome = (sql: Sql, text: string, params: unknown[], prepared: boolean) =>
  sql.query(text, params, { prepared }).then(
    (r) => ({ rows: r.rows }),
    (e: { code?: string }) => ({ refused: e.code ?? 'no code' }),
  );

const settings = async (sql: Sql) =>
  (
    await sql.query<{ seq: string; mode: string }>(
      `select current_setting('enable_seqscan') as seq, current_setting('plan_cache_mode') as mode`,
    )
  ).rows[0];
const AS_BEFORE = { seq: 'on', mode: 'auto' };

const ECHO = `select $1::text as label, $2::int as n, $3::jsonb as doc, $4::timestamptz as at,
                     $5::uuid[] as ids, $6::bigint::text as big, length($1::text) as len`;

describe('a prepared statement on PGlite', () => {
  it('property: answers what the same statement unprepared answers, whatever the values', async () => {
    const text = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc.string({ unit: 'binary', maxLength: 40 }), // lone surrogates, NUL and every code point
      fc.constantFrom('', '\u0000', 'a\ud800b', '\udfff', 'Å'.repeat(300_000)),
    );
    const value = fc.tuple(
      fc.option(text),
      fc.option(fc.integer()),
      // jsonb: a value, or text as the server sends it (JSON already written, or anything at all).
      fc.option(
        fc.oneof(
          fc.jsonValue({ maxDepth: 2 }),
          fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)),
          text,
        ),
      ),
      fc.option(fc.date({ min: new Date('1900-01-01'), max: new Date('2200-01-01'), noInvalidDate: true })),
      fc.option(fc.array(fc.uuid(), { maxLength: 3 })),
      fc.option(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map(String)),
    );
    await fc.assert(
      fc.asyncProperty(value, async (params) => {
        const unprepared = await outcome(db, ECHO, params, false);
        expect(await outcome(db, ECHO, params, true)).toEqual(unprepared);
        await db
          .transaction(async (tx) => {
            expect(await outcome(tx, ECHO, params, true)).toEqual(unprepared);
          })
          .catch(() => undefined); // a refusal inside aborts the transaction: rolled back
        expect(await settings(db)).toEqual(AS_BEFORE);
      }),
      { numRuns: 150 },
    );
  }, 120_000);

  it('writes and reads rows as unprepared, and is refused with the SQLSTATE a unique key gives', async () => {
    const insert = 'insert into t (id, label, doc, at, ids) values ($1, $2, $3, $4, $5) returning *';
    const row = [1, 'Norsjö ✓', { a: [1, 'två'] }, new Date('2026-12-06T08:15:00.123Z'), [randomUUID()]];
    const first = await db.query(insert, row, { prepared: true });
    expect(first.rows).toEqual([
      { id: 1, label: 'Norsjö ✓', doc: { a: [1, 'två'] }, at: row[3], ids: row[4] },
    ]);
    await expect(db.query(insert, row, { prepared: true })).rejects.toMatchObject({ code: '23505' });
    expect((await db.query('select * from t where id = $1', [1], { prepared: true })).rows).toEqual(
      first.rows,
    );
    expect(await settings(db)).toEqual(AS_BEFORE);
  });

  it('runs its generic plan, and leaves the settings as they were, after a failure too', async () => {
    const divide = 'select 10 / $1::int as q';
    expect((await db.query(divide, [2], { prepared: true })).rows).toEqual([{ q: 5 }]);
    await expect(db.query(divide, [0], { prepared: true })).rejects.toMatchObject({ code: '22012' });
    expect(await settings(db)).toEqual(AS_BEFORE);
    // In a transaction: the settings are the session's again after a statement that succeeded …
    await db.transaction(async (tx) => {
      expect((await tx.query(divide, [5], { prepared: true })).rows).toEqual([{ q: 2 }]);
      expect(await settings(tx)).toEqual(AS_BEFORE);
    });
    // … and after one that failed, once the transaction is rolled back.
    const failed = await db
      .transaction((tx) => tx.query(divide, [0], { prepared: true }))
      .catch((e: { code?: string }) => e.code);
    expect(failed).toBe('22012');
    expect(await settings(db)).toEqual(AS_BEFORE);
    const { rows } = await db.query<{ generic_plans: number; custom_plans: number }>(
      'select generic_plans::int, custom_plans::int from pg_prepared_statements where statement = $1',
      [divide],
    );
    expect(rows).toEqual([{ generic_plans: 4, custom_plans: 0 }]);
  });

  it('never runs inside another’s transaction, asked while it is open', async () => {
    await db.exec('create table seen (n int)');
    const inside = db.transaction(async (tx) => {
      await tx.query('insert into seen values (1)');
      await new Promise((r) => setTimeout(r, 30));
      throw new Error('rolled back');
    });
    const meanwhile = db.query<{ n: number }>('select count(*)::int as n from seen', [], { prepared: true });
    await expect(inside).rejects.toThrow('rolled back');
    // Run after the rollback: inside the transaction it would have counted the row.
    expect((await meanwhile).rows).toEqual([{ n: 0 }]);
  });
});

describe('a pull page on a new server’s first morning, on PGlite', () => {
  it('reads the filled record table by index, though first planned while it was empty', async () => {
    const server = await createTestServer();
    try {
      await server.sql.exec('analyze record');
      const account = await server.createHandlaggare({ enheter: ['NOR'] });
      const enhetId = server.enheter.find((e) => e.kod === 'NOR')?.id ?? '';
      const dev = device(server, (await server.login(account.username, account.password)).token);
      // Planned now, on the empty table, and run more than the five times after which PostgreSQL
      // would keep a generic plan by itself; kept until the table's next ANALYZE.
      for (let i = 0; i < 7; i++)
        expect((await dev.pull('0', 500, { device: dev.deviceId, count: true })).changes).toEqual([]);
      await bulkArenden(server.sql, {
        forbundId: server.forbund.id,
        owners: [{ userId: account.user.id, enhetId, deviceId: randomUUID() }],
        from: 0,
        count: 5_000,
      });
      const seqScansOfRecord = async () => {
        await server.sql.exec('select pg_stat_force_next_flush(); select pg_stat_clear_snapshot()');
        const { rows } = await server.sql.query<{ n: number }>(
          `select coalesce(seq_scan, 0)::int as n from pg_stat_user_tables where relname = 'record'`,
        );
        return rows[0]?.n ?? 0;
      };
      const before = await seqScansOfRecord();
      const page = await dev.pull('0', 500, { device: dev.deviceId, count: true });
      expect(page.changes).toHaveLength(500);
      expect(page.total).toBe(5_000);
      expect(await seqScansOfRecord()).toBe(before);
    } finally {
      await server.close();
    }
  }, 120_000);
});
