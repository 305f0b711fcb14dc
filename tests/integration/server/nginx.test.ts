/**
 * The nginx configuration that docs/drift.md shows, run for real in front of a production server
 * with TRUST_PROXY: the block is taken from the document itself, and only its ports, certificate
 * paths and upstream port are changed (a throwaway self-signed certificate made by openssl). Port
 * 80 redirects to HTTPS; over HTTP/2 `/api/ready` answers with HSTS (the server learns the scheme
 * from X-Forwarded-Proto), the app comes brotli-compressed with Vary as the server sent it, and
 * the id nginx gives each request is the one in the server's JSON log. Skipped where nginx is not
 * installed; PGlite only (the database plays no part).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { get as httpGet, type IncomingMessage } from 'node:http';
import { connect } from 'node:http2';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../../src/server/server';
import { ROOT } from '../../helpers/processes';
import { databaseKind } from '../../helpers/test-database';

const NGINX = ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));
const HOSTNAME = 'faltsam.example.se';
const PAGE = `<!doctype html><title>Fältsam</title>${'<p>Fältsam</p>'.repeat(200)}`;

let dir: string;
let server: RunningServer;
let nginx: ChildProcess;
let httpPort = 0;
let httpsPort = 0;
const logLines: Record<string, unknown>[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** The ```nginx block of docs/drift.md, pointed at this test's ports, certificate and server. */
async function documentedConfig(upstreamPort: number): Promise<string> {
  const doc = await readFile(join(ROOT, 'docs', 'drift.md'), 'utf8');
  const block = /```nginx\n([\s\S]*?)```/.exec(doc)?.[1];
  if (!block) throw new Error('docs/drift.md has no nginx block');
  const changed = block
    .replace(/^(\s*server )127\.0\.0\.1:8080( .*)$/m, `$1127.0.0.1:${upstreamPort}$2`)
    .replace(/^\s*listen \[::\]:.*$/gm, '')
    .replace(/^(\s*listen )80;/m, `$1127.0.0.1:${httpPort};`)
    .replace(/^(\s*listen )443 ssl/m, `$1127.0.0.1:${httpsPort} ssl`)
    .replace(/ssl_certificate\s+\S+;/, `ssl_certificate ${join(dir, 'cert.pem')};`)
    .replace(/ssl_certificate_key\s+\S+;/, `ssl_certificate_key ${join(dir, 'key.pem')};`);
  // What the document changes must be there to change: the test fails if the document moves on.
  for (const part of [`127.0.0.1:${upstreamPort}`, `${httpPort};`, `${httpsPort} ssl`, 'cert.pem', 'key.pem'])
    expect(changed).toContain(part);
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((t) => `  ${t}_temp_path ${join(dir, t)};`)
    .join('\n');
  return `daemon off;\nmaster_process off;\npid ${join(dir, 'nginx.pid')};\nerror_log ${join(dir, 'error.log')};
events { worker_connections 64; }
http {\n  access_log off;\n${temp}\n${changed}\n}\n`;
}

beforeAll(async () => {
  if (!NGINX || databaseKind() === 'postgres') return;
  dir = await mkdtemp(join(tmpdir(), 'faltsam-nginx-'));
  execFileSync(
    'openssl',
    [
      ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'],
      ...['-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1'],
      ...['-subj', `/CN=${HOSTNAME}`, '-addext', `subjectAltName=DNS:${HOSTNAME}`],
    ],
    { stdio: 'ignore' },
  );
  const staticDir = join(dir, 'dist');
  await mkdir(staticDir);
  await writeFile(join(staticDir, 'index.html'), PAGE);
  await writeFile(join(staticDir, 'index.html.br'), brotliCompressSync(PAGE));
  await writeFile(join(staticDir, 'index.html.gz'), gzipSync(PAGE));
  const remember = (msg: string, fields?: Record<string, unknown>) => logLines.push({ msg, ...fields });
  server = await startServer({
    port: 0,
    hostname: '127.0.0.1',
    dataDir: join(dir, 'data'),
    staticDir,
    trustProxy: true,
    production: true,
    log: { info: remember, warn: remember, error: remember },
  });
  httpPort = await freePort();
  httpsPort = await freePort();
  const conf = join(dir, 'nginx.conf');
  await writeFile(conf, await documentedConfig(server.port));
  execFileSync(NGINX, ['-t', '-q', '-p', dir, '-c', conf, '-e', join(dir, 'error.log')]);
  nginx = spawn(NGINX, ['-p', dir, '-c', conf, '-e', join(dir, 'error.log')], { stdio: 'ignore' });
  // Listening once port 80's redirect answers.
  for (let i = 0; ; i++) {
    const up = await fetch(`http://127.0.0.1:${httpPort}/`, { redirect: 'manual' }).then(
      () => true,
      () => false,
    );
    if (up) break;
    if (i > 100) throw new Error(`nginx did not start: ${await readFile(join(dir, 'error.log'), 'utf8')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}, 120_000);
afterAll(async () => {
  if (nginx && nginx.exitCode === null) {
    const ended = new Promise((r) => nginx.once('close', r));
    nginx.kill('SIGQUIT');
    await ended;
  }
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  alpn: string | false | undefined;
}

/** One HTTP/2 request through nginx's TLS port, as a browser would send it to the host name. */
function viaHttp2(path: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const session = connect(`https://127.0.0.1:${httpsPort}`, {
      servername: HOSTNAME,
      rejectUnauthorized: false,
    });
    session.on('error', reject);
    const req = session.request({ ':path': path, ':authority': HOSTNAME, ...headers });
    const chunks: Buffer[] = [];
    let head: Record<string, string | string[] | undefined> = {};
    req.on('response', (h) => {
      head = h as typeof head;
    });
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('error', reject);
    req.on('end', () => {
      const alpn = session.alpnProtocol;
      session.close();
      resolve({ status: Number(head[':status']), headers: head, body: Buffer.concat(chunks), alpn });
    });
    req.end();
  });
}

describe.skipIf(!NGINX || databaseKind() === 'postgres')('the nginx configuration of docs/drift.md', () => {
  it('redirects plain HTTP to HTTPS with 301', async () => {
    // node:http, not fetch: fetch does not let a caller set Host.
    const res = await new Promise<IncomingMessage>((resolve, reject) =>
      httpGet(
        { host: '127.0.0.1', port: httpPort, path: '/api/ready', headers: { Host: HOSTNAME } },
        resolve,
      ).on('error', reject),
    );
    res.resume();
    expect(res.statusCode).toBe(301);
    expect(res.headers.location).toBe(`https://${HOSTNAME}/api/ready`);
  });

  it('answers /api/ready over HTTP/2 with HSTS, and the request id nginx made is in the server log', async () => {
    const ready = await viaHttp2('/api/ready');
    expect(ready.alpn).toBe('h2');
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.body.toString('utf8'))).toEqual({ ready: true });
    expect(ready.headers['strict-transport-security']).toContain('max-age=');
    const reqId = String(ready.headers['x-request-id']);
    expect(reqId).toMatch(/^[0-9a-f]{32}$/);
    expect(logLines).toContainEqual(expect.objectContaining({ msg: 'request', reqId, route: '/api/ready' }));
    // A request id the client made up is replaced by nginx's own.
    const spoofed = await viaHttp2('/api/health', { 'x-request-id': 'klientens-eget-id' });
    expect(spoofed.headers['x-request-id']).not.toBe('klientens-eget-id');
  });

  it('passes the app through brotli-compressed with Vary, as the server sent it', async () => {
    const page = await viaHttp2('/', { 'accept-encoding': 'br, gzip' });
    expect(page.status).toBe(200);
    expect(page.headers['content-encoding']).toBe('br');
    expect(String(page.headers.vary)).toContain('Accept-Encoding');
    expect(brotliDecompressSync(page.body).toString('utf8')).toBe(PAGE);
    const plain = await viaHttp2('/', {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString('utf8')).toBe(PAGE);
  });
});
