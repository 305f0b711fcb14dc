import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiErrorResponse } from '../../../src/domain/sync-protocol';
import { buildApp } from '../../../src/server/app';
import type { Sql } from '../../../src/server/store/sql';
import { createTestServer, type TestServer } from '../../helpers/server';
import { json } from './support';

let server: TestServer;
let staticDir: string;

beforeAll(async () => {
  staticDir = await mkdtemp(join(tmpdir(), 'faltsam-static-'));
  await mkdir(join(staticDir, 'assets'));
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>Fältsam</title>');
  await writeFile(join(staticDir, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  await writeFile(join(staticDir, 'assets', 'main-4f3a2b.js'), 'console.log(1);');
  server = await createTestServer({ staticDir });
}, 60_000);
afterAll(async () => {
  await server.close();
  await rm(staticDir, { recursive: true, force: true });
});

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

describe('HTTP basics', () => {
  it('reports health', async () => {
    const res = await server.fetch('/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('sends the strict Content-Security-Policy and other security headers on every response', async () => {
    for (const path of ['/api/health', '/api/finns-inte', '/', '/arenden/123', '/assets/main-4f3a2b.js']) {
      const res = await server.fetch(path);
      expect(res.headers.get('Content-Security-Policy'), path).toBe(CSP);
      expect(res.headers.get('X-Content-Type-Options'), path).toBe('nosniff');
      expect(res.headers.get('X-Frame-Options'), path).toBe('DENY');
    }
  });

  it('keeps API answers out of HTTP caches', async () => {
    expect((await server.fetch('/api/health')).headers.get('Cache-Control')).toBe('no-store');
  });

  it('answers an unknown API address with 404 in Swedish, never with the app page', async () => {
    for (const [path, method] of [
      ['/api/finns-inte', 'GET'],
      ['/api/sync/push', 'GET'],
      ['/api', 'GET'],
    ] as const) {
      const res = await server.fetch(path, { method });
      expect(res.status, path).toBe(404);
      expect(await res.json()).toEqual({ error: { code: 'finns_inte', message: 'Adressen finns inte.' } });
    }
  });

  it('hides the details of a server fault behind a Swedish message', async () => {
    const broken: Sql = {
      kind: 'pglite',
      query: () => Promise.reject(new Error('connection to db-internal-7 refused')),
      exec: () => Promise.reject(new Error('no')),
      transaction: () => Promise.reject(new Error('no')),
      lane: () => broken,
      close: () => Promise.resolve(),
    };
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const res = await buildApp({ sql: broken }).request(
      '/api/sessions',
      json({ username: 'a', password: 'b' }),
    );
    log.mockRestore();
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain('db-internal');
    expect(ApiErrorResponse.parse(JSON.parse(text)).error).toEqual({
      code: 'serverfel',
      message: 'Något gick fel på servern. Försök igen om en stund.',
    });
  });
});

describe('the built app', () => {
  it('serves index.html for app routes (SPA fallback), revalidated on every visit', async () => {
    for (const path of ['/', '/arenden/6f1c2d3e', '/lamna-over']) {
      const res = await server.fetch(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('Content-Type')).toMatch(/^text\/html/);
      expect(res.headers.get('Cache-Control')).toBe('no-cache');
      expect(await res.text()).toContain('<title>Fältsam</title>');
    }
  });

  it('serves the service worker uncached and hashed assets as immutable', async () => {
    const sw = await server.fetch('/sw.js');
    expect(sw.status).toBe(200);
    expect(sw.headers.get('Cache-Control')).toBe('no-cache');
    expect(sw.headers.get('Content-Type')).toMatch(/javascript/);
    const asset = await server.fetch('/assets/main-4f3a2b.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
  });

  it('answers a missing asset with 404 rather than the app page', async () => {
    const res = await server.fetch('/assets/main-000000.js');
    expect(res.status).toBe(404);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
  });

  it('refuses paths that climb out of the build folder', async () => {
    const res = await server.fetch('/..%2f..%2fetc%2fpasswd');
    expect(await res.text()).not.toContain('root:');
  });
});
