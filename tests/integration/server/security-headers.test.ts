/**
 * The strict CSP and the other security headers on every kind of answer the server gives: API
 * JSON, API errors of every status, unknown addresses, the app's HTML (index and SPA fallback),
 * hashed assets, the service worker script, and a missing file.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../../src/server/app';
import type { Sql } from '../../../src/server/store/sql';
import { createTestServer, type TestServer } from '../../helpers/server';
import { bearer, json } from './support';

let server: TestServer;
let staticDir: string;
let handlaggareToken: string;

beforeAll(async () => {
  staticDir = await mkdtemp(join(tmpdir(), 'faltsam-headers-'));
  await mkdir(join(staticDir, 'assets'));
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>Fältsam</title>');
  await writeFile(join(staticDir, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  await writeFile(join(staticDir, 'manifest.webmanifest'), '{"name":"Fältsam"}');
  await writeFile(join(staticDir, 'assets', 'main-4f3a2b.js'), 'console.log(1);');
  server = await createTestServer({ staticDir });
  const h = await server.createHandlaggare();
  handlaggareToken = (await server.login(h.username, h.password)).token;
}, 60_000);
afterAll(async () => {
  await server.close();
  await rm(staticDir, { recursive: true, force: true });
});

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

const EXPECTED: Record<string, string> = {
  'content-security-policy': CSP,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};

const HSTS = 'max-age=15552000; includeSubDomains';

function expectSecure(res: Response, kind: string) {
  for (const [name, value] of Object.entries(EXPECTED))
    expect(res.headers.get(name), `${kind}: ${name}`).toBe(value);
  expect(res.headers.get('x-powered-by'), kind).toBeNull();
  // The test server speaks plain HTTP: HSTS there would pin the name to HTTPS for nothing.
  expect(res.headers.get('strict-transport-security'), kind).toBeNull();
}

describe('security headers on everything the server serves', () => {
  const kinds: [string, number, () => Promise<Response>][] = [
    ['API JSON', 200, () => server.fetch('/api/health')],
    ['API JSON of a signed-in user', 200, () => server.fetch('/api/me', bearer(handlaggareToken))],
    ['API 400 (bad JSON)', 400, () => server.fetch('/api/sessions', { method: 'POST', body: '{nej' })],
    ['API 401', 401, () => server.fetch('/api/me')],
    ['API 403', 403, () => server.fetch('/api/admin/users', bearer(handlaggareToken))],
    ['API 404', 404, () => server.fetch('/api/finns-inte')],
    [
      'API 413',
      413,
      () =>
        server.fetch('/api/sync/push', {
          method: 'POST',
          headers: { Authorization: `Bearer ${handlaggareToken}`, 'Content-Type': 'application/json' },
          body: `{"x":"${'a'.repeat(10 * 1024 * 1024 + 10)}"}`,
        }),
    ],
    ['index.html', 200, () => server.fetch('/')],
    ['SPA fallback', 200, () => server.fetch('/arenden/6f1c2d3e')],
    ['hashed asset', 200, () => server.fetch('/assets/main-4f3a2b.js')],
    ['service worker script', 200, () => server.fetch('/sw.js')],
    ['web app manifest', 200, () => server.fetch('/manifest.webmanifest')],
    ['missing static file', 404, () => server.fetch('/assets/finns-inte-123.js')],
    ['a method the app does not serve', 404, () => server.fetch('/', { method: 'POST' })],
  ];

  it.each(kinds)('%s', async (kind, status, request) => {
    const res = await request();
    expect(res.status, kind).toBe(status);
    expectSecure(res, kind);
  });

  it('API 429 (sign-in limit)', async () => {
    const h = await server.createHandlaggare();
    for (let i = 0; i < 10; i++)
      await server.fetch('/api/sessions', json({ username: h.username, password: `fel-${i}` }));
    const res = await server.fetch('/api/sessions', json({ username: h.username, password: h.password }));
    expect(res.status).toBe(429);
    expectSecure(res, '429');
  });

  it('API 500 (server fault)', async () => {
    const broken: Sql = {
      kind: 'pglite',
      query: () => Promise.reject(new Error('nere')),
      exec: () => Promise.reject(new Error('nere')),
      transaction: () => Promise.reject(new Error('nere')),
      lane: () => broken,
      close: () => Promise.resolve(),
    };
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const res = await buildApp({ sql: broken }).request('/api/me', bearer('x'.repeat(43)));
    log.mockRestore();
    expect(res.status).toBe(500);
    expectSecure(res, '500');
  });
});

describe('HSTS only over HTTPS', () => {
  const proto = (value: string) => ({ headers: { 'X-Forwarded-Proto': value } });

  it('is sent on every answer when the server itself speaks TLS', async () => {
    const app = buildApp({ sql: server.sql, https: true, staticDir });
    for (const path of ['/api/health', '/api/me', '/', '/assets/main-4f3a2b.js', '/api/finns-inte'])
      expect((await app.request(path)).headers.get('strict-transport-security'), path).toBe(HSTS);
  });

  it('is sent behind a trusted proxy that says the client used HTTPS, and only then', async () => {
    const proxied = buildApp({ sql: server.sql, trustProxy: true });
    expect(
      (await proxied.request('/api/health', proto('https'))).headers.get('strict-transport-security'),
    ).toBe(HSTS);
    // The proxy appends its own value last; an earlier one is the client's claim.
    expect(
      (await proxied.request('/api/health', proto('https, http'))).headers.get('strict-transport-security'),
    ).toBeNull();
    expect(
      (await proxied.request('/api/health', proto('http'))).headers.get('strict-transport-security'),
    ).toBeNull();
    expect((await proxied.request('/api/health')).headers.get('strict-transport-security')).toBeNull();
    // Without TRUST_PROXY the header is anyone's to send: ignored.
    const direct = buildApp({ sql: server.sql });
    expect(
      (await direct.request('/api/health', proto('https'))).headers.get('strict-transport-security'),
    ).toBeNull();
  });
});
