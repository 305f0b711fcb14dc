/**
 * The admin screens in the real app with the real admin client: what an admin sees for valid and
 * invalid input, the server's refusals, offline and an ended session. The server side is a small
 * in-memory stand-in that answers as src/domain/admin.ts specifies (the real server's admin API is
 * tested in tests/integration/server and end to end in tests/e2e/admin.e2e.test.ts): happy-dom
 * cannot load the server's migrations, so the real server does not run in this project.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import type { FaltsamDb } from '../../../src/db/database';
import { saveSession } from '../../../src/db/session-repo';
import { getSyncStatus } from '../../../src/db/sync-status';
import type { SessionUser } from '../../../src/domain/account';
import type { AdminUser } from '../../../src/domain/admin';
import { createFaltsam } from '../../../src/sync/client';
import { adminPaths } from '../../../src/ui/components/admin/admin-paths';
import { parseRoute } from '../../../src/ui/hooks/useRoute';
import { ENHET_NOR, FORBUND, freshDb } from '../../helpers/device';
import { renderApp } from './ui-helpers';

afterEach(() => {
  Object.defineProperty(navigator, 'onLine', { configurable: true, value: true });
});

const ADMIN: SessionUser = {
  id: '00000000-0000-4000-8000-0000000000a1',
  username: 'admin',
  displayName: 'Testperson Admin',
  role: 'admin',
  respondentGroup: null,
  forbund: { id: FORBUND, namn: 'Samordningsförbundet Test', behovsgrupper: [] },
  enheter: [],
};
const TOKEN = 't'.repeat(43);
const NOR = { id: ENHET_NOR, namn: 'Norsjö kommun – ekonomiskt bistånd', kod: 'NOR' };

const json = (status: number, body: unknown) =>
  new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
const refuse = (status: number, code: string, message: string, fields?: Record<string, string>) =>
  json(status, { error: { code, message, ...(fields ? { fields } : {}) } });

/** The admin API as the contract describes it, for one förbund, in memory. */
function fakeAdminServer() {
  const users: AdminUser[] = [
    {
      id: ADMIN.id,
      username: 'admin',
      displayName: ADMIN.displayName,
      role: 'admin',
      respondentGroup: null,
      enhetIds: [],
      disabled: false,
      createdAt: '2026-11-01T08:00:00.000Z',
    },
  ];
  const enheter = [NOR];
  const devices = [
    {
      id: '00000000-0000-4000-8000-0000000000e1',
      userId: '00000000-0000-4000-8000-0000000000b2',
      username: 'hanna.test',
      createdAt: '2026-11-20T08:00:00.000Z',
      lastSeenAt: '2026-11-23T15:00:00.000Z',
      revokedAt: null as string | null,
    },
  ];
  const sessions = [
    {
      id: '00000000-0000-4000-8000-0000000000f1',
      userId: '00000000-0000-4000-8000-0000000000b2',
      username: 'hanna.test',
      deviceId: '00000000-0000-4000-8000-0000000000e1',
      createdAt: '2026-11-23T08:00:00.000Z',
      expiresAt: '2099-01-01T00:00:00.000Z',
      revokedAt: null as string | null,
    },
    {
      id: '00000000-0000-4000-8000-0000000000f2',
      userId: ADMIN.id,
      username: 'admin',
      deviceId: null,
      createdAt: '2026-11-23T09:00:00.000Z',
      expiresAt: '2099-01-01T00:00:00.000Z',
      revokedAt: null as string | null,
    },
  ];
  // 60 login events: more than one page of 50.
  const audit = Array.from({ length: 60 }, (_, i) => ({
    id: String(60 - i),
    at: new Date(Date.UTC(2026, 10, 23, 8, 60 - i)).toISOString(),
    userId: ADMIN.id,
    username: i === 59 ? 'forsta.handelsen' : 'admin',
    deviceId: null,
    action: 'login',
    entity: null,
    recordId: null,
    fields: null,
    route: null,
    reason: null,
  }));
  const state = {
    sessionEnded: false,
    resets: [] as string[],
    requests: [] as string[],
    patches: [] as unknown[],
  };
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input), 'http://faltsam.test');
    const method = init?.method ?? 'GET';
    state.requests.push(`${method} ${url.pathname}`);
    if (state.sessionEnded)
      return refuse(401, 'session_avslutad', 'En administratör har avslutat din inloggning. Logga in igen.');
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    const path = url.pathname;
    if (path === '/api/admin/users' && method === 'GET') return json(200, { users });
    if (path === '/api/admin/users' && method === 'POST') {
      if (users.some((u) => u.username === body.username))
        return refuse(409, 'anvandarnamn_upptaget', 'Användarnamnet är upptaget.', {
          username: 'Användarnamnet är upptaget. Välj ett annat.',
        });
      const user: AdminUser = {
        id: crypto.randomUUID(),
        username: body.username,
        displayName: body.displayName,
        role: body.role,
        respondentGroup: body.respondentGroup ?? null,
        enhetIds: body.enhetIds,
        disabled: false,
        createdAt: new Date().toISOString(),
      };
      users.push(user);
      return json(201, { user });
    }
    const reset = /^\/api\/admin\/users\/([^/]+)\/password$/.exec(path);
    if (reset?.[1] && method === 'POST') {
      state.resets.push(reset[1]);
      return json(204, null);
    }
    if (path === '/api/admin/enheter' && method === 'GET') return json(200, { enheter });
    if (path === '/api/admin/enheter' && method === 'POST') {
      if (enheter.some((e) => e.kod === body.kod))
        return refuse(409, 'kod_upptagen', 'Förbundet har redan en enhet med koden.');
      const enhet = { id: crypto.randomUUID(), ...body };
      enheter.push(enhet);
      return json(201, { enhet });
    }
    const patch = /^\/api\/admin\/users\/([^/]+)$/.exec(path);
    if (patch?.[1] && method === 'PATCH') {
      state.patches.push(body);
      const i = users.findIndex((u) => u.id === patch[1]);
      const user = { ...(users[i] as AdminUser), ...body };
      users[i] = user;
      return json(200, { user });
    }
    if (path === '/api/admin/devices') return json(200, { devices });
    const revoked = /^\/api\/admin\/devices\/([^/]+)\/revoke$/.exec(path);
    if (revoked?.[1] && method === 'POST') {
      for (const d of devices) if (d.id === revoked[1]) d.revokedAt = new Date().toISOString();
      return json(204, null);
    }
    if (path === '/api/admin/sessions') return json(200, { sessions });
    const ended = /^\/api\/admin\/sessions\/([^/]+)\/revoke$/.exec(path);
    if (ended?.[1] && method === 'POST') {
      const session = sessions.find((x) => x.id === ended[1]);
      if (session?.userId === ADMIN.id)
        return refuse(400, 'egen_session', 'Du kan inte avsluta inloggningen som du själv använder.');
      if (session) session.revokedAt = new Date().toISOString();
      return json(204, null);
    }
    if (path === '/api/admin/audit') {
      // Newest first, `limit` a page, `next` the id to page on from (as the contract says).
      const before = Number(url.searchParams.get('before') ?? Number.POSITIVE_INFINITY);
      const limit = Number(url.searchParams.get('limit'));
      const older = audit.filter((e) => Number(e.id) < before);
      const page = older.slice(0, limit);
      return json(200, { events: page, next: older.length > limit ? (page.at(-1)?.id ?? null) : null });
    }
    // The sync round the app starts: nothing to push or pull for an admin.
    if (path === '/api/sync/pull') return json(200, { changes: [], cursor: '0', hasMore: false });
    return refuse(404, 'finns_inte', 'Finns inte.');
  };
  return { users, enheter, devices, sessions, state, fetch };
}

/** A device where the admin is logged in, with the real client pointed at `fetch`. */
async function adminDevice(fetch: ReturnType<typeof fakeAdminServer>['fetch']) {
  const db: FaltsamDb = freshDb();
  await saveSession(db, { token: TOKEN, expiresAt: '2099-01-01T00:00:00.000Z', user: ADMIN });
  return { db, faltsam: createFaltsam({ db, fetch }) };
}

async function violations() {
  const result = await axe.run(document.body, {
    rules: { 'color-contrast': { enabled: false }, 'target-size': { enabled: false } },
  });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const field = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
const type = (label: string, value: string) => fireEvent.input(field(label), { target: { value } });
const createButton = () => screen.getByRole('button', { name: 'Skapa kontot' });

// A whole screen with axe runs in a few hundred ms, but far slower on a loaded machine.
describe('the admin screens', { timeout: 30_000 }, () => {
  it('land on the users of the förbund after login, with the admin in the table and no ärenden link', async () => {
    const server = fakeAdminServer();
    const { db, faltsam } = await adminDevice(server.fetch);
    renderApp(db, faltsam, '#/');
    // The first screen of this file loads the page's code.
    await screen.findByRole('heading', { level: 1, name: 'Användare' }, { timeout: 10_000 });
    const table = await screen.findByRole('table', { name: 'Användare i förbundet' });
    expect(within(table).getByRole('link', { name: ADMIN.displayName })).toBeTruthy();
    expect(within(table).getByText('Administratör')).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Huvudmeny' });
    expect(within(nav).queryByRole('link', { name: 'Ärenden' })).toBeNull();
    expect(within(nav).getByRole('link', { name: 'Administration' })).toBeTruthy();
    expect(await violations()).toEqual([]);
  });

  it('validate a new account on the device: username, name, role, group for respondents and the password rule', async () => {
    const server = fakeAdminServer();
    const { db, faltsam } = await adminDevice(server.fetch);
    renderApp(db, faltsam, '#/admin/anvandare/ny');
    await screen.findByRole('heading', { level: 1, name: 'Nytt konto' });
    await screen.findByLabelText('Användarnamn');
    expect(screen.getByText(/Minst 12 tecken/)).toBeTruthy();

    type('Användarnamn', 'ab');
    type('Första lösenord', 'kort');
    fireEvent.click(createButton());
    const summary = await screen.findByRole('heading', { name: /Rätta 4 fel/ });
    expect(document.activeElement).toBe(summary.closest('section'));
    expect(
      screen.getByRole('link', { name: /^Användarnamn: Användarnamnet måste vara minst 3 tecken/ }),
    ).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Namn: Ange ett namn.' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Roll: Välj en roll.' })).toBeTruthy();
    expect(
      screen.getByRole('link', { name: 'Första lösenord: Lösenordet måste vara minst 12 tecken långt.' }),
    ).toBeTruthy();
    expect(field('Första lösenord').getAttribute('aria-invalid')).toBe('true');
    expect(await violations()).toEqual([]);

    // The group is asked for respondents only, and required for them.
    expect(screen.queryByRole('group', { name: /Halvårsgrupp/ })).toBeNull();
    fireEvent.click(screen.getByLabelText('Halvårsrespondent'));
    await screen.findByRole('group', { name: /Halvårsgrupp/ });
    type('Användarnamn', 'styrelse.test');
    type('Namn', 'Testperson Styrelse');
    type('Första lösenord', 'ett-langt-losenord-1');
    fireEvent.click(createButton());
    await screen.findByRole('link', { name: 'Halvårsgrupp: En halvårsrespondent måste ha en grupp.' });

    // A handläggare needs an enhet.
    fireEvent.click(screen.getByLabelText('Handläggare'));
    fireEvent.click(createButton());
    await screen.findByRole('link', { name: 'Enheter: En handläggare måste ha minst en enhet.' });
    expect(server.state.requests.filter((r) => r === 'POST /api/admin/users')).toEqual([]);
  });

  it('create an account and list it; a taken username shows the server’s message at the field', async () => {
    const server = fakeAdminServer();
    const { db, faltsam } = await adminDevice(server.fetch);
    renderApp(db, faltsam, '#/admin/anvandare/ny');
    await screen.findByLabelText('Användarnamn');
    type('Användarnamn', 'hanna.test');
    type('Namn', 'Testperson Hanna');
    fireEvent.click(screen.getByLabelText('Handläggare'));
    fireEvent.click(screen.getByLabelText('Norsjö kommun – ekonomiskt bistånd (NOR)'));
    type('Första lösenord', 'ett-langt-losenord-1');
    fireEvent.click(createButton());
    await screen.findByRole('heading', { level: 1, name: 'Användare' });
    expect((await screen.findByText('Kontot hanna.test är skapat.')).getAttribute('role')).toBe('status');
    const row = (await screen.findByRole('link', { name: 'Testperson Hanna' })).closest('tr') as HTMLElement;
    expect(within(row).getByText('Norsjö kommun – ekonomiskt bistånd')).toBeTruthy();
    expect(within(row).getByText('Aktivt')).toBeTruthy();
    expect(server.users.find((u) => u.username === 'hanna.test')).toMatchObject({
      role: 'handlaggare',
      respondentGroup: null,
      enhetIds: [ENHET_NOR],
    });

    window.location.hash = '#/admin/anvandare/ny';
    await screen.findByRole('heading', { level: 1, name: 'Nytt konto' });
    await screen.findByLabelText('Användarnamn');
    type('Användarnamn', 'hanna.test');
    type('Namn', 'Testperson Hanna Två');
    fireEvent.click(screen.getByLabelText('Koordinator'));
    type('Första lösenord', 'ett-annat-losenord-2');
    fireEvent.click(createButton());
    await screen.findByRole('link', { name: 'Användarnamn: Användarnamnet är upptaget. Välj ett annat.' });
    expect(field('Användarnamn').getAttribute('aria-invalid')).toBe('true');
    expect(await violations()).toEqual([]);
  });

  it('refuse a too short new password on the device and confirm a good one', async () => {
    const server = fakeAdminServer();
    const { db, faltsam } = await adminDevice(server.fetch);
    renderApp(db, faltsam, `#/admin/anvandare/${ADMIN.id}`);
    await screen.findByRole('heading', { level: 2, name: /^Konto: Testperson Admin/ });
    fireEvent.input(screen.getByLabelText('Nytt lösenord'), { target: { value: 'kort' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sätt nytt lösenord' }));
    await screen.findByText('Lösenordet måste vara minst 12 tecken långt.');
    expect(screen.getByLabelText('Nytt lösenord').getAttribute('aria-invalid')).toBe('true');
    expect(server.state.resets).toEqual([]);

    fireEvent.input(screen.getByLabelText('Nytt lösenord'), { target: { value: 'nytt-langt-losenord-9' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sätt nytt lösenord' }));
    await screen.findByText('Lösenordet är bytt och kontots inloggningar är avslutade.');
    expect(server.state.resets).toEqual([ADMIN.id]);
    expect((screen.getByLabelText('Nytt lösenord') as HTMLInputElement).value).toBe('');
    expect(await violations()).toEqual([]);
  });

  it('add an enhet, refusing a bad kod on the device and a taken kod from the server', async () => {
    const server = fakeAdminServer();
    const { db, faltsam } = await adminDevice(server.fetch);
    renderApp(db, faltsam, '#/admin/enheter');
    await screen.findByRole('table', { name: 'Enheter i förbundet' });
    const add = () => fireEvent.click(screen.getByRole('button', { name: 'Lägg till enheten' }));
    type('Kod', 'x1');
    add();
    await screen.findByRole('link', { name: /^Namn: Ange enhetens namn/ });
    expect(screen.getByRole('link', { name: /^Kod: Koden ska vara 2–4 versaler/ })).toBeTruthy();

    type('Namn', 'Malå kommun – ekonomiskt bistånd');
    type('Kod', 'nor');
    add();
    await screen.findByRole('link', { name: 'Kod: Förbundet har redan en enhet med koden.' });
    expect(server.enheter).toHaveLength(1);

    type('Kod', 'mal');
    add();
    await screen.findByText('Enheten Malå kommun – ekonomiskt bistånd är tillagd.');
    const table = await screen.findByRole('table', { name: 'Enheter i förbundet' });
    await within(table).findByText('MAL');
    expect(await violations()).toEqual([]);
  });

  it('say plainly when offline and show nothing stale; the list comes back with the network', async () => {
    const server = fakeAdminServer();
    const { db, faltsam } = await adminDevice(server.fetch);
    renderApp(db, faltsam, '#/admin');
    await screen.findByRole('table', { name: 'Användare i förbundet' });
    Object.defineProperty(navigator, 'onLine', { configurable: true, value: false });
    fireEvent(window, new Event('offline'));
    expect((await screen.findByRole('alert')).textContent).toMatch(/behöver anslutning till servern/);
    expect(screen.queryByRole('table')).toBeNull();
    Object.defineProperty(navigator, 'onLine', { configurable: true, value: true });
    fireEvent(window, new Event('online'));
    await screen.findByRole('table', { name: 'Användare i förbundet' });
  });

  it('say so when the network is gone at the first call, without a table', async () => {
    const { db, faltsam } = await adminDevice(async () => {
      throw new TypeError('Failed to fetch');
    });
    renderApp(db, faltsam, '#/admin/apparater');
    expect((await screen.findByRole('alert')).textContent).toMatch(/behöver anslutning till servern/);
    expect(screen.queryByRole('table')).toBeNull();
    expect(await violations()).toEqual([]);
  });

  it('ask the admin to log in again when the session was ended, and record it for the whole app', async () => {
    const server = fakeAdminServer();
    server.state.sessionEnded = true;
    const { db, faltsam } = await adminDevice(server.fetch);
    renderApp(db, faltsam, '#/admin/logg');
    const alert = await screen.findByText('En administratör har avslutat din inloggning. Logga in igen.', {
      selector: '.app-main p',
    });
    const box = alert.closest('[role="alert"]') as HTMLElement;
    expect(within(box).getByRole('link', { name: 'Logga in igen' }).getAttribute('href')).toBe('#/logga-in');
    await waitFor(async () => expect((await getSyncStatus(db)).lastError?.kind).toBe('auth'));
  });
});

describe('the admin screens, continued', { timeout: 30_000 }, () => {
  it('change an account’s role and enheter and block it, sending only what the form holds', async () => {
    const server = fakeAdminServer();
    server.users.push({
      id: '00000000-0000-4000-8000-0000000000b2',
      username: 'hanna.test',
      displayName: 'Testperson Hanna',
      role: 'handlaggare',
      respondentGroup: null,
      enhetIds: [ENHET_NOR],
      disabled: false,
      createdAt: '2026-11-20T08:00:00.000Z',
    });
    const { db, faltsam } = await adminDevice(server.fetch);
    renderApp(db, faltsam, '#/admin/anvandare/00000000-0000-4000-8000-0000000000b2');
    await screen.findByRole('heading', { level: 2, name: /^Konto: Testperson Hanna/ });
    expect((screen.getByLabelText('Handläggare') as HTMLInputElement).checked).toBe(true);
    // Without an enhet a handläggare is refused on the device.
    fireEvent.click(screen.getByLabelText('Norsjö kommun – ekonomiskt bistånd (NOR)'));
    fireEvent.click(screen.getByRole('button', { name: 'Spara ändringarna' }));
    await screen.findByRole('link', { name: 'Enheter: En handläggare måste ha minst en enhet.' });
    expect(server.state.patches).toEqual([]);

    fireEvent.click(screen.getByLabelText('Koordinator'));
    fireEvent.click(screen.getByLabelText(/^Kontot är spärrat/));
    fireEvent.click(screen.getByRole('button', { name: 'Spara ändringarna' }));
    await screen.findByText('Ändringarna är sparade.');
    expect(server.state.patches).toEqual([
      {
        displayName: 'Testperson Hanna',
        role: 'koordinator',
        respondentGroup: null,
        enhetIds: [],
        disabled: true,
      },
    ]);
    await screen.findByText('Koordinator', { selector: 'p' });
    expect(await violations()).toEqual([]);
  });

  it('block a device only after the admin confirms in a dialog', async () => {
    const server = fakeAdminServer();
    const { db, faltsam } = await adminDevice(server.fetch);
    renderApp(db, faltsam, '#/admin/apparater');
    const table = await screen.findByRole('table', { name: 'Registrerade apparater' });
    expect(within(table).getByText('Aktiv')).toBeTruthy();
    const revoke = within(table).getByRole('button', { name: 'Spärra hanna.tests apparat 00000000' });
    fireEvent.click(revoke);
    fireEvent.click(await screen.findByRole('button', { name: 'Avbryt' }));
    expect(server.devices[0]?.revokedAt).toBeNull();

    fireEvent.click(revoke);
    fireEvent.click(screen.getByRole('button', { name: 'Ja, fortsätt' }));
    await screen.findByText('Apparaten är spärrad och dess inloggningar är avslutade.');
    await within(await screen.findByRole('table', { name: 'Registrerade apparater' })).findByText(
      /^Spärrad /,
    );
    expect(server.devices[0]?.revokedAt).not.toBeNull();
    expect(await violations()).toEqual([]);
  });

  it('end a session after confirming, and show the server’s refusal to end the admin’s own', async () => {
    const server = fakeAdminServer();
    const { db, faltsam } = await adminDevice(server.fetch);
    renderApp(db, faltsam, '#/admin/apparater');
    const table = await screen.findByRole('table', { name: 'Inloggningar, nyast först' });
    fireEvent.click(within(table).getByRole('button', { name: /^Avsluta admins inloggning/ }));
    fireEvent.click(await screen.findByRole('button', { name: 'Ja, fortsätt' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Du kan inte avsluta inloggningen som du själv använder.',
    );
    expect(server.sessions[1]?.revokedAt).toBeNull();

    fireEvent.click(within(table).getByRole('button', { name: /^Avsluta hanna\.tests inloggning/ }));
    fireEvent.click(await screen.findByRole('button', { name: 'Ja, fortsätt' }));
    await screen.findByText('Inloggningen är avslutad.');
    const after = await screen.findByRole('table', { name: 'Inloggningar, nyast först' });
    await within(after).findByText(/^Avslutad /);
    expect(server.sessions[0]?.revokedAt).not.toBeNull();
    expect(await violations()).toEqual([]);
  });

  it('page through the audit log, newest first, until there is nothing older', async () => {
    const server = fakeAdminServer();
    const { db, faltsam } = await adminDevice(server.fetch);
    renderApp(db, faltsam, '#/admin/logg');
    const table = await screen.findByRole('table', { name: 'Händelser, nyast först' });
    expect(within(table).getAllByRole('row')).toHaveLength(51);
    expect(screen.getByText('Visar 50 händelser')).toBeTruthy();
    expect(within(table).queryByText('forsta.handelsen')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Visa äldre händelser' }));
    await screen.findByText('Visar 60 händelser');
    expect(within(table).getAllByRole('row')).toHaveLength(61);
    expect(within(table).getByText('forsta.handelsen')).toBeTruthy();
    expect(screen.getByText('Det finns inga äldre händelser.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Visa äldre händelser' })).toBeNull();
    expect(within(table).getAllByText('Inloggning')).toHaveLength(60);
    expect(await violations()).toEqual([]);
  });
});

describe('the admin routes', () => {
  it('parse every section’s path and a user’s id; anything else under #/admin is the ärende list', () => {
    expect(parseRoute(adminPaths.users)).toEqual({ name: 'admin', section: 'users' });
    expect(parseRoute(adminPaths.newUser)).toEqual({ name: 'admin', section: 'newUser' });
    expect(parseRoute(adminPaths.enheter)).toEqual({ name: 'admin', section: 'enheter' });
    expect(parseRoute(adminPaths.devices)).toEqual({ name: 'admin', section: 'devices' });
    expect(parseRoute(adminPaths.audit)).toEqual({ name: 'admin', section: 'audit' });
    expect(parseRoute(adminPaths.user(ADMIN.id))).toEqual({ name: 'admin', section: 'user', id: ADMIN.id });
    expect(parseRoute('#/admin/okand')).toEqual({ name: 'list' });
    expect(parseRoute('#/admin/anvandare/a/b')).toEqual({ name: 'list' });
  });
});
