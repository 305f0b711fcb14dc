/**
 * A device does not download its own accepted writes again (issue 15): a record is left out of
 * the pull of the device whose write made it exactly as that device holds it, and sent to every
 * other device, and to that device whenever the server's record differs from what it wrote.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCursor } from '../../../src/server/services/pull';
import { createTestServer, type TestServer } from '../../helpers/server';
import { device, newArende } from './support';

let server: TestServer;

beforeAll(async () => {
  server = await createTestServer();
}, 60_000);
afterAll(() => server.close());

/** Two devices of one handläggare in a förbund of their own, and an ärende both have pulled. */
async function twoDevices() {
  const tenant = await server.addForbund(`Egna ${randomUUID()}`);
  const account = await tenant.createHandlaggare({ enheter: ['NOR'] });
  const token = async () => (await server.login(account.username, account.password)).token;
  const a = device(server, await token());
  const b = device(server, await token());
  const nor = tenant.enheter[0]?.id ?? '';
  const id = randomUUID();
  await a.push([a.mutation(id, newArende(nor, account.user.id), null)]);
  // A's own create is not sent back to A; B's create is.
  const first = await a.pull('0', undefined, { device: a.deviceId });
  expect(first.changes).toEqual([]);
  await b.push([b.mutation(randomUUID(), newArende(nor, account.user.id), null)]);
  const { cursor } = await a.pull(first.cursor, undefined, { device: a.deviceId });
  return { tenant, account, a, b, id, cursor, nor };
}

describe('a pull after a push from the same device', () => {
  it('returns nothing of the device’s own write, and moves the cursor past it', async () => {
    const { a, b, id, cursor } = await twoDevices();
    const res = await a.push([a.mutation(id, { kon: 'kvinna' }, 1)]);
    expect(res.results[0]).toMatchObject({ status: 'applied', version: 2, conflicts: [] });

    const own = await a.pull(cursor, undefined, { device: a.deviceId, count: true });
    expect(own).toMatchObject({ changes: [], removals: [], hasMore: false, total: 0 });
    const at = (c: string) => {
      const p = parseCursor(c);
      return p ? (BigInt(p.xid) << 64n) + BigInt(p.seq) : -1n;
    };
    expect(at(own.cursor)).toBeGreaterThan(at(cursor));
    // The other device of the same user gets it, and so does a pull that names no device.
    const other = await b.pull(cursor, undefined, { device: b.deviceId });
    expect(other.changes.map((c) => c.record)).toMatchObject([{ id, kon: 'kvinna', version: 2 }]);
    expect((await a.pull(cursor)).changes).toHaveLength(1);
  });

  it('sends the record when another device’s edit was merged into the write', async () => {
    const { a, b, id, cursor } = await twoDevices();
    await b.push([b.mutation(id, { sgi: 'har' }, 1)]);
    const res = await a.push([a.mutation(id, { kon: 'kvinna' }, 1)]);
    expect(res.results[0]).toMatchObject({ status: 'applied', version: 3, conflicts: [] });
    const page = await a.pull(cursor, undefined, { device: a.deviceId });
    expect(page.changes.map((c) => c.record)).toMatchObject([{ id, sgi: 'har', kon: 'kvinna', version: 3 }]);
  });

  it('sends the record when the device’s value lost a conflict', async () => {
    const { a, b, id, cursor } = await twoDevices();
    await b.push([b.mutation(id, { anteckningar: 'B skrev först.' }, 1)]);
    const res = await a.push([a.mutation(id, { anteckningar: 'A skrev sedan.' }, 1)]);
    expect(res.results[0]).toMatchObject({ status: 'applied', conflicts: [{ field: 'anteckningar' }] });
    const page = await a.pull(cursor, undefined, { device: a.deviceId });
    expect(page.changes.map((c) => c.record)).toMatchObject([{ id, anteckningar: 'B skrev först.' }]);
  });

  it('sends the record again once anyone writes it after the device', async () => {
    const { a, b, id, cursor } = await twoDevices();
    await a.push([a.mutation(id, { kon: 'kvinna' }, 1)]);
    const skipped = await a.pull(cursor, undefined, { device: a.deviceId });
    expect(skipped.changes).toEqual([]);
    await b.push([b.mutation(id, { sgi: 'har' }, 2)]);
    const page = await a.pull(skipped.cursor, undefined, { device: a.deviceId });
    expect(page.changes.map((c) => c.record)).toMatchObject([{ id, kon: 'kvinna', sgi: 'har', version: 3 }]);
  });

  it('skips nothing and records nothing for a device id that is not the user’s own, nor for a pull naming no device', async () => {
    const { tenant, a, id, cursor } = await twoDevices();
    await a.push([a.mutation(id, { kon: 'kvinna' }, 1)]);
    // Another user's device id named by this user: everything is sent, as without a device.
    const stranger = await tenant.createHandlaggare({ enheter: ['NOR'] });
    const theirs = device(server, (await server.login(stranger.username, stranger.password)).token);
    const nor = tenant.enheter[0]?.id ?? '';
    await theirs.push([theirs.mutation(randomUUID(), newArende(nor, stranger.user.id), null)]);
    const deviceRow = async () =>
      (
        await server.sql.query<{ user_id: string; synced_at: unknown }>(
          'select user_id::text as user_id, synced_at from device where id = $1',
          [theirs.deviceId],
        )
      ).rows;
    const before = await deviceRow();
    expect(before).toEqual([{ user_id: stranger.user.id, synced_at: null }]);
    const page = await a.pull(cursor, undefined, { device: theirs.deviceId });
    expect(page.changes.map((c) => c.record.id)).toContain(id);
    // Nor does it count as that device's completed sync (gallring would stop waiting for it).
    expect(await deviceRow()).toEqual(before);
    // A device starting over from cursor 0 (it dropped records) names none and gets its own too.
    expect((await a.pull('0')).changes.map((c) => c.record.id)).toContain(id);
    expect(
      (await a.pull('0', undefined, { device: a.deviceId })).changes.map((c) => c.record.id),
    ).not.toContain(id);
  });

  it('skips nothing for the user’s own device once it is blocked', async () => {
    const { account, a, id, cursor } = await twoDevices();
    await a.push([a.mutation(id, { kon: 'kvinna' }, 1)]);
    expect((await a.pull(cursor, undefined, { device: a.deviceId })).changes).toEqual([]);
    await server.sql.query('update device set revoked_at = now() where id = $1', [a.deviceId]);
    // A new sign-in (its session not tied to the blocked device) naming it gets the write.
    const signedIn = device(server, (await server.login(account.username, account.password)).token);
    const page = await signedIn.pull(cursor, undefined, { device: a.deviceId, count: true });
    expect(page.changes.map((c) => c.record.id)).toEqual([id]);
    expect(page.total).toBe(1);
  });

  it('refuses a device id in another form than the one id form', async () => {
    const { a, cursor } = await twoDevices();
    const res = await server.fetch(`/api/sync/pull?cursor=${cursor}&deviceId=${a.deviceId.toUpperCase()}`, {
      headers: { Authorization: `Bearer ${a.token}` },
    });
    expect(res.status).toBe(400);
  });
});
