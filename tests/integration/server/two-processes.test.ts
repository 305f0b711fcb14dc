/**
 * Two server processes behind a load balancer on one database behave as one: two apps (buildApp)
 * in this process, each with its own connection pool on the same PostgreSQL database in the
 * server-postgres project (on PGlite, the embedded database's one connection). Requests alternate
 * between them. Sign-in limits count across both (also guesses sent to both at once), a session
 * ended on one is ended on the other, a batch sent again to the other gets the same answers, and
 * no change slips past a reader pulling from both while devices push to both.
 */
import { randomUUID } from 'node:crypto';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/server/app';
import type { AppEnv } from '../../../src/server/context';
import { LOGIN_LIMITS } from '../../../src/server/routes/sessions';
import { openPostgres, type Sql } from '../../../src/server/store/sql';
import { createTestServer, TEST_ORIGIN, type TestServer } from '../../helpers/server';
import { bearer, device, json, newArende } from './support';

let now = new Date('2026-05-04T08:00:00Z');
const clock = () => now;
let a: TestServer;
let sqlB: Sql;
let appB: Hono<AppEnv>;

beforeAll(async () => {
  a = await createTestServer({ clock });
  // The second process's own pool on the same database (PostgreSQL); PGlite has one connection.
  const url = a.databaseUrl;
  sqlB = url ? await openPostgres(url) : a.sql;
  appB = buildApp({ sql: sqlB, clock });
}, 60_000);
afterAll(async () => {
  if (sqlB !== a.sql) await sqlB.close();
  await a.close();
});

type Fetch = TestServer['fetch'];
const fetchB: Fetch = async (input, init, address) => {
  const request =
    input instanceof Request
      ? new Request(input, init)
      : new Request(new URL(String(input), TEST_ORIGIN), init);
  return address === undefined
    ? appB.fetch(request)
    : appB.fetch(request, { incoming: { socket: { remoteAddress: address } } });
};
/** The load balancer: request i goes to process A when i is even, else to B. */
const both: Fetch[] = [(...args) => a.fetch(...args), fetchB];
const via = (i: number): Fetch => both[i % 2] as Fetch;

describe('sign-in limits across processes', () => {
  it('counts failures on either process: after ten, both make the account wait', async () => {
    const target = await a.createHandlaggare();
    for (let i = 0; i < LOGIN_LIMITS.perAccount; i++)
      expect(
        (
          await via(i)(
            '/api/sessions',
            json({ username: target.username, password: `fel-${i}` }),
            `198.51.100.${i}`,
          )
        ).status,
      ).toBe(401);
    for (const f of both)
      expect(
        (
          await f(
            '/api/sessions',
            json({ username: target.username, password: target.password }),
            '203.0.113.9',
          )
        ).status,
      ).toBe(429);
    now = new Date(now.getTime() + LOGIN_LIMITS.windowMinutes * 60_000 + 1000);
    expect(
      (
        await fetchB(
          '/api/sessions',
          json({ username: target.username, password: target.password }),
          '203.0.113.9',
        )
      ).status,
    ).toBe(201);
  });

  it('lets at most ten of forty guesses sent at once to both processes reach the password check', async () => {
    const target = await a.createHandlaggare();
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        via(i)(
          '/api/sessions',
          json({ username: target.username, password: `gissning-${i}` }),
          `192.0.2.${i}`,
        ),
      ),
    );
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(LOGIN_LIMITS.perAccount);
    expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([]);
    // What did reach the check counts on: the right password now waits exactly when ten failed.
    const failed = statuses.filter((s) => s === 401).length;
    const right = await a.fetch(
      '/api/sessions',
      json({ username: target.username, password: target.password }),
      '192.0.2.200',
    );
    expect(right.status).toBe(failed >= LOGIN_LIMITS.perAccount ? 429 : 201);
    now = new Date(now.getTime() + LOGIN_LIMITS.windowMinutes * 60_000 + 1000);
  });

  it('counts one address over both processes', async () => {
    const victim = await a.createHandlaggare();
    const decoys = await Promise.all(Array.from({ length: 10 }, () => a.createHandlaggare()));
    for (let i = 0; i < LOGIN_LIMITS.perAddress; i++)
      await via(i)(
        '/api/sessions',
        json({ username: decoys[i % 10]?.username, password: 'fel' }),
        '192.0.2.250',
      );
    for (const f of both)
      expect(
        (
          await f(
            '/api/sessions',
            json({ username: victim.username, password: victim.password }),
            '192.0.2.250',
          )
        ).status,
      ).toBe(429);
    expect(
      (
        await fetchB(
          '/api/sessions',
          json({ username: victim.username, password: victim.password }),
          '192.0.2.251',
        )
      ).status,
    ).toBe(201);
    now = new Date(now.getTime() + LOGIN_LIMITS.windowMinutes * 60_000 + 1000);
  });
});

describe('sessions across processes', () => {
  const signIn = async (f: Fetch, username: string, password: string) => {
    const res = await f('/api/sessions', json({ username, password }));
    expect(res.status).toBe(201);
    return ((await res.json()) as { token: string }).token;
  };
  const code = async (f: Fetch, token: string) => {
    const res = await f('/api/me', bearer(token));
    return res.status === 200 ? 'ok' : ((await res.json()) as { error: { code: string } }).error.code;
  };

  it('ends a session signed out, revoked or whose password was reset on one process on the other too', async () => {
    const h = await a.createHandlaggare();
    const admin = await a.createHandlaggare({ role: 'admin', enheter: [] });
    const adminToken = await signIn(fetchB, admin.username, admin.password);

    const t1 = await signIn(a.fetch, h.username, h.password);
    expect(await code(fetchB, t1)).toBe('ok');
    expect((await fetchB('/api/sessions/current', { method: 'DELETE', ...bearer(t1) })).status).toBe(204);
    expect(await code(a.fetch, t1)).toBe('utloggad');

    const t2 = await signIn(fetchB, h.username, h.password);
    const sessions = (await (await a.fetch('/api/admin/sessions', bearer(adminToken))).json()) as {
      sessions: { id: string; userId: string; revokedAt: string | null }[];
    };
    const live = sessions.sessions.find((s) => s.userId === h.user.id && s.revokedAt === null);
    expect(
      (await a.fetch(`/api/admin/sessions/${live?.id}/revoke`, { method: 'POST', ...bearer(adminToken) }))
        .status,
    ).toBe(204);
    expect(await code(fetchB, t2)).toBe('session_avslutad');

    const t3 = await signIn(a.fetch, h.username, h.password);
    const reset = await fetchB(
      `/api/admin/users/${h.user.id}/password`,
      json({ password: 'ett-nytt-losenord-123' }, adminToken),
    );
    expect(reset.status).toBe(204);
    expect(await code(a.fetch, t3)).toBe('losenord_bytt');
    expect(await code(fetchB, t3)).toBe('losenord_bytt');
  });
});

describe('sync across processes', () => {
  it('answers a batch sent again to the other process with the same answers, and applies it once', async () => {
    const h = await a.createHandlaggare();
    const token = (
      (await (
        await a.fetch('/api/sessions', json({ username: h.username, password: h.password }))
      ).json()) as { token: string }
    ).token;
    const enhetId = a.enheter[0]?.id ?? '';
    const onA = device({ fetch: a.fetch }, token);
    const batch = Array.from({ length: 5 }, () =>
      onA.mutation(randomUUID(), newArende(enhetId, h.user.id), null),
    );
    const first = await onA.push(batch);
    const onB = device({ fetch: fetchB }, token, onA.deviceId);
    expect(await onB.push(batch)).toEqual(first);
    const pulled = await onB.pull('0', 1000);
    expect(pulled.changes.filter((c) => batch.some((m) => m.recordId === c.record.id))).toHaveLength(5);
  });

  it('loses no change to a reader pulling from both while devices push to both at once', async () => {
    const h = await a.createHandlaggare();
    const signIn = async () =>
      (
        (await (
          await a.fetch('/api/sessions', json({ username: h.username, password: h.password }))
        ).json()) as { token: string }
      ).token;
    const enhetId = a.enheter[0]?.id ?? '';
    const writers = await Promise.all(
      [0, 1, 2, 3].map(async (i) => device({ fetch: via(i) }, await signIn())),
    );
    const readerToken = await signIn();
    const readers = [device({ fetch: a.fetch }, readerToken), device({ fetch: fetchB }, readerToken)];
    let cursor = (await readers[0]?.pull('0', 1000))?.cursor ?? '0';
    const written = new Set<string>();
    const seen = new Set<string>();
    const pushes = writers.map(async (w) => {
      for (let i = 0; i < 5; i++) {
        const id = randomUUID();
        await w.push([w.mutation(id, newArende(enhetId, h.user.id), null)]);
        written.add(id);
      }
    });
    const pulling = (async () => {
      for (let i = 0; i < 30; i++) {
        const page = await (readers[i % 2] ?? readers[0])?.pull(cursor, 1000);
        for (const c of page?.changes ?? []) seen.add(String(c.record.id));
        cursor = page?.cursor ?? cursor;
      }
    })();
    await Promise.all([...pushes, pulling]);
    const rest = await readers[1]?.pull(cursor, 1000);
    for (const c of rest?.changes ?? []) seen.add(String(c.record.id));
    expect(written.size).toBe(20);
    expect([...written].every((id) => seen.has(id))).toBe(true);
  });
});
