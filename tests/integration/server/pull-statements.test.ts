/**
 * What a pull costs the database. The app names its device on every page and asks for the count
 * of what follows on a round's first page (src/sync/engine.ts); in a morning wave ~200 devices do
 * that at once (issue 19). The device named is checked by the page's own statement; a page that
 * is all there is needs no count (the page is the count); and the device's sync is recorded in one
 * statement (the device marked, the session tied to it). The request's session lookup and renewal
 * (auth/middleware.ts) are left out.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../../src/server/auth/tokens';
import { recording, type Statement } from '../../helpers/recording-sql';
import { createTestServer, type TestServer } from '../../helpers/server';
import { device, newArende } from './support';

let server: TestServer;
const statements: Statement[] = [];

beforeAll(async () => {
  server = await createTestServer({ wrapSql: (sql) => recording(sql, statements) });
}, 60_000);
afterAll(() => server.close());

const oneLine = (s: Statement) => s.text.replace(/\s+/g, ' ').trim();
/** The pull's own statements: not the session lookup that every request starts with. */
const pullStatements = () =>
  statements
    .map(oneLine)
    .filter((t) => !t.startsWith('select s.id as session_id') && !/^update session set expires_at/.test(t));
const counts = (texts: string[]) => texts.filter((t) => /count\(\*\)/.test(t));

/** A handläggare in a förbund of their own with `n` ärenden pushed by another device of theirs. */
async function withArenden(n: number) {
  const tenant = await server.addForbund(`Räkna ${randomUUID()}`);
  const account = await tenant.createHandlaggare({ enheter: ['NOR'] });
  const token = async () => (await server.login(account.username, account.password)).token;
  const writer = device(server, await token());
  const nor = tenant.enheter[0]?.id ?? '';
  await writer.push(
    Array.from({ length: n }, () => writer.mutation(randomUUID(), newArende(nor, account.user.id), null)),
  );
  return { reader: device(server, await token()), nor, userId: account.user.id };
}

describe('the statements of a pull', () => {
  it('counts nothing when the first page is all there is, and says how much it holds', async () => {
    const { reader } = await withArenden(3);
    statements.length = 0;
    const page = await reader.pull('0', 10, { device: reader.deviceId, count: true });
    expect(page).toMatchObject({ hasMore: false, total: 3 });
    expect(page.changes).toHaveLength(3);
    const sent = pullStatements();
    expect(counts(sent), sent.join('\n')).toEqual([]);
    // The page (which checks the device named is the user's own) and the sync recorded.
    expect(sent, sent.join('\n')).toHaveLength(2);
  });

  it('counts what follows when more pages follow, and the count covers every page', async () => {
    const { reader } = await withArenden(5);
    statements.length = 0;
    const first = await reader.pull('0', 2, { device: reader.deviceId, count: true });
    expect(first).toMatchObject({ hasMore: true, total: 5 });
    expect(counts(pullStatements())).toHaveLength(1);
    const second = await reader.pull(first.cursor, 2, { device: reader.deviceId });
    expect(second.total).toBeUndefined();
  });

  it('leaves the device’s own writes out of the total of a single page, as the count does', async () => {
    const { reader, nor, userId } = await withArenden(2);
    const own = await reader.push([reader.mutation(randomUUID(), newArende(nor, userId), null)]);
    expect(own.results[0]).toMatchObject({ status: 'applied' });
    const single = await reader.pull('0', 10, { device: reader.deviceId, count: true });
    expect(single).toMatchObject({ hasMore: false, total: 2 });
    expect(single.changes).toHaveLength(2);
    const paged = await reader.pull('0', 1, { device: reader.deviceId, count: true });
    expect(paged).toMatchObject({ hasMore: true, total: 2 });
  });

  it('records the sync in one statement: the device marked, the session tied to it, never to another user’s device', async () => {
    const { reader } = await withArenden(1);
    const other = await withArenden(1);
    await other.reader.pull('0', 10, { device: other.reader.deviceId });
    const tiedTo = async (token: string) =>
      (
        await server.sql.query<{ device_id: string | null }>(
          'select device_id from session where token_hash = $1',
          [hashToken(token)],
        )
      ).rows[0]?.device_id;
    const syncedAt = async (id: string) =>
      (await server.sql.query<{ synced_at: unknown }>('select synced_at from device where id = $1', [id]))
        .rows[0]?.synced_at ?? null;
    const before = await syncedAt(other.reader.deviceId);
    expect(before).not.toBeNull();

    // Another user's device named: neither marked nor tied to this session.
    await reader.pull('0', 10, { device: other.reader.deviceId });
    expect(await syncedAt(other.reader.deviceId)).toEqual(before);
    expect(await tiedTo(reader.token)).toBeNull();

    statements.length = 0;
    await reader.pull('0', 10, { device: reader.deviceId });
    expect(
      pullStatements().filter((t) => /\bdevice\b/.test(t) && /^(with|insert|update)/.test(t)),
    ).toHaveLength(1);
    expect(await syncedAt(reader.deviceId)).not.toBeNull();
    expect(await tiedTo(reader.token)).toBe(reader.deviceId);
    expect(await tiedTo(other.reader.token)).toBe(other.reader.deviceId);
  });
});
