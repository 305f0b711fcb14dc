/**
 * Compression as a client sees it: API JSON (a pull page above all) gzip-compressed on the fly
 * when the client accepts it, identical once decoded, never for a client that does not, never for
 * the sign-in answer that carries the token; static files sent as their precompressed .br/.gz copy
 * by Accept-Encoding, always with `Vary: Accept-Encoding`. (The real build's copies: e2e.)
 */
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gunzipSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../../helpers/server';
import { device, json, newArende } from './support';

let server: TestServer;
let staticDir: string;
let token: string;
const SCRIPT = `console.log(${JSON.stringify('Fältsam '.repeat(400))});`;

beforeAll(async () => {
  staticDir = await mkdtemp(join(tmpdir(), 'faltsam-compress-'));
  await mkdir(join(staticDir, 'assets'));
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>Fältsam</title>');
  await writeFile(join(staticDir, 'assets', 'main-1a2b3c.js'), SCRIPT);
  await writeFile(join(staticDir, 'assets', 'main-1a2b3c.js.br'), brotliCompressSync(SCRIPT));
  await writeFile(join(staticDir, 'assets', 'main-1a2b3c.js.gz'), gzipSync(SCRIPT));
  server = await createTestServer({ staticDir });
  const h = await server.createHandlaggare();
  token = (await server.login(h.username, h.password)).token;
  const dev = device(server, token);
  const enhetId = server.enheter[0]?.id ?? '';
  await dev.push(
    Array.from({ length: 300 }, () => dev.mutation(randomUUID(), newArende(enhetId, h.user.id), null)),
  );
}, 120_000);
afterAll(async () => {
  await server.close();
  await rm(staticDir, { recursive: true, force: true });
});

const pull = (acceptEncoding?: string) =>
  server.fetch('/api/sync/pull?cursor=0&limit=300', {
    headers: {
      Authorization: `Bearer ${token}`,
      ...(acceptEncoding ? { 'Accept-Encoding': acceptEncoding } : {}),
    },
  });

describe('API answers', () => {
  it('sends a pull page gzip-compressed to a client that accepts it: a fraction of the size, the same JSON', async () => {
    const plain = await pull();
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('vary')).toContain('Accept-Encoding');
    const raw = Buffer.from(await plain.arrayBuffer());

    const packed = await pull('gzip, deflate, br');
    expect(packed.headers.get('content-encoding')).toBe('gzip');
    expect(packed.headers.get('vary')).toContain('Accept-Encoding');
    expect(packed.headers.get('cache-control')).toBe('no-store');
    const body = Buffer.from(await packed.arrayBuffer());
    expect(body.length).toBeLessThan(raw.length / 4);
    const decoded = JSON.parse(gunzipSync(body).toString('utf8')) as { changes: unknown[] };
    expect(decoded.changes).toHaveLength(300);
    expect(decoded).toEqual(JSON.parse(raw.toString('utf8')));
  });

  it('does not compress for a client that refuses every encoding it could use', async () => {
    for (const header of ['identity', 'br', 'gzip;q=0, deflate;q=0', 'zstd'])
      expect((await pull(header)).headers.get('content-encoding'), header).toBeNull();
  });

  it('never compresses the sign-in answer, which holds the session token', async () => {
    const h = await server.createHandlaggare();
    const res = await server.fetch('/api/sessions', {
      ...json({ username: h.username, password: h.password }),
      headers: { 'Content-Type': 'application/json', 'Accept-Encoding': 'gzip' },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(((await res.json()) as { token: string }).token.length).toBeGreaterThan(30);
  });

  it('answers every Accept-Encoding header, however malformed, with a body that decodes to the same page', async () => {
    const reference = await (await pull()).text();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 80 }),
          fc.constantFrom('gzip', '*', 'GZIP;q=0.5', 'br;q=1, gzip;q=0.1', '*;q=0'),
        ),
        async (header) => {
          let page: Response;
          try {
            page = await pull(header);
          } catch {
            return; // a header value fetch itself refuses (a control character) never reaches the server
          }
          expect(page.status).toBe(200);
          const body = Buffer.from(await page.arrayBuffer());
          const enc = page.headers.get('content-encoding');
          const text = enc === 'gzip' ? gunzipSync(body).toString('utf8') : body.toString('utf8');
          expect(enc === null || enc === 'gzip' || enc === 'deflate').toBe(true);
          if (enc !== 'deflate') expect(text).toBe(reference);
        },
      ),
      { numRuns: 40, seed: 1414 },
    );
  });
});

describe('static files', () => {
  const get = (path: string, acceptEncoding?: string) =>
    server.fetch(path, { headers: acceptEncoding ? { 'Accept-Encoding': acceptEncoding } : {} });

  it('sends the brotli copy to a browser that accepts br, gzip to one that only takes gzip, the file to others', async () => {
    const br = await get('/assets/main-1a2b3c.js', 'gzip, deflate, br, zstd');
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(Buffer.from(await br.arrayBuffer())).toEqual(brotliCompressSync(SCRIPT));
    const gz = await get('/assets/main-1a2b3c.js', 'gzip');
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString('utf8')).toBe(SCRIPT);
    const plain = await get('/assets/main-1a2b3c.js');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(SCRIPT);
    for (const res of [br, gz, plain]) {
      expect(res.headers.get('vary')).toBe('Accept-Encoding');
      expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    }
  });

  it('says Vary: Accept-Encoding on the app page and its SPA fallback too', async () => {
    for (const path of ['/', '/arenden/ny'])
      expect((await get(path, 'br')).headers.get('vary'), path).toBe('Accept-Encoding');
  });
});
