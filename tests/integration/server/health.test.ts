/**
 * /api/health and /api/ready as a load balancer sees them: health is 200 whenever the process
 * answers; ready is 200 only with the database answering and every migration of this version
 * applied, and 503 (with a Swedish reason, no detail) while shutting down or otherwise.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/server/app';
import type { Sql } from '../../../src/server/store/sql';
import { createTestServer, type TestServer } from '../../helpers/server';

let server: TestServer;

beforeAll(async () => {
  server = await createTestServer();
}, 60_000);
afterAll(() => server.close());

const broken: Sql = {
  kind: 'postgres',
  query: () => Promise.reject(new Error('anslutningen bröts')),
  exec: () => Promise.reject(new Error('anslutningen bröts')),
  transaction: () => Promise.reject(new Error('anslutningen bröts')),
  lane: () => broken,
  close: () => Promise.resolve(),
};

describe('health and readiness', () => {
  it('is alive and ready on a migrated database, without a login', async () => {
    const health = await server.fetch('/api/health');
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });
    const ready = await server.fetch('/api/ready');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true });
    expect(ready.headers.get('cache-control')).toBe('no-store');
  });

  it('is alive but not ready when the database does not answer', async () => {
    const app = buildApp({ sql: broken });
    expect((await app.request('/api/health')).status).toBe(200);
    const ready = await app.request('/api/ready');
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({
      ready: false,
      error: { code: 'ej_redo', message: 'Databasen svarar inte.' },
    });
  });

  it('is not ready while shutting down', async () => {
    let draining = false;
    const app = buildApp({ sql: server.sql, draining: () => draining });
    expect((await app.request('/api/ready')).status).toBe(200);
    draining = true;
    const ready = await app.request('/api/ready');
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { error: { message: string } }).error.message).toBe(
      'Servern stängs ned.',
    );
    expect(ready.headers.get('connection')).toBe('close');
    expect((await app.request('/api/health')).status).toBe(200);
  });

  it('is not ready on a database that lacks a migration of this version', async () => {
    const last = await server.sql.query<{ version: string }>(
      'select version from schema_migrations order by version desc limit 1',
    );
    const version = last.rows[0]?.version ?? '';
    await server.sql.query('delete from schema_migrations where version = $1', [version]);
    try {
      const ready = await server.fetch('/api/ready');
      expect(ready.status).toBe(503);
      expect(((await ready.json()) as { error: { message: string } }).error.message).toContain('ändringar');
    } finally {
      await server.sql.query('insert into schema_migrations (version) values ($1)', [version]);
    }
    expect((await server.fetch('/api/ready')).status).toBe(200);
  });
});
