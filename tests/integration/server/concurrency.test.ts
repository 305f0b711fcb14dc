/**
 * Several devices of one förbund pushing at once while another reads: no change may slip past a
 * pull cursor. On PGlite transactions run one at a time anyway; on PostgreSQL (server-postgres)
 * this holds only because pushes of a förbund are serialised (services/push.ts).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestAccount, type TestServer } from '../../helpers/server';
import { device, newArende } from './support';

let server: TestServer;
let account: TestAccount;

beforeAll(async () => {
  server = await createTestServer();
  account = await server.createHandlaggare();
}, 60_000);
afterAll(() => server.close());

async function signedInDevice() {
  const { token } = await server.login(account.username, account.password);
  return device(server, token);
}

describe('concurrent pushes', () => {
  it('applies, replays and pulls mutations', async () => {
    const dev = await signedInDevice();
    const enhetId = server.enheter[0]?.id ?? '';
    const id = randomUUID();
    const batch = [
      dev.mutation(id, newArende(enhetId, account.user.id), null),
      dev.mutation(id, { kon: 'kvinna' }, 1),
    ];
    const first = await dev.push(batch);
    expect(first.lastSeq).toBe(2);
    expect(await dev.push(batch)).toEqual(first);
    const pulled = await dev.pull('0', 1);
    expect(pulled.changes[0]?.record).toMatchObject({ id, kon: 'kvinna', version: 2 });
    expect(pulled.cursor).toMatch(/^\d+\.\d+$/);
  });

  it('loses no change to a reader pulling while several devices of the förbund push at once', async () => {
    const enhetId = server.enheter[0]?.id ?? '';
    const devices = await Promise.all([signedInDevice(), signedInDevice(), signedInDevice()]);
    const reader = await signedInDevice();
    const { cursor: start } = await reader.pull('0', 1000);
    const seen = new Set<string>();
    let cursor = start;
    const pushes = devices.map(async (dev) => {
      for (let i = 0; i < 5; i++)
        await dev.push([dev.mutation(randomUUID(), newArende(enhetId, account.user.id), null)]);
    });
    const pulling = (async () => {
      for (let i = 0; i < 20; i++) {
        const page = await reader.pull(cursor, 1000);
        for (const c of page.changes) seen.add(String(c.record.id));
        cursor = page.cursor;
      }
    })();
    await Promise.all([...pushes, pulling]);
    const rest = await reader.pull(cursor, 1000);
    for (const c of rest.changes) seen.add(String(c.record.id));
    expect(seen.size).toBe(15);
  });
});
