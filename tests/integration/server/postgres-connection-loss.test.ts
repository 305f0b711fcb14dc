/**
 * PostgreSQL ends connections (a restart, a failover, an administrator): the server must neither
 * stop nor stay broken. Every connection of the server's pools is terminated while idle, then
 * again while a transaction holds one between statements; the process keeps running (an
 * unhandled 'error' from the driver would end it, and fail this run), and the next sign-in,
 * /api/me, push and pull are answered from fresh connections with exactly the records pushed.
 * PostgreSQL only: PGlite has no connections to lose.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestAccount, type TestServer } from '../../helpers/server';
import { databaseKind } from '../../helpers/test-database';
import { bearer, device, newArende } from './support';

let server: TestServer;
let anna: TestAccount;

beforeAll(async () => {
  server = await createTestServer();
  anna = await server.createHandlaggare({ enheter: ['NOR'] });
}, 60_000);
afterAll(() => server?.close());

/** Terminates every other connection to the test database; returns how many there were. */
async function terminateOthers(): Promise<number> {
  const { rows } = await server.sql.query<{ n: number }>(
    `select count(pg_terminate_backend(pid))::int as n
       from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`,
  );
  return rows[0]?.n ?? 0;
}

/** Signs in, pushes one new ärende and pulls until it is there: every lane used once. */
async function roundTrip(): Promise<string> {
  const { token, user } = await server.login(anna.username, anna.password);
  expect((await server.fetch('/api/me', bearer(token))).status).toBe(200);
  const dev = device(server, token);
  const id = randomUUID();
  const enhet = user.enheter[0]?.id ?? '';
  const [result] = (await dev.push([dev.mutation(id, newArende(enhet, user.id), null)])).results;
  expect(result?.status).toBe('applied');
  const page = await dev.pull('0', 500);
  expect(page.changes.map((c) => c.record.id)).toContain(id);
  return id;
}

describe.skipIf(databaseKind() !== 'postgres')('connections PostgreSQL ends', () => {
  it('are replaced: the server answers sign-in, /me, push and pull after every idle one was terminated', async () => {
    const first = await roundTrip();
    expect(await terminateOthers()).toBeGreaterThan(0);
    // Let the driver notice the ended sockets while they are idle in the pools.
    await new Promise((r) => setTimeout(r, 200));
    const second = await roundTrip();
    const { rows } = await server.sql.query<{ id: string }>(
      `select id::text from record where id = any($1::uuid[]) order by id`,
      [[first, second]],
    );
    expect(rows.map((r) => r.id).sort()).toEqual([first, second].sort());
  });

  it('fails only the transaction whose connection was ended mid-way, and keeps serving', async () => {
    const cut = server.sql.transaction(async (tx) => {
      await tx.query('select 1');
      // Between two statements of this transaction its connection is ended.
      await new Promise((r) => setTimeout(r, 300));
      await tx.query('select 1');
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(await terminateOthers()).toBeGreaterThan(0);
    await expect(cut).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 100));
    await roundTrip();
  });
});
