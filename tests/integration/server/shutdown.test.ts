/**
 * Graceful shutdown of the real server process (a child): SIGTERM arrives while a push of 500
 * ärenden is half sent. The server stops accepting connections at once, still answers that push
 * in full, closes idle keep-alive connections without waiting for them, exits 0 before its
 * time-out, and on the next start every acknowledged ärende is there — nothing half-written.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginResponse } from '../../../src/domain/account';
import type { PushResponse } from '../../../src/domain/sync-protocol';
import { type ServerProcess, startServerProcess } from '../../helpers/processes';
import { databaseKind, openTestDatabase, type TestDatabase } from '../../helpers/test-database';
import { device, newArende } from './support';

let dataDir: string;
let db: TestDatabase | undefined;
let env: Record<string, string | undefined>;
const started: ServerProcess[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'faltsam-shutdown-'));
  if (databaseKind() === 'postgres') db = await openTestDatabase({ migrated: false });
  // Development mode: the demo accounts, whose passwords the first start prints once.
  // A long time-out: the test fails, rather than waits, if the server needed it.
  env = {
    DATA_DIR: dataDir,
    DATABASE_URL: db?.url,
    NODE_ENV: 'development',
    STATIC_DIR: join(dataDir, 'ingen-build'),
    SHUTDOWN_TIMEOUT: '600',
  };
});
afterAll(async () => {
  for (const s of started) await s.stop('SIGKILL');
  await db?.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function start(): Promise<ServerProcess> {
  const s = await startServerProcess(env);
  started.push(s);
  return s;
}

async function login(base: string, username: string, password: string): Promise<LoginResponse> {
  const res = await fetch(`${base}/api/sessions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 201) throw new Error(`login ${res.status}`);
  return (await res.json()) as LoginResponse;
}

/** Sends the head and the first half of a POST; the rest when `finish()` is called. */
function halfSentPost(url: string, path: string, token: string, body: string) {
  const data = Buffer.from(body);
  const { hostname, port } = new URL(url);
  const req = request({
    host: hostname,
    port,
    path,
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'Content-Length': data.length,
      Authorization: `Bearer ${token}`,
    },
  });
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res.on('data', (d: Buffer) => {
        text += d.toString('utf8');
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
  });
  answer.catch(() => undefined); // awaited by the test; a failure before that is the test's own
  req.write(data.subarray(0, data.length / 2));
  return { answer, finish: () => req.end(data.subarray(data.length / 2)) };
}

/** A new TCP connection is refused (a raw connect: no pooled keep-alive connection can answer). */
const refused = (url: string) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(Number(new URL(url).port), '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });

describe('SIGTERM', () => {
  it('finishes the push under way, refuses new connections, exits 0, and keeps every acknowledged ärende', async () => {
    const first = await start();
    const password = /handlaggare: (\S+)/.exec(first.stdout())?.[1] ?? '';
    const session = await login(first.url, 'handlaggare', password);
    const enhetId = session.user.enheter[0]?.id ?? '';
    // An idle keep-alive connection, which must not hold the shutdown up.
    const keepAlive = request(`${first.url}/api/health`, { agent: new Agent({ keepAlive: true }) });
    await new Promise<void>((resolve) =>
      keepAlive.on('response', (r) => r.resume().on('end', resolve)).end(),
    );

    const dev = device({ fetch: (i, init) => fetch(new URL(String(i), first.url), init) }, session.token);
    const ids = Array.from({ length: 500 }, () => randomUUID());
    const body = JSON.stringify({
      deviceId: dev.deviceId,
      mutations: ids.map((id) => dev.mutation(id, newArende(enhetId, session.user.id), null)),
    });
    const push = halfSentPost(first.url, '/api/sync/push', session.token, body);
    await new Promise((r) => setTimeout(r, 500));
    const exited = first.stop('SIGTERM');
    // The listening socket closes at once: a new client is refused (a balancer tries another).
    for (let i = 0; i < 100 && !(await refused(first.url)); i++) await new Promise((r) => setTimeout(r, 50));
    expect(await refused(first.url)).toBe(true);
    push.finish();
    const answer = await push.answer;
    expect(answer.status).toBe(200);
    const reply = JSON.parse(answer.body) as PushResponse;
    expect(reply.lastSeq).toBe(500);
    expect(reply.results.filter((r) => r.status === 'applied')).toHaveLength(500);
    expect(await exited).toBe(0);
    const log = first.stdout() + first.stderr();
    expect(log).toContain('Stänger Fältsam (SIGTERM)');
    expect(log).toContain('Fältsam har stängts');
    expect(log).not.toContain('Tidsgränsen för nedstängning nåddes');

    const second = await start();
    const again = await login(second.url, 'handlaggare', password);
    const reader = device({ fetch: (i, init) => fetch(new URL(String(i), second.url), init) }, again.token);
    const page = await reader.pull('0', 1000);
    expect(new Set(page.changes.map((c) => String(c.record.id)))).toEqual(new Set(ids));
    expect(await second.stop('SIGTERM')).toBe(0);
  }, 300_000);
});
