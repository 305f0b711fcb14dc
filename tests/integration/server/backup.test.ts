/**
 * Online backup and restore, as an operator runs them (child processes): `faltsam backup` while a
 * device keeps pushing batches, `faltsam restore` into a fresh data folder (PGlite) or database
 * (PostgreSQL, pg_dump/pg_restore), and a server on the restored copy. Its pull holds exactly the
 * batches acknowledged before the backup began, plus possibly batches that were under way while it
 * ran — whole batches, in the order they were sent, never part of one — and nothing sent after it.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginResponse } from '../../../src/domain/account';
import { runFaltsam, type ServerProcess, startServerProcess } from '../../helpers/processes';
import { databaseKind, openTestDatabase, type TestDatabase } from '../../helpers/test-database';
import { device, newArende } from './support';

const BATCH = 25;
const ADMIN_PASSWORD = 'admin-losenord-for-test';
const HANDLAGGARE_PASSWORD = 'handlaggare-losenord-1';

let work: string;
let dbs: TestDatabase[] = [];
const servers: ServerProcess[] = [];

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'faltsam-backup-'));
});
afterAll(async () => {
  for (const s of servers) await s.stop();
  for (const d of dbs) await d.close();
  dbs = [];
  await rm(work, { recursive: true, force: true });
}, 60_000);

/** Where one server keeps its data: a folder of its own, or on PostgreSQL a database of its own. */
async function place(name: string): Promise<Record<string, string | undefined>> {
  if (databaseKind() === 'pglite') return { DATA_DIR: join(work, name), NODE_ENV: 'production' };
  const db = await openTestDatabase({ migrated: false });
  dbs.push(db);
  return { DATA_DIR: join(work, name), DATABASE_URL: db.url, NODE_ENV: 'production' };
}

async function start(env: Record<string, string | undefined>): Promise<ServerProcess> {
  const s = await startServerProcess({ ...env, STATIC_DIR: join(work, 'ingen-build') });
  servers.push(s);
  return s;
}

async function post(url: string, body: unknown, token?: string): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
}

async function loginAs(base: string, body: Record<string, string>): Promise<LoginResponse> {
  const res = await post(`${base}/api/sessions`, body);
  if (res.status !== 201) throw new Error(`login ${res.status} ${await res.text()}`);
  return (await res.json()) as LoginResponse;
}

// Unique codes (random ones collide among thousands of ärenden, and a duplicate code is refused).
const CODE_CHARS = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
let codes = 0;
function nextCode(): string {
  let n = codes++;
  let s = '';
  for (let i = 0; i < 4; i++) {
    s += CODE_CHARS[n % CODE_CHARS.length];
    n = Math.floor(n / CODE_CHARS.length);
  }
  return `NOR-${s}`;
}

const over = (base: string) => ({
  fetch: (input: RequestInfo | URL, init?: RequestInit) => fetch(new URL(String(input), base), init),
});

describe('backup while pushes run, restore into a fresh place', () => {
  it('the restored server answers a pull with exactly the acknowledged batches, whole and in order', async () => {
    const envA = await place('a');
    const a = await start(envA);
    const made = await runFaltsam(
      ['forbund', 'create', 'Backupförbundet', '--admin', 'backup.admin', '--password-stdin'],
      {
        env: envA,
        stdin: ADMIN_PASSWORD,
      },
    );
    expect(made.code, made.stderr).toBe(0);
    expect(
      (
        await runFaltsam(['enhet', 'create', 'Norsjö', '--kod', 'NOR', '--forbund', 'Backupförbundet'], {
          env: envA,
        })
      ).code,
    ).toBe(0);
    const admin = await loginAs(a.url, {
      username: 'backup.admin',
      password: ADMIN_PASSWORD,
      newPassword: `${ADMIN_PASSWORD}-2`,
    });
    const enheter = (await (
      await fetch(`${a.url}/api/admin/enheter`, { headers: { Authorization: `Bearer ${admin.token}` } })
    ).json()) as {
      enheter: { id: string }[];
    };
    const enhetId = enheter.enheter[0]?.id ?? '';
    const created = await post(
      `${a.url}/api/admin/users`,
      {
        username: 'handlaggare.x',
        displayName: 'Handläggare X',
        role: 'handlaggare',
        enhetIds: [enhetId],
        password: HANDLAGGARE_PASSWORD,
      },
      admin.token,
    );
    expect(created.status).toBe(201);
    const me = await loginAs(a.url, { username: 'handlaggare.x', password: HANDLAGGARE_PASSWORD });
    const dev = device(over(a.url), me.token);

    // Batches pushed one after another, each with its place in the order of events.
    const events: string[] = [];
    const batches: string[][] = [];
    let backupDone = false;
    let afterBackup = 0;
    const pushing = (async () => {
      while (afterBackup < 2) {
        const n = batches.length;
        const ids = Array.from({ length: BATCH }, () => randomUUID());
        batches.push(ids);
        const sentAfterBackup = backupDone;
        events.push(`sent ${n}`);
        const reply = await dev.push(
          ids.map((id) => dev.mutation(id, newArende(enhetId, me.user.id, { code: nextCode() }), null)),
        );
        expect(reply.results.every((r) => r.status === 'applied')).toBe(true);
        events.push(`acked ${n}`);
        if (sentAfterBackup) afterBackup++;
      }
    })();
    while (!events.includes('acked 1')) await new Promise((r) => setTimeout(r, 20));
    const file = join(work, 'kopia.bak');
    events.push('backup start');
    const backup = await runFaltsam(['backup', file], { env: envA });
    events.push('backup end');
    backupDone = true;
    await pushing;
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toContain('Säkerhetskopian är skriven till');

    // Never into the running server's place, nor over a database without --force.
    const refused = await runFaltsam(['restore', file], { env: envA });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(databaseKind() === 'pglite' ? /Servern kör/ : /ansluten till databasen/);
    const envB = await place('b');
    const restored = await runFaltsam(['restore', file], { env: envB });
    expect(restored.code, restored.stderr).toBe(0);
    const twice = await runFaltsam(['restore', file], { env: envB });
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('--force');

    const b = await start(envB);
    const again = await loginAs(b.url, { username: 'handlaggare.x', password: HANDLAGGARE_PASSWORD });
    const reader = device(over(b.url), again.token);
    const pulled = new Map<string, Record<string, unknown>>();
    for (let cursor = '0'; ; ) {
      const page = await reader.pull(cursor, 1000);
      for (const c of page.changes) pulled.set(String(c.record.id), c.record);
      cursor = page.cursor;
      if (!page.hasMore) break;
    }

    const at = (e: string) => events.indexOf(e);
    const inBackup = batches.map((ids) => ids.filter((id) => pulled.has(id)).length);
    // Whole batches only, and those in it are the first k.
    for (const n of inBackup) expect([0, BATCH]).toContain(n);
    const k = inBackup.filter((n) => n === BATCH).length;
    expect(inBackup.slice(0, k).every((n) => n === BATCH)).toBe(true);
    for (const [n] of batches.entries()) {
      if (at(`acked ${n}`) < at('backup start'))
        expect(n, `batch ${n} was acknowledged before the backup`).toBeLessThan(k);
      if (at(`sent ${n}`) > at('backup end'))
        expect(n, `batch ${n} was sent after the backup`).toBeGreaterThanOrEqual(k);
    }
    // The backup really ran while pushes did: some batch was sent while it was being taken.
    expect(
      batches.some((_, n) => at(`sent ${n}`) > at('backup start') && at(`sent ${n}`) < at('backup end')),
    ).toBe(true);
    expect(pulled.size).toBe(k * BATCH);
    for (const record of pulled.values()) expect(record).toMatchObject({ version: 1, enhetId });
    expect(batches.length).toBeGreaterThan(k);
  }, 600_000);
});
