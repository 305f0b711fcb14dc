import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorResponse, PullResponse } from '../../../src/domain/sync-protocol';
import { createTestServer, type TestServer, type TestTenant } from '../../helpers/server';
import { bearer, device, newArende } from './support';

let server: TestServer;

beforeAll(async () => {
  server = await createTestServer();
}, 60_000);
afterAll(() => server.close());

/** A förbund of its own, so the counts below are not disturbed by other tests. */
async function tenantWithArenden(n: number) {
  const tenant: TestTenant = await server.addForbund(`Pullförbund ${randomUUID()}`);
  const account = await tenant.createHandlaggare({ enheter: ['NOR'] });
  const dev = device(server, (await server.login(account.username, account.password)).token);
  const nor = tenant.enheter[0]?.id ?? '';
  const ids = Array.from({ length: n }, () => randomUUID());
  await dev.push(ids.map((id) => dev.mutation(id, newArende(nor, account.user.id), null)));
  return { dev, ids };
}

describe('pull', () => {
  it('pages through changes in order with limit, hasMore and the returned cursor', async () => {
    const { dev, ids } = await tenantWithArenden(5);
    const p1 = PullResponse.parse(await dev.pull('0', 2));
    expect(p1.changes.map((c) => c.record.id)).toEqual(ids.slice(0, 2));
    expect(p1.hasMore).toBe(true);
    const p2 = await dev.pull(p1.cursor, 2);
    expect(p2.changes.map((c) => c.record.id)).toEqual(ids.slice(2, 4));
    expect(p2.hasMore).toBe(true);
    const p3 = await dev.pull(p2.cursor, 2);
    expect(p3.changes.map((c) => c.record.id)).toEqual(ids.slice(4));
    expect(p3.hasMore).toBe(false);
    const p4 = await dev.pull(p3.cursor, 2);
    expect(p4).toMatchObject({ changes: [], removals: [], cursor: p3.cursor, hasMore: false });
  });

  it('returns an edited record again, once, at its new position', async () => {
    const { dev, ids } = await tenantWithArenden(3);
    const { cursor } = await dev.pull();
    const first = ids[0] ?? '';
    await dev.push([dev.mutation(first, { kon: 'kvinna' }, 1)]);
    const next = await dev.pull(cursor);
    expect(next.changes).toHaveLength(1);
    expect(next.changes[0]?.record).toMatchObject({ id: first, kon: 'kvinna', version: 2 });
    expect((await dev.pull(next.cursor)).changes).toEqual([]);
  });

  it('takes a cursor from before the pull order had transaction ids (a bare change_seq) where it was', async () => {
    const { dev, ids } = await tenantWithArenden(3);
    // Rows stored before migration 009 have change_xid 0 and a device's cursor was their change_seq.
    await server.sql.query('alter table record disable trigger record_change_stamp');
    await server.sql.query(`update record set change_xid = '0' where id = any($1::uuid[])`, [ids]);
    await server.sql.query('alter table record enable trigger record_change_stamp');
    const { rows } = await server.sql.query<{ seq: string }>(
      'select change_seq::text as seq from record where id = $1',
      [ids[0]],
    );
    const page = await dev.pull(rows[0]?.seq, 10);
    expect(page.changes.map((c) => c.record.id)).toEqual(ids.slice(1));
  });

  it('starts from the beginning without a cursor and uses a default page size', async () => {
    const { dev, ids } = await tenantWithArenden(2);
    const res = await server.fetch('/api/sync/pull', bearer(dev.token));
    const body = PullResponse.parse(await res.json());
    expect(body.changes.map((c) => c.record.id)).toEqual(ids);
  });

  it('answers a cursor it never gave out, or a bad limit, with 400 in Swedish', async () => {
    const { dev } = await tenantWithArenden(1);
    for (const q of [
      'cursor=abc',
      'cursor=-1',
      'cursor=1.2.3',
      'cursor=1.',
      'cursor=.1',
      'cursor=18446744073709551616.0',
      'cursor=1.9223372036854775808',
      'cursor=%E2%80%8B1',
      'limit=0',
      'limit=1001',
      'limit=tio',
    ]) {
      const res = await server.fetch(`/api/sync/pull?${q}`, bearer(dev.token));
      expect(res.status, q).toBe(400);
      const body = ApiErrorResponse.parse(await res.json());
      expect(body.error.code).toBe('ogiltig_hamtning');
      expect(body.error.message).toMatch(/^Hämtningen har fel form/);
    }
  });
});
