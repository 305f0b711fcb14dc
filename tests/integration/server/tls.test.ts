/**
 * Native TLS: with a certificate and key the server speaks HTTPS, HTTP/2 to clients that offer it
 * and HTTP/1.1 to those that do not, sends HSTS there (and only there), and still shuts down
 * gracefully with an HTTP/2 session open. The certificate is a throwaway self-signed one made by
 * openssl for this test. Plus the settings the server reads from the environment.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { connect, constants } from 'node:http2';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, configFromEnv } from '../../../src/server/runtime/config';
import { type RunningServer, startServer } from '../../../src/server/server';
import { databaseKind, openTestDatabase, type TestDatabase } from '../../helpers/test-database';

let dir: string;
let cert: Buffer;
let key: Buffer;
let db: TestDatabase | undefined;
let server: RunningServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'faltsam-tls-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  cert = await readFile(join(dir, 'cert.pem'));
  key = await readFile(join(dir, 'key.pem'));
  if (databaseKind() === 'postgres') db = await openTestDatabase({ migrated: false });
  server = await startServer({
    port: 0,
    hostname: '127.0.0.1',
    dataDir: join(dir, 'data'),
    databaseUrl: db?.url,
    staticDir: join(dir, 'ingen-build'),
    tls: { cert, key },
    production: true,
    log: { info: () => {}, warn: () => {}, error: () => {} },
  });
}, 120_000);
afterAll(async () => {
  await server?.close();
  await db?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('HTTPS with TLS_CERT and TLS_KEY', () => {
  it('answers over HTTP/2 with HSTS', async () => {
    expect(server.url).toMatch(/^https:\/\/localhost:\d+$/);
    const session = connect(`https://127.0.0.1:${server.port}`, { ca: cert, servername: 'localhost' });
    try {
      const headers = await new Promise<Record<string, unknown>>((resolve, reject) => {
        const stream = session.request({ [constants.HTTP2_HEADER_PATH]: '/api/ready' });
        stream.on('response', (h) => {
          stream.resume();
          stream.on('end', () => resolve(h));
        });
        stream.on('error', reject);
        stream.end();
      });
      expect(headers[':status']).toBe(200);
      expect(headers['strict-transport-security']).toBe('max-age=15552000; includeSubDomains');
      expect(session.alpnProtocol).toBe('h2');
    } finally {
      session.close();
    }
  });

  it('answers HTTP/1.1 clients too, with HSTS', async () => {
    const answer = await new Promise<{ status: number; hsts: string | undefined; version: string }>(
      (resolve, reject) => {
        const req = request(
          `https://127.0.0.1:${server.port}/api/health`,
          { ca: cert, servername: 'localhost' },
          (res) => {
            const version = res.httpVersion;
            res.resume();
            res.on('end', () =>
              resolve({
                status: res.statusCode ?? 0,
                hsts: res.headers['strict-transport-security'] as string | undefined,
                version,
              }),
            );
          },
        );
        req.on('error', reject);
        req.end();
      },
    );
    expect(answer).toEqual({ status: 200, hsts: 'max-age=15552000; includeSubDomains', version: '1.1' });
  });

  it('refuses a client that does not trust the certificate (it is not plain HTTP either)', async () => {
    await expect(fetch(`https://127.0.0.1:${server.port}/api/health`)).rejects.toThrow();
    await expect(fetch(`http://127.0.0.1:${server.port}/api/health`)).rejects.toThrow();
  });

  it('shuts down gracefully with an HTTP/2 session open', async () => {
    const session = connect(`https://127.0.0.1:${server.port}`, { ca: cert, servername: 'localhost' });
    await new Promise<void>((resolve) => session.once('connect', () => resolve()));
    const closed = new Promise<void>((resolve) => session.once('close', () => resolve()));
    await server.close();
    await closed;
  });
});

describe('settings from the environment', () => {
  it('reads the defaults: development on all interfaces, production on 127.0.0.1 unless HOST says otherwise', () => {
    expect(configFromEnv({})).toMatchObject({
      port: 8080,
      hostname: undefined,
      production: false,
      trustProxy: false,
      tls: undefined,
      shutdownTimeoutMs: 30_000,
      dataDir: 'data',
      staticDir: 'dist',
    });
    expect(configFromEnv({ NODE_ENV: 'production' })).toMatchObject({
      production: true,
      hostname: '127.0.0.1',
    });
    expect(configFromEnv({ NODE_ENV: 'production', HOST: '0.0.0.0' }).hostname).toBe('0.0.0.0');
    expect(configFromEnv({ TRUST_PROXY: '1', SHUTDOWN_TIMEOUT: '5', PORT: '0' })).toMatchObject({
      trustProxy: true,
      shutdownTimeoutMs: 5000,
      port: 0,
    });
    expect(
      configFromEnv({ TLS_CERT: join(dir, 'cert.pem'), TLS_KEY: join(dir, 'key.pem') }).tls?.cert,
    ).toEqual(cert);
  });

  it('refuses a half or broken setting instead of starting half right', () => {
    for (const env of [
      { TLS_CERT: join(dir, 'cert.pem') },
      { TLS_KEY: join(dir, 'key.pem') },
      { TLS_CERT: join(dir, 'finns-inte.pem'), TLS_KEY: join(dir, 'key.pem') },
      { PORT: '80000' },
      { PORT: 'åtta' },
      { SHUTDOWN_TIMEOUT: '-1' },
    ])
      expect(() => configFromEnv(env), JSON.stringify(env)).toThrow(ConfigError);
  });
});
