import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../../src/server/server';
import { databaseKind, openTestDatabase, type TestDatabase } from '../../helpers/test-database';

let dataDir: string;
// On PostgreSQL the server gets an empty database of its own (DATABASE_URL); on PGlite none is
// opened here: startServer keeps PGlite's files in the data folder.
let db: TestDatabase | undefined;
let databaseUrl: string | undefined;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'faltsam-server-'));
  if (databaseKind() === 'postgres') {
    db = await openTestDatabase({ migrated: false });
    databaseUrl = db.url;
  }
}, 60_000);
afterAll(async () => {
  await db?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('startServer', () => {
  it('listens, keeps its data across a restart on the same folder, and shows the demo passwords only when it made them', async () => {
    const first = await startServer({ port: 0, dataDir, databaseUrl, staticDir: join(dataDir, 'no-build') });
    expect(first.servesApp).toBe(false);
    expect(first.demoLogin?.created).toBe(true);
    const password = first.demoLogin?.password ?? '';
    expect((await fetch(`${first.url}/api/health`)).status).toBe(200);
    const login = await fetch(`${first.url}/api/sessions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'handlaggare', password }),
    });
    expect(login.status).toBe(201);
    const { token } = (await login.json()) as { token: string };
    await first.close();

    const second = await startServer({
      port: first.port,
      dataDir,
      databaseUrl,
      staticDir: join(dataDir, 'no-build'),
    });
    try {
      expect(second.demoLogin).toEqual({
        username: 'handlaggare',
        password: null,
        created: false,
        koordinator: { username: 'koordinator', password: null },
        admin: { username: 'admin', password: null },
      });
      const me = await fetch(`${second.url}/api/me`, { headers: { Authorization: `Bearer ${token}` } });
      expect(me.status).toBe(200);
      expect(me.headers.get('Content-Security-Policy')).toContain("default-src 'self'");
    } finally {
      await second.close();
    }
  }, 60_000);
});
