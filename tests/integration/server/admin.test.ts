import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AdminDevicesResponse,
  AdminEnheterResponse,
  AdminEnhetResponse,
  AdminSessionsResponse,
  AdminUserResponse,
  AdminUsersResponse,
  AuditPage,
} from '../../../src/domain/admin';
import { PASSWORD_MESSAGES } from '../../../src/domain/password-rules';
import { ApiErrorResponse } from '../../../src/domain/sync-protocol';
import { createTestServer, type TestAccount, type TestServer, type TestTenant } from '../../helpers/server';
import { bearer, device, json, newArende } from './support';

const now = new Date('2026-05-04T08:00:00Z');
let server: TestServer;
let other: TestTenant;
let admin: TestAccount;
let adminToken: string;
let otherAdmin: TestAccount;
let nor: TestAccount;
const enhet = (kod: string) => server.enheter.find((e) => e.kod === kod)?.id ?? '';

beforeAll(async () => {
  server = await createTestServer({ clock: () => now });
  other = await server.addForbund('Annat testförbund');
  admin = await server.createHandlaggare({ role: 'admin', enheter: [] });
  otherAdmin = await other.createHandlaggare({ role: 'admin', enheter: [] });
  nor = await server.createHandlaggare({ enheter: ['NOR'] });
  adminToken = (await server.login(admin.username, admin.password)).token;
}, 60_000);
afterAll(() => server.close());

const send = (method: string, path: string, body?: unknown, token = adminToken) =>
  server.fetch(`/api/admin${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
const errorOf = async (res: Response) => ApiErrorResponse.parse(await res.json()).error;
const count = async (sqlText: string, params: unknown[] = []) =>
  (await server.sql.query(sqlText, params)).rows.length;
const me = (token: string) => server.fetch('/api/me', bearer(token));
const login = (username: string, password: string) =>
  server.fetch('/api/sessions', json({ username, password }));

async function auditRows(action: string) {
  return (
    await server.sql.query<{
      user_id: string;
      action: string;
      entity: string;
      record_id: string;
      fields: unknown;
    }>('select user_id, action, entity, record_id, fields from audit_event where action = $1 order by id', [
      action,
    ])
  ).rows;
}

const newUser = (over: Record<string, unknown> = {}) => ({
  username: `konto-${randomUUID().slice(0, 8)}`,
  displayName: 'Testperson Påhittad',
  role: 'handlaggare',
  enhetIds: [enhet('NOR')],
  password: 'ett-langt-testlosenord',
  ...over,
});

describe('admin: users', () => {
  it('lists the förbund’s own accounts only, with role, group, enheter and state, never a password hash', async () => {
    const res = await send('GET', '/users');
    expect(res.status).toBe(200);
    const body = await res.json();
    const { users } = AdminUsersResponse.parse(body);
    expect(users.map((u) => u.username)).toContain(nor.username);
    expect(users.map((u) => u.username)).not.toContain(otherAdmin.username);
    expect(users.find((u) => u.id === nor.user.id)).toMatchObject({
      role: 'handlaggare',
      respondentGroup: null,
      enhetIds: [enhet('NOR')],
      disabled: false,
    });
    expect(JSON.stringify(body)).not.toMatch(/scrypt|password/i);
  });

  it('creates an account that can sign in, and audits it without the password', async () => {
    const input = newUser({ role: 'respondent', respondentGroup: 'styrelse', enhetIds: [] });
    const res = await send('POST', '/users', input);
    expect(res.status).toBe(201);
    const { user } = AdminUserResponse.parse(await res.json());
    expect(user).toMatchObject({ username: input.username, role: 'respondent', respondentGroup: 'styrelse' });
    const signedIn = await login(input.username, input.password);
    expect(signedIn.status).toBe(201);
    expect((await signedIn.json()).user).toMatchObject({ role: 'respondent', respondentGroup: 'styrelse' });
    const audit = (await auditRows('user_create')).filter((a) => a.record_id === user.id);
    expect(audit).toEqual([
      { user_id: admin.user.id, action: 'user_create', entity: 'app_user', record_id: user.id, fields: null },
    ]);
    const all = await server.sql.query('select * from audit_event');
    expect(JSON.stringify(all.rows)).not.toContain(input.password);
  });

  it('refuses bad accounts with Swedish messages and creates nothing', async () => {
    const before = await count('select 1 from app_user');
    const cases: [Record<string, unknown>, string, string][] = [
      [newUser({ password: 'kort-11-tkn' }), 'password', 'Lösenordet måste vara minst 12 tecken långt.'],
      [newUser({ password: 'aaaaaaaaaaaa' }), 'password', PASSWORD_MESSAGES.repeated],
      [
        newUser({ username: 'anna.berg', password: 'xx-ANNA.BERG-xx' }),
        'password',
        PASSWORD_MESSAGES.username,
      ],
      // On the list of common passwords, whole or with digits and signs around a common word.
      [newUser({ password: 'passwordpassword' }), 'password', PASSWORD_MESSAGES.common],
      [newUser({ password: '1qaz2wsx3edc' }), 'password', PASSWORD_MESSAGES.common],
      [newUser({ password: 'Password2024!' }), 'password', PASSWORD_MESSAGES.common],
      [newUser({ password: '123456789012' }), 'password', PASSWORD_MESSAGES.common],
      [
        newUser({ role: 'respondent', enhetIds: [] }),
        'respondentGroup',
        'En halvårsrespondent måste ha en grupp.',
      ],
      [
        newUser({ respondentGroup: 'styrelse' }),
        'respondentGroup',
        'Bara en halvårsrespondent har en grupp.',
      ],
      [newUser({ enhetIds: [] }), 'enhetIds', 'En handläggare måste ha minst en enhet.'],
      [newUser({ role: 'chef' }), 'role', 'Rollen finns inte.'],
      [newUser({ enhetIds: [other.enheter[0]?.id] }), 'enhetIds', 'En vald enhet finns inte i förbundet.'],
      [
        newUser({ username: 'med mellanslag' }),
        'username',
        'Användarnamnet får bara innehålla a–z, A–Z, siffror, punkt, bindestreck och understreck.',
      ],
    ];
    for (const [input, field, message] of cases) {
      const res = await send('POST', '/users', input);
      expect(res.status, JSON.stringify(input)).toBe(400);
      expect((await errorOf(res)).fields?.[field]).toBe(message);
    }
    const taken = await send('POST', '/users', newUser({ username: nor.username.toUpperCase() }));
    expect(taken.status).toBe(409);
    expect(await errorOf(taken)).toMatchObject({ code: 'anvandarnamn_upptaget' });
    expect(await count('select 1 from app_user')).toBe(before);
  });

  it('changes role and enheter; the change holds on the user’s next request', async () => {
    const account = await server.createHandlaggare({ enheter: ['NOR'] });
    const { token } = await server.login(account.username, account.password);
    const res = await send('PATCH', `/users/${account.user.id}`, {
      enhetIds: [enhet('SKE')],
      displayName: 'Nytt Namn',
    });
    expect(res.status).toBe(200);
    expect(AdminUserResponse.parse(await res.json()).user).toMatchObject({
      enhetIds: [enhet('SKE')],
      displayName: 'Nytt Namn',
    });
    expect((await (await me(token)).json()).enheter.map((e: { kod: string }) => e.kod)).toEqual(['SKE']);
    const [audit] = (await auditRows('user_update')).filter((a) => a.record_id === account.user.id);
    expect([...((audit?.fields ?? []) as string[])].sort()).toEqual(['displayName', 'enhetIds']);
    const toKoordinator = await send('PATCH', `/users/${account.user.id}`, { role: 'koordinator' });
    expect(AdminUserResponse.parse(await toKoordinator.json()).user.role).toBe('koordinator');
    expect((await (await me(token)).json()).role).toBe('koordinator');
  });

  it('disables an account: its sessions answer 401, it cannot sign in, and enabling it does not revive old sessions', async () => {
    const account = await server.createHandlaggare();
    const { token } = await server.login(account.username, account.password);
    expect((await send('PATCH', `/users/${account.user.id}`, { disabled: true })).status).toBe(200);
    for (const res of [await me(token), await server.fetch('/api/sync/pull', bearer(token))]) {
      expect(res.status).toBe(401);
      expect(await errorOf(res)).toEqual({
        code: 'konto_sparrat',
        message: 'Ditt konto är spärrat. Kontakta din administratör.',
      });
    }
    const refused = await login(account.username, account.password);
    expect(refused.status).toBe(401);
    expect((await errorOf(refused)).code).toBe('konto_sparrat');
    // A wrong password still reads as a wrong password: nothing tells a guesser the account exists.
    expect((await errorOf(await login(account.username, 'fel-losenord-x'))).code).toBe('fel_inloggning');
    expect((await send('PATCH', `/users/${account.user.id}`, { disabled: false })).status).toBe(200);
    expect((await errorOf(await me(token))).code).toBe('session_avslutad');
    expect((await login(account.username, account.password)).status).toBe(201);
  });

  it('does not let an admin lock themselves out', async () => {
    const self = await send('PATCH', `/users/${admin.user.id}`, { disabled: true });
    expect(self.status).toBe(400);
    expect((await errorOf(self)).message).toBe('Du kan inte spärra ditt eget konto.');
    const demote = await send('PATCH', `/users/${admin.user.id}`, {
      role: 'handlaggare',
      enhetIds: [enhet('NOR')],
    });
    expect((await errorOf(demote)).message).toBe('Du kan inte ta bort din egen administratörsroll.');
    expect((await me(adminToken)).status).toBe(200);
  });

  it('resets a password: 204, the user’s sessions end with a clear message, only the new password works', async () => {
    const account = await server.createHandlaggare();
    const { token } = await server.login(account.username, account.password);
    const short = await send('POST', `/users/${account.user.id}/password`, { password: 'för-kort' });
    expect(short.status).toBe(400);
    expect((await errorOf(short)).message).toBe('Lösenordet måste vara minst 12 tecken långt.');
    // The user name of the account, a common password, one repeated character: refused at the field.
    for (const [password, message] of [
      [`${account.username}-2026`, PASSWORD_MESSAGES.username],
      ['monkey123456', PASSWORD_MESSAGES.common],
      ['zzzzzzzzzzzzzzzz', PASSWORD_MESSAGES.repeated],
    ]) {
      const weak = await send('POST', `/users/${account.user.id}/password`, { password });
      expect(weak.status, password).toBe(400);
      expect((await errorOf(weak)).fields?.password).toBe(message);
    }
    expect((await me(token)).status).toBe(200);

    const res = await send('POST', `/users/${account.user.id}/password`, {
      password: 'helt-nytt-losenord-1',
    });
    expect(res.status).toBe(204);
    const after = await me(token);
    expect(after.status).toBe(401);
    expect(await errorOf(after)).toEqual({
      code: 'losenord_bytt',
      message: 'Lösenordet till ditt konto har bytts. Logga in igen med det nya lösenordet.',
    });
    expect((await login(account.username, account.password)).status).toBe(401);
    expect((await login(account.username, 'helt-nytt-losenord-1')).status).toBe(201);
    const audit = (await auditRows('password_reset')).filter((a) => a.record_id === account.user.id);
    expect(audit).toHaveLength(1);
    const all = await server.sql.query('select * from audit_event');
    expect(JSON.stringify(all.rows)).not.toContain('helt-nytt-losenord-1');
  });
});

describe('admin: enheter', () => {
  it('lists and creates enheter of the förbund; a taken or malformed kod is refused', async () => {
    const list = AdminEnheterResponse.parse(await (await send('GET', '/enheter')).json());
    expect(list.enheter.map((e) => e.kod).sort()).toEqual(['NOR', 'SKE']);
    const res = await send('POST', '/enheter', { namn: 'Malå kommun – ekonomiskt bistånd', kod: 'MAL' });
    expect(res.status).toBe(201);
    const { enhet: created } = AdminEnhetResponse.parse(await res.json());
    expect(created.kod).toBe('MAL');
    expect((await auditRows('enhet_create')).map((a) => a.record_id)).toContain(created.id);
    const taken = await send('POST', '/enheter', { namn: 'Dubblett', kod: 'NOR' });
    expect(taken.status).toBe(409);
    expect((await errorOf(taken)).message).toBe('Förbundet har redan en enhet med koden NOR.');
    const bad = await send('POST', '/enheter', { namn: 'Fel kod', kod: 'n1' });
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).fields?.kod).toMatch(/^Koden ska vara 2–4 versaler/);
    // Another förbund may use the same kod: codes are per förbund.
    const otherToken = (await server.login(otherAdmin.username, otherAdmin.password)).token;
    expect((await send('POST', '/enheter', { namn: 'Malå', kod: 'MAL' }, otherToken)).status).toBe(201);
    expect(await count('select 1 from enhet where kod = $1', ['MAL'])).toBe(2);
  });
});

describe('admin: devices and sessions', () => {
  it('lists sessions by a public id, never the token hash, and revokes one with a clear 401', async () => {
    const account = await server.createHandlaggare();
    const { token } = await server.login(account.username, account.password);
    const body = await (await send('GET', '/sessions')).json();
    const { sessions } = AdminSessionsResponse.parse(body);
    const hashes = (await server.sql.query<{ token_hash: string }>('select token_hash from session')).rows;
    for (const h of hashes) expect(JSON.stringify(body)).not.toContain(h.token_hash);
    const mine = sessions.find((s) => s.userId === account.user.id);
    expect(mine).toMatchObject({ username: account.username, revokedAt: null, deviceId: null });

    expect((await send('POST', `/sessions/${mine?.id}/revoke`)).status).toBe(204);
    const res = await me(token);
    expect(res.status).toBe(401);
    expect(await errorOf(res)).toEqual({
      code: 'session_avslutad',
      message: 'En administratör har avslutat din inloggning. Logga in igen.',
    });
    const listed = AdminSessionsResponse.parse(await (await send('GET', '/sessions')).json());
    expect(listed.sessions.find((s) => s.id === mine?.id)?.revokedAt).toBe(now.toISOString());
    expect((await auditRows('session_revoke')).map((a) => a.record_id)).toContain(mine?.id);
  });

  it('does not let an admin end the session they are using', async () => {
    const { sessions } = AdminSessionsResponse.parse(await (await send('GET', '/sessions')).json());
    const own = sessions.filter((s) => s.userId === admin.user.id && s.revokedAt === null);
    expect(own).toHaveLength(1);
    const res = await send('POST', `/sessions/${own[0]?.id}/revoke`);
    expect(res.status).toBe(400);
    expect((await me(adminToken)).status).toBe(200);
  });

  it('revokes a device: its sessions answer 401, and after a new sign-in its pushes are refused and store nothing', async () => {
    const account = await server.createHandlaggare();
    const dev = device(server, (await server.login(account.username, account.password)).token);
    const first = randomUUID();
    await dev.push([dev.mutation(first, newArende(enhet('NOR'), account.user.id), null)]);
    const { devices } = AdminDevicesResponse.parse(await (await send('GET', '/devices')).json());
    expect(devices.find((d) => d.id === dev.deviceId)).toMatchObject({
      userId: account.user.id,
      username: account.username,
      revokedAt: null,
    });

    expect((await send('POST', `/devices/${dev.deviceId}/revoke`)).status).toBe(204);
    const res = await dev.pushRaw([
      dev.mutation(randomUUID(), newArende(enhet('NOR'), account.user.id), null),
    ]);
    expect(res.status).toBe(401);
    expect((await errorOf(res)).code).toBe('apparat_sparrad');

    const again = device(
      server,
      (await server.login(account.username, account.password)).token,
      dev.deviceId,
    );
    const second = randomUUID();
    const refused = await again.pushRaw([
      again.mutation(second, newArende(enhet('NOR'), account.user.id), null),
    ]);
    expect(refused.status).toBe(403);
    expect(await errorOf(refused)).toMatchObject({
      code: 'apparat_sparrad',
      message: expect.stringContaining('Det som inte har synkats finns kvar på apparaten.'),
    });
    expect(await count('select 1 from record where id = $1', [second])).toBe(0);
    expect(await count('select 1 from record where id = $1', [first])).toBe(1);
    const listed = AdminDevicesResponse.parse(await (await send('GET', '/devices')).json());
    expect(listed.devices.find((d) => d.id === dev.deviceId)?.revokedAt).toBe(now.toISOString());
    expect((await auditRows('device_revoke')).map((a) => a.record_id)).toContain(dev.deviceId);
  });
});

describe('admin: another förbund', () => {
  it('answers 404 for every id of another förbund, changes nothing and audits the attempt', async () => {
    const victim = await other.createHandlaggare();
    const victimDev = device(server, (await server.login(victim.username, victim.password)).token);
    await victimDev.push([
      victimDev.mutation(randomUUID(), newArende(other.enheter[0]?.id ?? '', victim.user.id), null),
    ]);
    const { sessions } = AdminSessionsResponse.parse(
      await (
        await send(
          'GET',
          '/sessions',
          undefined,
          (
            await server.login(otherAdmin.username, otherAdmin.password)
          ).token,
        )
      ).json(),
    );
    const victimSession = sessions.find((s) => s.userId === victim.user.id)?.id;
    const refusedBefore = (await auditRows('refused')).length;

    const attempts = [
      await send('PATCH', `/users/${victim.user.id}`, { disabled: true }),
      await send('POST', `/users/${victim.user.id}/password`, { password: 'kapat-losenord-123' }),
      await send('POST', `/devices/${victimDev.deviceId}/revoke`),
      await send('POST', `/sessions/${victimSession}/revoke`),
    ];
    for (const res of attempts) {
      expect(res.status).toBe(404);
      expect((await errorOf(res)).code).toBe('finns_inte');
    }
    expect((await victimDev.pull()).changes).toHaveLength(1);
    expect((await login(victim.username, victim.password)).status).toBe(201);
    const refused = (await auditRows('refused')).slice(refusedBefore);
    expect(refused.map((a) => [a.user_id, a.entity, a.record_id])).toEqual([
      [admin.user.id, 'app_user', victim.user.id],
      [admin.user.id, 'app_user', victim.user.id],
      [admin.user.id, 'device', victimDev.deviceId],
      [admin.user.id, 'session', victimSession],
    ]);
    // An id that exists nowhere answers the same 404, and is audited the same way: probing for
    // ids is a refusal like any other.
    const nowhere = randomUUID();
    expect((await send('PATCH', `/users/${nowhere}`, { disabled: true })).status).toBe(404);
    const all = await auditRows('refused');
    expect(all.length).toBe(refusedBefore + 5);
    expect(all.at(-1)).toMatchObject({ user_id: admin.user.id, entity: 'app_user', record_id: nowhere });
  });
});

describe('admin: audit log', () => {
  it('pages the förbund’s events newest first with actor and target, never another förbund’s', async () => {
    const first = AuditPage.parse(await (await send('GET', '/audit?limit=3')).json());
    expect(first.events).toHaveLength(3);
    expect(first.next).toBe(first.events[2]?.id);
    const ids = first.events.map((e) => Number(e.id));
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
    const second = AuditPage.parse(await (await send('GET', `/audit?limit=3&before=${first.next}`)).json());
    expect(Number(second.events[0]?.id)).toBeLessThan(Number(first.next));

    const all: string[] = [];
    let before: string | null = null;
    do {
      const page = AuditPage.parse(
        await (await send('GET', `/audit?limit=200${before ? `&before=${before}` : ''}`)).json(),
      );
      all.push(...page.events.map((e) => e.id));
      before = page.next;
    } while (before);
    const own = await server.sql.query<{ id: string }>(
      'select id::text as id from audit_event where forbund_id = $1 order by audit_event.id desc',
      [server.forbund.id],
    );
    expect(all).toEqual(own.rows.map((r) => r.id));
    const login = AuditPage.parse(await (await send('GET', '/audit?limit=200')).json()).events.find(
      (e) => e.action === 'user_create',
    );
    expect(login).toMatchObject({ userId: admin.user.id, username: admin.username, entity: 'app_user' });

    for (const q of ['limit=0', 'limit=201', 'before=abc']) {
      const res = await send('GET', `/audit?${q}`);
      expect(res.status, q).toBe(400);
    }
  });
});
