/**
 * The pull feed's removals and backfill, on the server: who gets a removal, that records and
 * removals share one gap-free cursor, the scope on every page, and that no backfill filter — other
 * tenants' ids, hidden kinds, hostile values — reaches a record outside the user's scope.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTITY_NAMES } from '../../../src/domain/entity-names';
import { ApiErrorResponse, PullResponse } from '../../../src/domain/sync-protocol';
import { parseCursor } from '../../../src/server/services/pull';
import { removeFromDevices } from '../../../src/server/services/removals';
import { createTestServer, type TestAccount, type TestServer, type TestTenant } from '../../helpers/server';
import { bearer, device, newArende } from './support';

let server: TestServer;
let other: TestTenant;
let norUser: TestAccount;
let bothUser: TestAccount;
let skeUser: TestAccount;
let otherUser: TestAccount;
const enhet = (t: TestTenant, kod: string) => t.enheter.find((e) => e.kod === kod)?.id ?? '';

beforeAll(async () => {
  server = await createTestServer();
  other = await server.addForbund('Annat testförbund');
  norUser = await server.createHandlaggare({ enheter: ['NOR'] });
  bothUser = await server.createHandlaggare({ enheter: ['NOR', 'SKE'] });
  skeUser = await server.createHandlaggare({ enheter: ['SKE'] });
  otherUser = await other.createHandlaggare({ enheter: ['NOR', 'SKE'] });
}, 60_000);
afterAll(() => server.close());

const signIn = async (a: TestAccount) => device(server, (await server.login(a.username, a.password)).token);

async function pullQuery(token: string, query: string) {
  return server.fetch(`/api/sync/pull?${query}`, bearer(token));
}

/** A cursor's place in the pull order as one number (change_xid, then change_seq). */
function order(cursor: string): bigint {
  const p = parseCursor(cursor);
  if (!p) throw new Error(`not a cursor: ${cursor}`);
  return (BigInt(p.xid) << 64n) + BigInt(p.seq);
}

/** Every change and removal after `cursor`, one item per page, with the cursors handed out. */
async function walk(dev: Awaited<ReturnType<typeof signIn>>, cursor: string) {
  const items: string[] = [];
  const cursors: bigint[] = [];
  for (;;) {
    const page = PullResponse.parse(await dev.pull(cursor, 1));
    items.push(
      ...page.changes.map((c) => `c:${String(c.record.id)}`),
      ...page.removals.map((r) => `r:${r.id}`),
    );
    cursors.push(order(page.cursor));
    cursor = page.cursor;
    if (!page.hasMore) return { items, cursors, cursor };
  }
}

describe('removals in the pull feed', () => {
  it('reach the users of the enhet a record left who cannot see it now, in cursor order with the changes', async () => {
    const mover = await signIn(bothUser);
    const stays = await signIn(norUser);
    const start = (await stays.pull()).cursor;
    const skeStart = (await (await signIn(skeUser)).pull()).cursor;
    const moved = randomUUID();
    const kept = randomUUID();
    await mover.push([
      mover.mutation(moved, newArende(enhet(server, 'NOR'), bothUser.user.id), null),
      mover.mutation(kept, newArende(enhet(server, 'NOR'), bothUser.user.id), null),
    ]);
    const seen = await stays.pull(start);
    await mover.push([mover.mutation(moved, { enhetId: enhet(server, 'SKE') }, 1)]);

    const { items, cursors } = await walk(stays, seen.cursor);
    expect(items).toEqual([`r:${moved}`]);
    expect(cursors.every((c, i) => i === 0 || c >= (cursors[i - 1] as bigint))).toBe(true);
    // From the start: both created, then the one removed; each exactly once.
    expect((await walk(stays, start)).items).toEqual([`c:${kept}`, `r:${moved}`]);
    // In both enheter: the move is a change, never a removal.
    const fromBoth = (await walk(await signIn(bothUser), start)).items;
    expect(fromBoth.filter((i) => i.endsWith(moved))).toEqual([`c:${moved}`]);
    // SKE only: it arrives; NOR's other ärende never does, nor any removal.
    expect((await walk(await signIn(skeUser), skeStart)).items).toEqual([`c:${moved}`]);
    // Another förbund hears of none of it.
    const theirs = await signIn(otherUser);
    const all = await walk(theirs, '0');
    expect(all.items.some((i) => i.endsWith(moved) || i.endsWith(kept))).toBe(false);
  });

  it('are not delivered once the record is back where the user sees it', async () => {
    const mover = await signIn(bothUser);
    const stays = await signIn(norUser);
    const id = randomUUID();
    await mover.push([mover.mutation(id, newArende(enhet(server, 'NOR'), bothUser.user.id), null)]);
    const cursor = (await walk(stays, '0')).cursor;
    await mover.push([
      mover.mutation(id, { enhetId: enhet(server, 'SKE') }, 1),
      mover.mutation(id, { enhetId: enhet(server, 'NOR') }, 2),
    ]);
    expect((await walk(stays, cursor)).items).toEqual([`c:${id}`]);
  });

  it('can be aimed at some users only (removeFromDevices), keeping the cursor’s order', async () => {
    const mover = await signIn(bothUser);
    const id = randomUUID();
    await mover.push([mover.mutation(id, newArende(enhet(server, 'NOR'), bothUser.user.id), null)]);
    const a = await signIn(norUser);
    const cursor = (await walk(a, '0')).cursor;
    // Gone from the server (as gallring will do), removed from one user's devices only.
    await server.sql.transaction(async (tx) => {
      await tx.query('delete from record where id = $1', [id]);
      await removeFromDevices(
        tx,
        server.forbund.id,
        [{ entity: 'arende', id, enhetId: enhet(server, 'NOR') }],
        {
          userIds: [norUser.user.id],
        },
      );
    });
    expect((await walk(a, cursor)).items).toEqual([`r:${id}`]);
    const b = await signIn(bothUser);
    expect((await walk(b, cursor)).items).toEqual([]);
  });

  it('carries the user’s scope on every page and counts what follows when asked', async () => {
    const dev = await signIn(bothUser);
    const res = await pullQuery(dev.token, 'cursor=0&limit=1&count=1');
    const page = PullResponse.parse(await res.json());
    expect(page.scope.enhetIds).toEqual([enhet(server, 'NOR'), enhet(server, 'SKE')].sort());
    expect(page.scope.entities).toContain('arende');
    expect(page.scope.entities).not.toContain('response');
    expect(page.scope.entities).not.toContain('konsultationsmote');
    expect(page.total).toBe((await walk(dev, '0')).items.length);
    const plain = PullResponse.parse(await (await pullQuery(dev.token, 'cursor=0&limit=1')).json());
    expect(plain.total).toBeUndefined();
  });
});

describe('backfill', () => {
  it('brings the records of a gained enhet up to `until`, and nothing of another förbund', async () => {
    const ske = await signIn(skeUser);
    const id = randomUUID();
    await ske.push([ske.mutation(id, newArende(enhet(server, 'SKE'), skeUser.user.id), null)]);
    const dev = await signIn(bothUser);
    const until = (await walk(dev, '0')).cursor;
    const q = `cursor=0&limit=1000&until=${until}&enhet=${enhet(server, 'SKE')}&enhet=${enhet(other, 'SKE')}`;
    const page = PullResponse.parse(await (await pullQuery(dev.token, q)).json());
    const ids = page.changes.map((c) => c.record.id);
    expect(ids).toContain(id);
    expect(page.changes.every((c) => c.record.enhetId === enhet(server, 'SKE'))).toBe(true);
    expect(page.removals).toEqual([]);
  });

  it('never returns a record outside the user’s scope, whatever the filter (property)', async () => {
    // Records in every enhet of both förbund, so a leak would have something to show.
    for (const [acc, tenant] of [
      [bothUser, server],
      [otherUser, other],
    ] as const) {
      const d = await signIn(acc);
      await d.push(
        ['NOR', 'SKE'].map((kod) =>
          d.mutation(randomUUID(), newArende(enhet(tenant, kod), acc.user.id), null),
        ),
      );
    }
    const dev = await signIn(norUser);
    const ids = [
      ...server.enheter.map((e) => e.id),
      ...other.enheter.map((e) => e.id),
      randomUUID(),
      norUser.user.id,
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.subarray(ids),
        fc.subarray([...ENTITY_NAMES]),
        fc.bigInt({ min: 0n, max: 10n ** 17n }),
        async (enheter, entities, until) => {
          const q = new URLSearchParams({ cursor: '0', limit: '1000', until: until.toString() });
          for (const e of enheter) q.append('enhet', e);
          for (const e of entities) q.append('entity', e);
          const res = await pullQuery(dev.token, q.toString());
          if (enheter.length + entities.length === 0) {
            expect(res.status).toBe(400);
            return;
          }
          const page = PullResponse.parse(await res.json());
          for (const c of page.changes) {
            expect(c.entity).toBe('arende');
            expect(c.record.enhetId).toBe(enhet(server, 'NOR'));
            expect(page.forbundId).toBe(server.forbund.id);
          }
        },
      ),
      { numRuns: 40, seed: 1515 },
    );
  });

  it('refuses malformed filters in Swedish and changes nothing', async () => {
    const dev = await signIn(norUser);
    for (const q of [
      `cursor=0&enhet=${enhet(server, 'NOR')}`, // a filter without until
      'cursor=0&until=5', // until without a filter
      'cursor=0&until=abc&enhet=x',
      `cursor=0&until=1&enhet=not-a-uuid`,
      'cursor=0&until=1&entity=record',
      `cursor=0&until=1&entity=${'\u0000'}`,
      `cursor=0&until=1&enhet=${'\ud800'}`,
      `cursor=0&count=yes`,
      `cursor=0&until=1${`&enhet=${randomUUID()}`.repeat(201)}`,
    ]) {
      const res = await pullQuery(dev.token, q);
      expect(res.status, q).toBe(400);
      expect(ApiErrorResponse.parse(await res.json()).error.code).toBe('ogiltig_hamtning');
    }
  });
});
