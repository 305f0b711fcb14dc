/**
 * A pull page is put together by the database as one row (store/records.ts PulledPage): the
 * entries after the cursor – records, removals, and the asking device's own writes it holds, which
 * carry nothing but move the cursor – cut at the page's limit. Property, over random histories of
 * one enhet (the reader's own creates and edits, a colleague's, ärenden moved to another enhet and
 * back) and any page size: paging from cursor 0 as the reader's device sends exactly what one page
 * big enough for everything sends, each record once, the records in the same order and the
 * removals in the same order; the first page's count is
 * that many; every page that another follows moves the cursor forward (one of nothing but own
 * writes too), and the last ends at or past the big page's cursor with nothing after it. The same holds for a backfill of a gained
 * enhet. Both databases.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PullResponse } from '../../../src/domain/sync-protocol';
import { parseCursor } from '../../../src/server/services/pull';
import { createTestServer, type TestServer } from '../../helpers/server';
import { bearer, device, newArende } from './support';

let server: TestServer;

beforeAll(async () => {
  server = await createTestServer();
}, 60_000);
afterAll(() => server.close());

/**
 * Until every transaction older than the förbund's last write has ended. A page holds only what
 * transactions below the horizon wrote (services/pull.ts), and on the test PostgreSQL cluster other
 * files' transactions – some held open on purpose – can hold it below this test's writes for a
 * while; then one walk could reach further than another. Past it, every page sees all of them.
 */
async function horizonPast(forbundId: string): Promise<void> {
  const { rows } = await server.sql.query<{ xid: string | null }>(
    `select greatest((select max(change_xid::text::numeric) from record where forbund_id = $1),
                     (select max(change_xid::text::numeric) from record_removal where forbund_id = $1))::text as xid`,
    [forbundId],
  );
  const last = BigInt(rows[0]?.xid ?? '0');
  for (let tries = 0; tries < 600; tries++) {
    const { rows: h } = await server.sql.query<{ xmin: string }>(
      'select pg_snapshot_xmin(pg_current_snapshot())::text as xmin',
    );
    if (BigInt(h[0]?.xmin ?? '0') > last) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('a transaction older than the test’s writes still runs after 30 s');
}

type Step =
  | { op: 'own-create' | 'other-create'; n: number }
  | { op: 'own-edit' | 'other-edit' | 'move-away' | 'move-back'; pick: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  // Several in one push: entries of one transaction, told apart by their change_seq alone.
  fc.record({
    op: fc.constantFrom('own-create' as const, 'other-create' as const),
    n: fc.integer({ min: 1, max: 3 }),
  }),
  fc.record({
    op: fc.constantFrom(
      'own-edit' as const,
      'other-edit' as const,
      'move-away' as const,
      'move-back' as const,
    ),
    pick: fc.nat(),
  }),
);

const order = (cursor: string) => {
  const p = parseCursor(cursor);
  if (!p) throw new Error(`not a cursor: ${cursor}`);
  return (BigInt(p.xid) << 64n) + BigInt(p.seq);
};

const entries = (page: PullResponse) => [
  ...page.changes.map((c) => `c:${String(c.record.id)}:${String(c.record.version)}`),
  ...page.removals.map((r) => `r:${r.id}`),
];

/** Every page from `cursor` at `limit`, asking for the count on the first, as the engine does. */
async function pages(fetchPage: (cursor: string, count: boolean) => Promise<PullResponse>, start = '0') {
  const sent: string[] = [];
  const cursors: bigint[] = [order(start)];
  let cursor = start;
  let total: number | undefined;
  for (let n = 0; ; n++) {
    const page = await fetchPage(cursor, n === 0);
    if (n === 0) total = page.total;
    sent.push(...entries(page));
    cursors.push(order(page.cursor));
    cursor = page.cursor;
    if (!page.hasMore) return { sent, cursors, cursor, total, pages: n + 1 };
    if (n > 200) throw new Error('more pages than entries');
  }
}

describe('pull pages at any size', () => {
  it('send what one big page sends, in order, each once, with the count and cursor it gives', async () => {
    const tenant = await server.addForbund(`Sidor ${randomUUID()}`);
    const nor = tenant.enheter.find((e) => e.kod === 'NOR')?.id ?? '';
    const ske = tenant.enheter.find((e) => e.kod === 'SKE')?.id ?? '';
    const reader = await tenant.createHandlaggare({ enheter: ['NOR'] });
    const mover = await tenant.createHandlaggare({ enheter: ['NOR', 'SKE'] });
    const signIn = async (a: typeof reader) =>
      device(server, (await server.login(a.username, a.password)).token);
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 1, maxLength: 14 }),
        fc.integer({ min: 1, max: 6 }),
        async (steps, limit) => {
          runs += 1;
          const own = await signIn(reader);
          const other = await signIn(mover);
          // Where each ärende of this run is and the version each device knows.
          const made: { id: string; at: 'NOR' | 'SKE'; version: number }[] = [];
          const start = (await own.pull('0', 1000, { device: own.deviceId })).cursor;
          for (const s of steps) {
            if ('n' in s) {
              const dev = s.op === 'own-create' ? own : other;
              const owner = s.op === 'own-create' ? reader : mover;
              const ids = Array.from({ length: s.n }, () => randomUUID());
              await dev.push(ids.map((id) => dev.mutation(id, newArende(nor, owner.user.id), null)));
              for (const id of ids) made.push({ id, at: 'NOR', version: 1 });
              continue;
            }
            const target = made[s.pick % Math.max(made.length, 1)];
            if (!target) continue;
            const dev = s.op === 'own-edit' ? own : other;
            if (s.op === 'own-edit' && target.at !== 'NOR') continue;
            if (s.op === 'move-away' && target.at !== 'NOR') continue;
            if (s.op === 'move-back' && target.at !== 'SKE') continue;
            const changes =
              s.op === 'move-away'
                ? { enhetId: ske }
                : s.op === 'move-back'
                  ? { enhetId: nor }
                  : { kon: target.version % 2 === 0 ? 'kvinna' : 'man' };
            const res = await dev.push([dev.mutation(target.id, changes, target.version)]);
            expect(res.results[0]).toMatchObject({ status: 'applied' });
            target.version += 1;
            if (s.op === 'move-away') target.at = 'SKE';
            if (s.op === 'move-back') target.at = 'NOR';
          }
          await horizonPast(tenant.forbund.id);
          const page = async (cursor: string, count: boolean, size: number) =>
            PullResponse.parse(await own.pull(cursor, size, { device: own.deviceId, count }));
          const whole = await pages((c, count) => page(c, count, 1000), start);
          expect(whole.pages).toBe(1);
          const paged = await pages((c, count) => page(c, count, limit), start);
          // A page carries its records and its removals in two lists: each in order.
          const kind = (k: string, list: string[]) => list.filter((e) => e.startsWith(k));
          expect(kind('c:', paged.sent)).toEqual(kind('c:', whole.sent));
          expect(kind('r:', paged.sent)).toEqual(kind('r:', whole.sent));
          // A record once, at its latest version. (A removal may come twice: one for each time the
          // record was moved away, as one big page sends them too.)
          expect(new Set(kind('c:', paged.sent)).size).toBe(kind('c:', paged.sent).length);
          expect(paged.total).toBe(whole.sent.length);
          // The walk ends at or past the big page's cursor (the horizon may have moved on since:
          // each pull records the device's sync), with nothing left after it.
          expect(order(paged.cursor) >= order(whole.cursor)).toBe(true);
          expect(entries(await page(paged.cursor, false, 1000))).toEqual([]);
          // Each page that another follows moves the cursor; none moves it back.
          const moves = paged.cursors.slice(1).map((c, i) => c - (paged.cursors[i] as bigint));
          expect(moves.slice(0, -1).every((d) => d > 0n)).toBe(true);
          expect(moves.every((d) => d >= 0n)).toBe(true);
          // Nothing the reader's device holds as it wrote it comes back; a colleague's edit does.
          const held = made.filter((m) => m.at === 'NOR').map((m) => m.id);
          expect(
            paged.sent.filter((e) => e.startsWith('c:')).every((e) => held.includes(e.split(':')[1] ?? '')),
          ).toBe(true);

          // A backfill of SKE for the mover, up to now, paged the same way.
          const until = (await other.pull('0', 1000)).cursor;
          const backfill = async (cursor: string, count: boolean, size: number) => {
            const q = new URLSearchParams({ cursor, limit: String(size), until, enhet: ske });
            if (count) q.set('count', '1');
            const res = await server.fetch(`/api/sync/pull?${q}`, bearer(other.token));
            return PullResponse.parse(await res.json());
          };
          const wholeBackfill = await pages((c, count) => backfill(c, count, 1000));
          const pagedBackfill = await pages((c, count) => backfill(c, count, limit));
          expect(pagedBackfill.sent).toEqual(wholeBackfill.sent);
          expect(pagedBackfill.total).toBe(wholeBackfill.sent.length);
          expect(pagedBackfill.cursor).toBe(wholeBackfill.cursor);
          expect(wholeBackfill.sent.every((e) => e.startsWith('c:'))).toBe(true);
        },
      ),
      { numRuns: 25 },
    );
    expect(runs).toBe(25);
  }, 240_000);
});
