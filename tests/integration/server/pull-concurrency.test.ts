/**
 * The pull cursor under concurrent writers (the invariant at the top of services/pull.ts: a row
 * never appears behind a cursor already handed out). Devices of one förbund push in parallel –
 * each transaction holding its commit back a random while, so that transactions often commit in
 * another order than they began – while readers page through with small pages. Afterwards every
 * reader holds every record of the förbund at its latest version: no pull skipped a row, and no
 * cursor ever moved back. On PGlite transactions run one at a time anyway; on PostgreSQL
 * (server-postgres) they overlap for real, and the test checks that they did.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCursor } from '../../../src/server/services/pull';
import type { Sql } from '../../../src/server/store/sql';
import { createTestServer, type TestAccount, type TestServer } from '../../helpers/server';
import { device, newArende } from './support';

// PGlite runs one transaction at a time, so there a smaller run shows all it can.
const SIZE = {
  postgres: { writers: 6, rounds: 8, readers: 3 },
  pglite: { writers: 4, rounds: 4, readers: 2 },
};

/** A fixed-seed generator, so each run holds commits back by the same pattern. */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

const inFlight = { now: 0, most: 0 };

/** Every transaction of the app waits 0–40 ms between its last statement and its commit. */
function commitsHeldBack(sql: Sql, next: () => number): Sql {
  return {
    ...sql,
    transaction: (fn) =>
      sql.transaction(async (tx) => {
        inFlight.now += 1;
        inFlight.most = Math.max(inFlight.most, inFlight.now);
        try {
          const result = await fn(tx);
          await new Promise((r) => setTimeout(r, next() * 40));
          return result;
        } finally {
          inFlight.now -= 1;
        }
      }),
    lane: (lane) => commitsHeldBack(sql.lane(lane), next),
  };
}

let server: TestServer;
let account: TestAccount;

beforeAll(async () => {
  const next = random(1919);
  server = await createTestServer({ wrapSql: (sql) => commitsHeldBack(sql, next) });
  account = await server.createHandlaggare({ enheter: ['NOR'] });
}, 60_000);
afterAll(() => server.close());

const later = (a: string, b: string) => {
  const [x, y] = [parseCursor(a), parseCursor(b)];
  if (!x || !y) throw new Error(`not a cursor: ${a} / ${b}`);
  return BigInt(x.xid) > BigInt(y.xid) || (x.xid === y.xid && BigInt(x.seq) > BigInt(y.seq));
};

async function reader(done: () => boolean) {
  const pause = server.databaseKind === 'postgres' ? 2 : 10;
  const dev = device(server, (await server.login(account.username, account.password)).token);
  const seen = new Map<string, number>();
  let cursor = '0';
  const page = async () => {
    const p = await dev.pull(cursor, 5);
    for (const c of p.changes) {
      const { id, version } = c.record as { id: string; version: number };
      seen.set(id, Math.max(seen.get(id) ?? 0, version));
    }
    expect(later(cursor, p.cursor), `cursor moved back from ${cursor} to ${p.cursor}`).toBe(false);
    cursor = p.cursor;
    return p;
  };
  while (!done()) {
    await page();
    await new Promise((r) => setTimeout(r, pause));
  }
  // Writers are done: read to the end, until a page comes back empty with nothing more.
  for (;;) {
    const p = await page();
    if (p.changes.length === 0 && !p.hasMore) return seen;
  }
}

async function writer(w: number, rounds: number, ids: string[]) {
  const dev = device(server, (await server.login(account.username, account.password)).token);
  const nor = server.enheter[0]?.id ?? '';
  for (let round = 0; round < rounds; round++) {
    const creates = [0, 1, 2].map(() => randomUUID());
    // Edits of records other writers made (their version may have moved on: merged, never refused).
    const edits = ids.slice(-6).filter((_, i) => (i + w + round) % 3 === 0);
    const res = await dev.push([
      ...creates.map((id) => dev.mutation(id, newArende(nor, account.user.id), null)),
      ...edits.map((id) => dev.mutation(id, { kon: round % 2 ? 'man' : 'kvinna' }, 1)),
    ]);
    expect(res.results.every((r) => r.status === 'applied')).toBe(true);
    ids.push(...creates);
  }
}

describe('pull while several devices push', () => {
  it('gives every reader every record at its latest version, whatever order the writers commit in', async () => {
    const size = SIZE[server.databaseKind];
    const ids: string[] = [];
    let writing = true;
    const readers = Array.from({ length: size.readers }, () => reader(() => !writing));
    await Promise.all(Array.from({ length: size.writers }, (_, w) => writer(w, size.rounds, ids)));
    writing = false;
    const seenByReader = await Promise.all(readers);

    const { rows } = await server.sql.query<{ id: string; version: number }>(
      'select id, version from record where forbund_id = $1',
      [server.forbund.id],
    );
    expect(rows).toHaveLength(size.writers * size.rounds * 3);
    const truth = new Map(rows.map((r) => [r.id, r.version]));
    for (const seen of seenByReader) expect(seen).toEqual(truth);
    if (server.databaseKind === 'postgres') expect(inFlight.most).toBeGreaterThan(1);
  });
});
