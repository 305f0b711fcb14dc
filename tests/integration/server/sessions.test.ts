/**
 * Sessions that end (30 days, sign-out, admin, password reset, revoked device, disabled account)
 * on every authenticated route, and the sign-in limit per account and per client address.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorResponse } from '../../../src/domain/sync-protocol';
import { LOGIN_LIMITS } from '../../../src/server/routes/sessions';
import { createTestServer, type TestAccount, type TestServer } from '../../helpers/server';
import { bearer, device, json, newArende } from './support';

let now = new Date('2026-06-01T08:00:00Z');
let server: TestServer;
let admin: TestAccount;
let adminToken: string;
const enhet = (kod: string) => server.enheter.find((e) => e.kod === kod)?.id ?? '';

beforeAll(async () => {
  server = await createTestServer({ clock: () => now });
  admin = await server.createHandlaggare({ role: 'admin', enheter: [] });
  adminToken = (await server.login(admin.username, admin.password)).token;
}, 60_000);
afterAll(() => server.close());

const errorOf = async (res: Response) => ApiErrorResponse.parse(await res.json()).error;
const asAdmin = (method: string, path: string, body?: unknown) =>
  server.fetch(`/api/admin${path}`, {
    method,
    headers: { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

/** Every route behind sign-in, from the app's own route list, with a request that would otherwise pass auth. */
function authenticatedRequests(): { route: string; method: string; path: string }[] {
  const open = new Set([
    'GET /api/health',
    'GET /api/ready',
    'POST /api/sessions',
    'ALL /api',
    'ALL /api/*',
    'ALL /*',
    'GET /*',
    // Takes push tokens only, never a session's; a push token is checked through its session and
    // so ends with it (sealed-push.test.ts).
    'POST /api/sync/push-sealed',
  ]);
  const routes = [...new Set(server.app.routes.map((r) => `${r.method} ${r.path}`))].filter(
    (r) => !open.has(r),
  );
  return routes.map((route) => {
    const [method = 'GET', path = ''] = route.split(' ');
    return {
      route,
      method: method === 'ALL' ? 'GET' : method,
      path: path.replace(':id', randomUUID()).replace('*', 'x'),
    };
  });
}

async function expectEnded(token: string, code: string, message: string) {
  const requests = authenticatedRequests();
  expect(requests.length).toBeGreaterThan(15);
  for (const r of requests) {
    const res = await server.fetch(r.path, {
      method: r.method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      ...(r.method === 'GET' ? {} : { body: '{}' }),
    });
    expect(res.status, r.route).toBe(401);
    expect(await errorOf(res), r.route).toEqual({ code, message });
  }
}

describe('sessions that end', () => {
  it('refuses a session unused for 30 days on every authenticated route', async () => {
    const a = await server.createHandlaggare();
    const { token } = await server.login(a.username, a.password);
    const start = now;
    const day = 24 * 3600 * 1000;
    try {
      // A use renews the session: 30 days from that use, not from the sign-in.
      now = new Date(start.getTime() + 29 * day);
      expect((await server.fetch('/api/me', bearer(token))).status).toBe(200);
      now = new Date(start.getTime() + 59 * day);
      await expectEnded(
        token,
        'session_utgangen',
        'Din inloggning har gått ut (30 dagar utan användning, eller längsta tiden för en inloggning). Logga in igen.',
      );
    } finally {
      now = start;
    }
  });

  it('refuses a signed-out session on every authenticated route', async () => {
    const a = await server.createHandlaggare();
    const { token } = await server.login(a.username, a.password);
    expect((await server.fetch('/api/sessions/current', { method: 'DELETE', ...bearer(token) })).status).toBe(
      204,
    );
    await expectEnded(token, 'utloggad', 'Du har loggat ut. Logga in igen.');
  });

  it('refuses a session an admin revoked, and one whose password was reset, on every authenticated route', async () => {
    const a = await server.createHandlaggare();
    const revoked = (await server.login(a.username, a.password)).token;
    const { rows } = await server.sql.query<{ id: string }>(
      'select id from session where user_id = $1 and revoked_at is null',
      [a.user.id],
    );
    expect((await asAdmin('POST', `/sessions/${rows[0]?.id}/revoke`)).status).toBe(204);
    await expectEnded(
      revoked,
      'session_avslutad',
      'En administratör har avslutat din inloggning. Logga in igen.',
    );

    const beforeReset = (await server.login(a.username, a.password)).token;
    expect(
      (await asAdmin('POST', `/users/${a.user.id}/password`, { password: 'nytt-testlosenord-9' })).status,
    ).toBe(204);
    await expectEnded(
      beforeReset,
      'losenord_bytt',
      'Lösenordet till ditt konto har bytts. Logga in igen med det nya lösenordet.',
    );
  });

  it('refuses the sessions of a revoked device and of a disabled account on every authenticated route', async () => {
    const a = await server.createHandlaggare();
    const dev = device(server, (await server.login(a.username, a.password)).token);
    await dev.push([dev.mutation(randomUUID(), newArende(enhet('NOR'), a.user.id), null)]);
    expect((await asAdmin('POST', `/devices/${dev.deviceId}/revoke`)).status).toBe(204);
    await expectEnded(
      dev.token,
      'apparat_sparrad',
      'Den här apparaten har spärrats av en administratör. Kontakta din administratör.',
    );

    const b = await server.createHandlaggare();
    const token = (await server.login(b.username, b.password)).token;
    expect((await asAdmin('PATCH', `/users/${b.user.id}`, { disabled: true })).status).toBe(200);
    await expectEnded(token, 'konto_sparrat', 'Ditt konto är spärrat. Kontakta din administratör.');
  });
});

describe('sign-in limit', () => {
  const login = (username: string, password: string, address?: string) =>
    server.fetch('/api/sessions', json({ username, password }), address);
  /**
   * Usernames to fail on, three failures each (under the per-account limit). Real accounts: an
   * unknown username costs the production scrypt, which would make these tests slow.
   */
  const decoys = async (t: Pick<TestServer, 'createHandlaggare'>) => {
    const names: string[] = [];
    for (let i = 0; i < LOGIN_LIMITS.perAddress / 3; i++) names.push((await t.createHandlaggare()).username);
    return (i: number) => names[Math.floor(i / 3)] ?? '';
  };

  it('per account: after ten failures from several addresses the account waits, from any address; other accounts do not', async () => {
    const target = await server.createHandlaggare();
    const bystander = await server.createHandlaggare();
    for (let i = 0; i < LOGIN_LIMITS.perAccount; i++)
      expect((await login(target.username, `fel-${i}`, `198.51.100.${i}`)).status).toBe(401);
    const blocked = await login(target.username, target.password, '203.0.113.77');
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('Retry-After')).toBe('900');
    expect(await errorOf(blocked)).toEqual({
      code: 'for_manga_forsok',
      message: 'För många misslyckade inloggningar. Vänta en stund och försök sedan igen.',
    });
    // The addresses that failed are not blocked for other accounts: each made one failure.
    expect((await login(bystander.username, bystander.password, '198.51.100.0')).status).toBe(201);
    expect(
      (await server.sql.query('select 1 from session where user_id = $1', [target.user.id])).rows,
    ).toHaveLength(0);
    now = new Date(now.getTime() + LOGIN_LIMITS.windowMinutes * 60 * 1000 + 1000);
    expect((await login(target.username, target.password, '203.0.113.77')).status).toBe(201);
  });

  it('per address: after thirty failures over many accounts that address waits, even with a right password; others sign in', async () => {
    const victim = await server.createHandlaggare();
    const attacker = '192.0.2.66';
    const decoy = await decoys(server);
    // Three failures per username stay under the per-account limit: only the address limit applies.
    for (let i = 0; i < LOGIN_LIMITS.perAddress; i++)
      expect((await login(decoy(i), 'fel-losenord', attacker)).status).toBe(401);
    const blocked = await login(victim.username, victim.password, attacker);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('Retry-After'))).toBeGreaterThan(0);
    // The same account from another address, and the next address over, sign in.
    expect((await login(victim.username, victim.password, '192.0.2.67')).status).toBe(201);
    // A success elsewhere does not reset the attacker's address.
    expect((await login(victim.username, victim.password, attacker)).status).toBe(429);
    now = new Date(now.getTime() + LOGIN_LIMITS.windowMinutes * 60 * 1000 + 1000);
    expect((await login(victim.username, victim.password, attacker)).status).toBe(201);
  });

  it('takes the address from X-Forwarded-For only when TRUST_PROXY is on, and then its last entry', async () => {
    const proxied = await createTestServer({ clock: () => now, trustProxy: true });
    try {
      const a = await proxied.createHandlaggare();
      const decoy = await decoys(proxied);
      const viaProxy = (username: string, password: string, xff: string) =>
        proxied.fetch(
          '/api/sessions',
          {
            ...json({ username, password }),
            headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': xff },
          },
          '10.0.0.1',
        );
      // Behind the proxy every request comes from 10.0.0.1; the client is the entry the proxy appended.
      for (let i = 0; i < LOGIN_LIMITS.perAddress; i++)
        expect((await viaProxy(decoy(i), 'fel-losenord', `1.2.3.4, 198.51.100.9`)).status).toBe(401);
      expect((await viaProxy(a.username, a.password, '198.51.100.9')).status).toBe(429);
      // A forged first entry does not help the blocked client …
      expect((await viaProxy(a.username, a.password, '203.0.113.5, 198.51.100.9')).status).toBe(429);
      // … and another client behind the same proxy is not blocked.
      expect((await viaProxy(a.username, a.password, '198.51.100.10')).status).toBe(201);
    } finally {
      await proxied.close();
    }
    // Without TRUST_PROXY the header is ignored: the socket address counts.
    const b = await server.createHandlaggare();
    const decoy = await decoys(server);
    const direct = (xff: string, address: string) =>
      server.fetch(
        '/api/sessions',
        {
          ...json({ username: b.username, password: b.password }),
          headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': xff },
        },
        address,
      );
    for (let i = 0; i < LOGIN_LIMITS.perAddress; i++)
      await server.fetch('/api/sessions', json({ username: decoy(i), password: 'x-fel' }), '10.9.9.9');
    expect((await direct('198.51.100.200', '10.9.9.9')).status).toBe(429);
    expect((await direct('10.9.9.9', '10.9.9.10')).status).toBe(201);
  });
});
