/**
 * Every route of the app × every kind of caller. The table is keyed by the app's own route list
 * (app.routes), so a route added later without an entry here fails the first test. Each refusal
 * is also checked to have changed nothing (a digest of every table but the audit log).
 */
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HALVAR_FORM_IDS } from '../../../src/domain/instrument/form-ids';
import type { PullResponse, PushResponse } from '../../../src/domain/sync-protocol';
import { createTestServer, type TestAccount, type TestServer, type TestTenant } from '../../helpers/server';
import { device, newArende } from './support';

const CALLERS = [
  'anonym',
  'handlaggare',
  'koordinator',
  'admin',
  'respondent',
  'annat_forbund_handlaggare',
  'annat_forbund_admin',
] as const;
type Caller = (typeof CALLERS)[number];

interface Req {
  method: string;
  path: string;
  body?: unknown;
}
interface Entry {
  /** The request; `token` is a fresh session of the caller (null when anonymous). */
  request: (token: string | null, caller: Caller) => Promise<Req> | Req;
  status: Record<Caller, number>;
  /** Further checks of a successful answer (e.g. that a pull holds none of another's records). */
  check?: (caller: Caller, res: Response) => Promise<void>;
  /** Tables a refusal must leave untouched; default all but the audit log. */
  unchanged?: readonly string[];
}

const TABLES = [
  'forbund',
  'enhet',
  'app_user',
  'user_enhet',
  'session',
  'device',
  'record',
  'applied_batch',
  'survey_round',
  'survey_response',
  'round_participation',
];

let server: TestServer;
let other: TestTenant;
let staticDir: string;
const accounts = {} as Record<Exclude<Caller, 'anonym'>, TestAccount>;
let arendeA: string;
let n = 0;
const enhetA = (kod: string) => server.enheter.find((e) => e.kod === kod)?.id ?? '';

beforeAll(async () => {
  staticDir = await mkdtemp(join(tmpdir(), 'faltsam-access-'));
  await mkdir(join(staticDir, 'assets'));
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>Fältsam</title>');
  await writeFile(join(staticDir, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  server = await createTestServer({ staticDir });
  other = await server.addForbund('Annat testförbund');
  accounts.handlaggare = await server.createHandlaggare({ enheter: ['NOR'] });
  accounts.koordinator = await server.createHandlaggare({ enheter: ['NOR', 'SKE'], role: 'koordinator' });
  accounts.admin = await server.createHandlaggare({ enheter: [], role: 'admin' });
  accounts.respondent = await server.createHandlaggare({
    enheter: [],
    role: 'respondent',
    respondentGroup: 'styrelse',
  });
  accounts.annat_forbund_handlaggare = await other.createHandlaggare({ enheter: ['NOR'] });
  accounts.annat_forbund_admin = await other.createHandlaggare({ enheter: [], role: 'admin' });
  const h = device(server, await tokenOf('handlaggare'));
  arendeA = randomUUID();
  await h.push([h.mutation(arendeA, newArende(enhetA('NOR'), accounts.handlaggare.user.id), null)]);
  const k = await tokenOf('koordinator');
  await server.fetch('/api/rounds', {
    method: 'POST',
    headers: { Authorization: `Bearer ${k}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ period: '2020H1', enhetIds: [enhetA('NOR')], formIds: [...HALVAR_FORM_IDS] }),
  });
}, 120_000);
afterAll(async () => {
  await server.close();
  await rm(staticDir, { recursive: true, force: true });
});

async function tokenOf(caller: Exclude<Caller, 'anonym'>): Promise<string> {
  const a = accounts[caller];
  return (await server.login(a.username, a.password)).token;
}

/** A throwaway account of förbund A, a target for the admin's changes. */
async function target(): Promise<TestAccount> {
  return server.createHandlaggare({ enheter: ['NOR'] });
}

async function digest(tables: readonly string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of tables) {
    const { rows } = await server.sql.query<{ d: string | null }>(
      `select md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as d from ${t} x`,
    );
    out[t] = rows[0]?.d ?? '';
  }
  return out;
}

// Shorthands for the status rows.
const ALL = (s: number): Record<Caller, number> =>
  Object.fromEntries(CALLERS.map((c) => [c, s])) as Record<Caller, number>;
const signedIn = (s: number) => ({ ...ALL(s), anonym: 401 });
/** Admin routes: 401 anonymous, 403 every other role, `own` for the admin, `foreign` for another förbund's admin. */
const adminOnly = (own: number, foreign: number): Record<Caller, number> => ({
  ...ALL(403),
  anonym: 401,
  admin: own,
  annat_forbund_admin: foreign,
});

const sendJson = async (res: Response) => JSON.stringify(await res.clone().json());

const TABLE: Record<string, Entry> = {
  // The security-headers middleware on everything; a method the app does not serve.
  'ALL /*': { request: () => ({ method: 'POST', path: '/arenden' }), status: ALL(404) },
  'GET /*': {
    request: () => ({ method: 'GET', path: '/arenden/123' }),
    status: ALL(200),
  },
  'ALL /api/*': { request: () => ({ method: 'GET', path: '/api/finns-inte' }), status: ALL(404) },
  'ALL /api': { request: () => ({ method: 'GET', path: '/api' }), status: ALL(404) },
  'GET /api/health': { request: () => ({ method: 'GET', path: '/api/health' }), status: ALL(200) },
  // Readiness for a load balancer: no login, nothing about the data.
  'GET /api/ready': { request: () => ({ method: 'GET', path: '/api/ready' }), status: ALL(200) },
  'POST /api/sessions': {
    request: (_t, caller) => {
      if (caller === 'anonym')
        return {
          method: 'POST',
          path: '/api/sessions',
          body: { username: 'ingen-alls', password: 'fel-fel-fel' },
        };
      const a = accounts[caller];
      return { method: 'POST', path: '/api/sessions', body: { username: a.username, password: a.password } };
    },
    status: { ...ALL(201), anonym: 401 },
  },
  'DELETE /api/sessions/current': {
    request: () => ({ method: 'DELETE', path: '/api/sessions/current' }),
    status: signedIn(204),
  },
  'GET /api/me': { request: () => ({ method: 'GET', path: '/api/me' }), status: signedIn(200) },
  'POST /api/sync/push': {
    request: () => ({
      method: 'POST',
      path: '/api/sync/push',
      body: {
        deviceId: randomUUID(),
        mutations: [
          {
            id: randomUUID(),
            seq: 1,
            entity: 'arende',
            recordId: randomUUID(),
            baseVersion: null,
            changes: newArende(enhetA('NOR'), accounts.handlaggare.user.id),
            at: new Date().toISOString(),
          },
        ],
      },
    }),
    status: signedIn(200),
    // 200 for all: the mutation is what gets refused; only the handläggare's is applied.
    async check(caller, res) {
      const { results } = (await res.json()) as PushResponse;
      const r = results[0];
      const stored = await server.sql.query('select 1 from record where id = $1', [r?.recordId]);
      if (caller === 'handlaggare') {
        expect(r?.status).toBe('applied');
        expect(stored.rows).toHaveLength(1);
      } else {
        expect(r?.status === 'rejected' && r.error.code).toBe('ej_behorig');
        expect(stored.rows).toHaveLength(0);
        // A refused mutation is audited by the push, with the record id and the reason.
        const { rows } = await server.sql.query(
          'select route, reason from audit_event where record_id = $1',
          [r?.recordId],
        );
        expect(rows).toEqual([{ route: 'POST /api/sync/push', reason: 'ej_behorig' }]);
      }
    },
  },
  'POST /api/sync/push-credential': {
    request: () => ({ method: 'POST', path: '/api/sync/push-credential', body: { deviceId: randomUUID() } }),
    // Any signed-in account may push from its own device; the credential pushes nothing else.
    status: signedIn(200),
  },
  // A session token is not a push token: refused for every caller (sealed-push.test.ts pushes).
  'POST /api/sync/push-sealed': {
    request: () => ({ method: 'POST', path: '/api/sync/push-sealed', body: { boxes: [] } }),
    status: ALL(401),
  },
  'GET /api/sync/pull': {
    request: () => ({ method: 'GET', path: '/api/sync/pull?cursor=0&limit=1000' }),
    status: signedIn(200),
    async check(caller, res) {
      const { changes } = (await res.json()) as PullResponse;
      const ids = changes.map((c) => c.record.id);
      if (caller === 'handlaggare') expect(ids).toContain(arendeA);
      else expect(ids).not.toContain(arendeA);
      // Koordinator, admin and respondent get no records at all (today's record kinds).
      if (['koordinator', 'admin', 'respondent'].includes(caller)) expect(changes).toEqual([]);
    },
  },
  'POST /api/rounds': {
    request: () => ({
      method: 'POST',
      path: '/api/rounds',
      body: { period: `${2030 + n++}H1`, enhetIds: [enhetA('NOR')], formIds: ['F-ST-HALVÅR'] },
    }),
    status: { ...signedIn(403), koordinator: 201 },
  },
  'GET /api/rounds': {
    request: () => ({ method: 'GET', path: '/api/rounds' }),
    status: { ...signedIn(200), admin: 403, annat_forbund_admin: 403 },
    async check(caller, res) {
      const { rounds } = (await res.json()) as { rounds: { period: string; formIds: string[] }[] };
      const a = rounds.find((r) => r.period === '2020H1');
      if (caller.startsWith('annat_forbund')) expect(a).toBeUndefined();
      else if (caller === 'respondent') expect(a?.formIds).toEqual(['F-ST-HALVÅR']);
      else expect(a?.formIds).toHaveLength(4);
    },
  },
  'GET /api/enheter/:id/handlaggare': {
    request: () => ({ method: 'GET', path: `/api/enheter/${enhetA('NOR')}/handlaggare` }),
    status: { ...signedIn(403), handlaggare: 200 },
  },
  // Aggregates: the koordinator's only, and never a single ärende in them.
  'ALL /api/aggregates/*': {
    request: () => ({ method: 'GET', path: '/api/aggregates/finns-inte' }),
    status: { ...signedIn(403), koordinator: 404 },
  },
  'GET /api/aggregates/releases': {
    request: () => ({ method: 'GET', path: '/api/aggregates/releases' }),
    status: { ...signedIn(403), koordinator: 200 },
  },
  // Each area's newest release (the period defaults to it), made on this first request.
  'GET /api/aggregates/:area': {
    request: () => ({ method: 'GET', path: '/api/aggregates/kartlaggning' }),
    status: { ...signedIn(403), koordinator: 200 },
    async check(caller, res) {
      if (caller === 'koordinator') expect(await sendJson(res)).not.toContain(arendeA);
    },
  },
  'ALL /api/admin/*': {
    request: () => ({ method: 'GET', path: '/api/admin/finns-inte' }),
    status: adminOnly(404, 404),
  },
  'GET /api/admin/users': {
    request: () => ({ method: 'GET', path: '/api/admin/users' }),
    status: adminOnly(200, 200),
    async check(caller, res) {
      const body = await sendJson(res);
      if (caller === 'admin') expect(body).toContain(accounts.handlaggare.user.id);
      else expect(body).not.toContain(accounts.handlaggare.user.id);
    },
  },
  'POST /api/admin/users': {
    request: () => ({
      method: 'POST',
      path: '/api/admin/users',
      body: {
        username: `ny-${randomUUID().slice(0, 8)}`,
        displayName: 'Påhittad Person',
        role: 'koordinator',
        enhetIds: [],
        password: 'ett-langt-testlosenord',
      },
    }),
    // Another förbund's admin creates the account in their own förbund.
    status: adminOnly(201, 201),
  },
  'PATCH /api/admin/users/:id': {
    request: async () => ({
      method: 'PATCH',
      path: `/api/admin/users/${(await target()).user.id}`,
      body: { disabled: true },
    }),
    status: adminOnly(200, 404),
  },
  'POST /api/admin/users/:id/password': {
    request: async () => ({
      method: 'POST',
      path: `/api/admin/users/${(await target()).user.id}/password`,
      body: { password: 'ett-nytt-testlosenord' },
    }),
    status: adminOnly(204, 404),
  },
  'GET /api/admin/enheter': {
    request: () => ({ method: 'GET', path: '/api/admin/enheter' }),
    status: adminOnly(200, 200),
    async check(caller, res) {
      const body = await sendJson(res);
      if (caller === 'admin') expect(body).toContain(enhetA('NOR'));
      else expect(body).not.toContain(enhetA('NOR'));
    },
  },
  'POST /api/admin/enheter': {
    request: () => {
      const i = n++;
      const kod = `Q${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + Math.floor(i / 26))}`;
      return { method: 'POST', path: '/api/admin/enheter', body: { namn: 'Påhittad enhet', kod } };
    },
    status: adminOnly(201, 201),
  },
  'GET /api/admin/devices': {
    request: () => ({ method: 'GET', path: '/api/admin/devices' }),
    status: adminOnly(200, 200),
  },
  'POST /api/admin/devices/:id/revoke': {
    request: async () => {
      const t = await target();
      const dev = device(server, (await server.login(t.username, t.password)).token);
      await dev.push([dev.mutation(randomUUID(), newArende(enhetA('NOR'), t.user.id), null)]);
      return { method: 'POST', path: `/api/admin/devices/${dev.deviceId}/revoke` };
    },
    status: adminOnly(204, 404),
  },
  'GET /api/admin/sessions': {
    request: () => ({ method: 'GET', path: '/api/admin/sessions' }),
    status: adminOnly(200, 200),
    async check(caller, res) {
      const body = await sendJson(res);
      if (caller !== 'admin') expect(body).not.toContain(accounts.handlaggare.user.id);
    },
  },
  'POST /api/admin/sessions/:id/revoke': {
    request: async () => {
      const t = await target();
      await server.login(t.username, t.password);
      const { rows } = await server.sql.query<{ id: string }>('select id from session where user_id = $1', [
        t.user.id,
      ]);
      return { method: 'POST', path: `/api/admin/sessions/${rows[0]?.id}/revoke` };
    },
    status: adminOnly(204, 404),
  },
  'GET /api/admin/installningar': {
    request: () => ({ method: 'GET', path: '/api/admin/installningar' }),
    status: adminOnly(200, 200),
  },
  'PATCH /api/admin/installningar': {
    request: () => ({ method: 'PATCH', path: '/api/admin/installningar', body: { stegIntervallManader: 3 } }),
    // Another förbund's admin changes their own förbund's settings.
    status: adminOnly(200, 200),
  },
  'GET /api/admin/behovsgrupper': {
    request: () => ({ method: 'GET', path: '/api/admin/behovsgrupper' }),
    status: adminOnly(200, 200),
  },
  'POST /api/admin/behovsgrupper': {
    request: () => ({
      method: 'POST',
      path: '/api/admin/behovsgrupper',
      body: { label: `Påhittad grupp ${randomUUID().slice(0, 8)}` },
    }),
    status: adminOnly(201, 201),
  },
  'PATCH /api/admin/behovsgrupper/:code': {
    // A group only förbund A has: another förbund's admin finds no such group.
    request: async () => {
      const code = `bara_i_a_${n++}`;
      await server.sql.query(
        `update forbund set behovsgrupper = behovsgrupper || jsonb_build_array(jsonb_build_object('code', $2::text, 'label', $2::text))
          where id = $1`,
        [server.forbund.id, code],
      );
      return {
        method: 'PATCH',
        path: `/api/admin/behovsgrupper/${code}`,
        body: { label: `Nytt namn ${code}` },
      };
    },
    status: adminOnly(200, 404),
  },
  'POST /api/admin/gallring': {
    request: () => ({ method: 'POST', path: '/api/admin/gallring', body: { dryRun: true } }),
    status: adminOnly(200, 200),
  },
  'GET /api/gallring': {
    request: () => ({ method: 'GET', path: '/api/gallring' }),
    status: { ...signedIn(403), koordinator: 200, admin: 200, annat_forbund_admin: 200 },
    async check(caller, res) {
      if (caller !== 'annat_forbund_admin') expect(await sendJson(res)).not.toContain(arendeA);
    },
  },
  'GET /api/admin/audit': {
    request: () => ({ method: 'GET', path: '/api/admin/audit?limit=200' }),
    status: adminOnly(200, 200),
    async check(caller, res) {
      const body = await sendJson(res);
      if (caller === 'admin') expect(body).toContain(accounts.handlaggare.user.id);
      else expect(body).not.toContain(accounts.handlaggare.user.id);
    },
  },
};

async function lastAuditId(): Promise<string> {
  const { rows } = await server.sql.query<{ id: string }>(
    'select coalesce(max(id), 0)::text as id from audit_event',
  );
  return rows[0]?.id ?? '0';
}

/**
 * Every refusal by a route is in the audit log once: who (the caller, or nobody when anonymous),
 * the route, the id the path named, and the reason (the error's code) — and nothing else was
 * logged. An address no route serves is not a refusal and leaves no row.
 */
async function expectRefusalAudited(
  route: string,
  caller: Caller,
  path: string,
  code: string,
  after: string,
) {
  const { rows } = await server.sql.query<Record<string, unknown>>(
    'select user_id, forbund_id, action, route, reason, record_id from audit_event where id > $1::bigint order by id',
    [after],
  );
  if (route === 'ALL /api/*' || route === 'ALL /api' || (route.startsWith('ALL ') && code === 'finns_inte')) {
    expect(rows).toEqual([]);
    return;
  }
  const actor = caller === 'anonym' ? null : accounts[caller].user;
  const pathId = /[0-9a-f]{8}-[0-9a-f-]{27}/.exec(path)?.[0] ?? null;
  expect(rows, `${route} as ${caller}`).toEqual([
    {
      user_id: actor?.id ?? null,
      forbund_id: actor?.forbundId ?? null,
      action: 'refused',
      route: route.startsWith('ALL ') ? expect.any(String) : route,
      reason: code,
      record_id: pathId,
    },
  ]);
}

describe('role × route', () => {
  it('has an entry for every route of the app', () => {
    const routes = [...new Set(server.app.routes.map((r) => `${r.method} ${r.path}`))].sort();
    expect(routes).toEqual(Object.keys(TABLE).sort());
  });

  const cases = Object.keys(TABLE).flatMap((route) => CALLERS.map((caller) => [route, caller] as const));
  it.each(cases)('%s as %s', async (route, caller) => {
    const entry = TABLE[route];
    if (!entry) throw new Error(`No entry for ${route}`);
    const token = caller === 'anonym' ? null : await tokenOf(caller);
    const req = await entry.request(token, caller);
    const tables = entry.unchanged ?? TABLES;
    const before = await digest(tables);
    const auditBefore = await lastAuditId();
    const res = await server.fetch(req.path, {
      method: req.method,
      headers: {
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(req.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(req.body === undefined ? {} : { body: JSON.stringify(req.body) }),
    });
    const expected = entry.status[caller];
    expect(res.status, `${route} as ${caller}: ${await res.clone().text()}`).toBe(expected);
    if (res.status >= 400) {
      expect(await digest(tables)).toEqual(before);
      if (req.path.startsWith('/api')) {
        const body = (await res.json()) as { error: { code: string; message: string } };
        expect(body.error.message).toMatch(/[a-zåäö]/i);
        await expectRefusalAudited(route, caller, req.path, body.error.code, auditBefore);
      }
    } else if (entry.check) {
      await entry.check(caller, res);
    }
  });
});
