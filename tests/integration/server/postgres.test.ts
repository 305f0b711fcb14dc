/**
 * The same server against a real PostgreSQL, to keep the one SQL dialect honest. Runs only when
 * TEST_DATABASE_URL points at a server where the user may create databases; each run makes and
 * drops its own database.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_BEHOVSGRUPPER } from '../../../src/domain/arende';
import { buildApp } from '../../../src/server/app';
import { createUser } from '../../../src/server/auth/users';
import { migrate } from '../../../src/server/store/migrate';
import { openPostgres, type Sql } from '../../../src/server/store/sql';
import { createEnhet, createForbund } from '../../../src/server/store/tenants';
import { device, json, newArende } from './support';

const url = process.env.TEST_DATABASE_URL;
const dbName = `faltsam_test_${randomUUID().replaceAll('-', '')}`;
let sql: Sql;
let fetch: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;
let enhetId: string;
let userId: string;

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

describe.skipIf(!url)('the server on PostgreSQL', () => {
  beforeAll(async () => {
    await admin(`create database ${dbName}`);
    const dbUrl = new URL(url ?? '');
    dbUrl.pathname = `/${dbName}`;
    sql = await openPostgres(dbUrl.toString());
    await migrate(sql);
    const forbund = await createForbund(sql, { namn: 'Testförbund', behovsgrupper: DEFAULT_BEHOVSGRUPPER });
    enhetId = (await createEnhet(sql, { forbundId: forbund.id, namn: 'Norsjö kommun', kod: 'NOR' })).id;
    userId = (
      await createUser(
        sql,
        {
          forbundId: forbund.id,
          username: 'handlaggare-a',
          displayName: 'Handläggare A',
          role: 'handlaggare',
          password: 'test-losenord-a',
          enhetIds: [enhetId],
        },
        { log2N: 12, r: 8, p: 1 },
      )
    ).id;
    const app = buildApp({ sql });
    fetch = async (input, init) => app.request(input instanceof Request ? input : String(input), init);
  }, 60_000);

  afterAll(async () => {
    await sql?.close();
    if (url) await admin(`drop database if exists ${dbName}`);
  });

  async function signedInDevice() {
    const res = await fetch(
      '/api/sessions',
      json({ username: 'handlaggare-a', password: 'test-losenord-a' }),
    );
    expect(res.status).toBe(201);
    return device({ fetch }, ((await res.json()) as { token: string }).token);
  }

  it('applies, replays and pulls mutations exactly as on PGlite', async () => {
    const dev = await signedInDevice();
    const id = randomUUID();
    const batch = [
      dev.mutation(id, newArende(enhetId, userId), null),
      dev.mutation(id, { kon: 'kvinna' }, 1),
    ];
    const first = await dev.push(batch);
    expect(first.lastSeq).toBe(2);
    expect(await dev.push(batch)).toEqual(first);
    const pulled = await dev.pull('0', 1);
    expect(pulled.changes[0]?.record).toMatchObject({ id, kon: 'kvinna', version: 2 });
    expect(pulled.cursor).toMatch(/^\d+$/);
  });

  it('loses no change to a reader pulling while several devices of the förbund push at once', async () => {
    const devices = await Promise.all([signedInDevice(), signedInDevice(), signedInDevice()]);
    const reader = await signedInDevice();
    const { cursor: start } = await reader.pull('0', 1000);
    const seen = new Set<string>();
    let cursor = start;
    const pushes = devices.map(async (dev) => {
      for (let i = 0; i < 5; i++)
        await dev.push([dev.mutation(randomUUID(), newArende(enhetId, userId), null)]);
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
