import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginResponse, SessionUser } from '../../../src/domain/account';
import { ApiErrorResponse } from '../../../src/domain/sync-protocol';
import { createTestServer, type TestAccount, type TestServer } from '../../helpers/server';
import { bearer, json } from './support';

const DAY = 24 * 3600 * 1000;
let now = new Date('2026-03-02T08:00:00Z');
let server: TestServer;
let account: TestAccount;

beforeAll(async () => {
  server = await createTestServer({ clock: () => now });
  account = await server.createHandlaggare({ enheter: ['NOR'] });
}, 60_000);
afterAll(() => server.close());

const login = (username: string, password: string) =>
  server.fetch('/api/sessions', json({ username, password }));

describe('sign-in', () => {
  it('returns a token, an expiry 30 days ahead and the user with förbund and enheter', async () => {
    const res = await login(account.username, account.password);
    expect(res.status).toBe(201);
    const body = LoginResponse.parse(await res.json());
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new Date(body.expiresAt).getTime() - now.getTime()).toBe(30 * DAY);
    expect(body.user.username).toBe(account.username);
    expect(body.user.forbund.namn).toBe('Testförbund');
    expect(body.user.forbund.behovsgrupper).toHaveLength(5);
    expect(body.user.enheter.map((e) => e.kod)).toEqual(['NOR']);
  });

  it('accepts the username in any letter case', async () => {
    const res = await login(account.username.toUpperCase(), account.password);
    expect(res.status).toBe(201);
  });

  it('stores only a hash of the token and a scrypt hash of the password', async () => {
    const { token } = await server.login(account.username, account.password);
    const sessions = await server.sql.query<{ token_hash: string }>('select token_hash from session');
    expect(sessions.rows.some((r) => r.token_hash.includes(token))).toBe(false);
    const users = await server.sql.query<{ password_hash: string }>('select password_hash from app_user');
    for (const u of users.rows) expect(u.password_hash).toMatch(/^scrypt\$\d+\$8\$1\$/);
  });

  it('answers a wrong password and an unknown user with the same Swedish message', async () => {
    const wrong = await login(account.username, 'inte-rätt-lösenord');
    const unknown = await login('finns-inte', 'inte-rätt-lösenord');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const a = ApiErrorResponse.parse(await wrong.json());
    const b = ApiErrorResponse.parse(await unknown.json());
    expect(a).toEqual(b);
    expect(a.error).toEqual({ code: 'fel_inloggning', message: 'Fel användarnamn eller lösenord.' });
  });

  it('refuses an empty username with a Swedish message and changes nothing', async () => {
    const before = await server.sql.query('select 1 from session');
    const res = await login('', 'x');
    expect(res.status).toBe(400);
    const body = ApiErrorResponse.parse(await res.json());
    expect(body.error.message).toBe('Ange ditt användarnamn.');
    expect(body.error.fields?.username).toBe('Ange ditt användarnamn.');
    expect((await server.sql.query('select 1 from session')).rows).toHaveLength(before.rows.length);
  });

  it('stops accepting attempts for a username after ten failures in a row', async () => {
    const target = await server.createHandlaggare();
    for (let i = 0; i < 10; i++) expect((await login(target.username, `fel-${i}`)).status).toBe(401);
    const blocked = await login(target.username, target.password);
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('Retry-After')).toBe('900');
    expect(ApiErrorResponse.parse(await blocked.json()).error.code).toBe('for_manga_forsok');
    now = new Date(now.getTime() + 16 * 60 * 1000);
    expect((await login(target.username, target.password)).status).toBe(201);
  });
});

describe('sessions', () => {
  it('requires a bearer token for the API', async () => {
    for (const res of [
      await server.fetch('/api/me'),
      await server.fetch('/api/sync/pull'),
      await server.fetch('/api/me', bearer('not-a-real-token-but-long-enough-to-look-like-one')),
    ]) {
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({
        error: { code: 'ej_inloggad', message: 'Din inloggning har gått ut. Logga in igen.' },
      });
    }
  });

  it('tells the signed-in user who they are', async () => {
    const { token } = await server.login(account.username, account.password);
    const res = await server.fetch('/api/me', bearer(token));
    expect(res.status).toBe(200);
    const me = SessionUser.parse(await res.json());
    expect(me.displayName).toMatch(/^Handläggare [A-Z]/);
    expect(me.role).toBe('handlaggare');
  });

  it('keeps a session while it is used, and refuses it after 30 days without use', async () => {
    const { token } = await server.login(account.username, account.password);
    const start = now;
    now = new Date(start.getTime() + 29 * DAY);
    expect((await server.fetch('/api/me', bearer(token))).status).toBe(200);
    now = new Date(start.getTime() + 58 * DAY);
    expect((await server.fetch('/api/me', bearer(token))).status).toBe(200);
    now = new Date(start.getTime() + 88 * DAY + 1000);
    const res = await server.fetch('/api/me', bearer(token));
    expect(res.status).toBe(401);
    expect(ApiErrorResponse.parse(await res.json()).error).toEqual({
      code: 'session_utgangen',
      message:
        'Din inloggning har gått ut (30 dagar utan användning, eller längsta tiden för en inloggning). Logga in igen.',
    });
    now = start;
  });

  it('ends a session used every ten days at its absolute end, 76–90 days after sign-in', async () => {
    const { token } = await server.login(account.username, account.password);
    const start = now;
    try {
      let endedAt: number | null = null;
      for (let day = 10; day <= 100 && endedAt === null; day += 10) {
        now = new Date(start.getTime() + day * DAY);
        const res = await server.fetch('/api/me', bearer(token));
        if (res.status === 401) endedAt = day;
        else expect(res.status).toBe(200);
      }
      expect(endedAt).not.toBeNull();
      expect(endedAt).toBeGreaterThan(76);
      expect(endedAt).toBeLessThanOrEqual(90);
    } finally {
      now = start;
    }
  });

  it('ends the session on sign-out, and the token no longer works', async () => {
    const { token } = await server.login(account.username, account.password);
    const out = await server.fetch('/api/sessions/current', { method: 'DELETE', ...bearer(token) });
    expect(out.status).toBe(204);
    expect((await server.fetch('/api/me', bearer(token))).status).toBe(401);
  });
});
