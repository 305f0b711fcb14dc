/**
 * The sealed outbox at the server (issue 16): a push-only credential, sealed boxes opened and run
 * through the page's push. Attacker's view: the push token on every other route, for other
 * devices, after revocation; forged, tampered and foreign boxes; repeats and lost replies.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SealedBox, seal } from '../../../src/domain/sealed-box';
import { PushCredential } from '../../../src/domain/sealed-push';
import type { Mutation, PushResponse } from '../../../src/domain/sync-protocol';
import { createTestServer, type TestAccount, type TestServer } from '../../helpers/server';
import { bearer, device, json, newArende } from './support';

let server: TestServer;
let anna: TestAccount;
const enhet = (kod: string) => server.enheter.find((e) => e.kod === kod)?.id ?? '';

beforeAll(async () => {
  server = await createTestServer();
  anna = await server.createHandlaggare({ enheter: ['NOR'] });
}, 60_000);
afterAll(() => server.close());

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const flipTopBit = (c: string) => ALPHABET[ALPHABET.indexOf(c) ^ 32] ?? 'A';

const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;

async function credentialFor(sessionToken: string, deviceId: string = randomUUID()): Promise<PushCredential> {
  const res = await server.fetch('/api/sync/push-credential', json({ deviceId }, sessionToken));
  expect(res.status, await res.clone().text()).toBe(200);
  return PushCredential.parse(await res.json());
}

/** Seals mutations as the page does: device id and secret inside every box. */
function sealAll(
  cred: PushCredential,
  mutations: readonly unknown[],
  inside: Partial<{ deviceId: string; secret: string }> = {},
): Promise<SealedBox[]> {
  return Promise.all(
    mutations.map((mutation) =>
      seal(
        cred.sealKey,
        new TextEncoder().encode(
          JSON.stringify({ deviceId: cred.deviceId, secret: cred.secret, ...inside, mutation }),
        ),
      ),
    ),
  );
}

const pushSealed = (cred: Pick<PushCredential, 'token'>, boxes: readonly SealedBox[]) =>
  server.fetch('/api/sync/push-sealed', json({ boxes }, cred.token));

async function rowCount(table: string): Promise<number> {
  const { rows } = await server.sql.query<{ n: string }>(`select count(*)::text as n from ${table}`);
  return Number(rows[0]?.n);
}

async function signedInDevice() {
  const { token } = await server.login(anna.username, anna.password);
  const cred = await credentialFor(token);
  return { token, cred, dev: device(server, token, cred.deviceId) };
}

describe('sealed push', () => {
  it('applies sealed mutations exactly as a push: once, in order, same content-free answers', async () => {
    const { cred, dev } = await signedInDevice();
    const id = randomUUID();
    const mutations = [
      dev.mutation(id, newArende(enhet('NOR'), anna.user.id), null),
      dev.mutation(id, { manaderAv12: 7 }, 1),
    ];
    const boxes = await sealAll(cred, mutations);
    const first = await pushSealed(cred, boxes);
    expect(first.status).toBe(200);
    const answer = (await first.json()) as PushResponse;
    expect(answer.results.map((r) => [r.seq, r.status])).toEqual([
      [1, 'applied'],
      [2, 'applied'],
    ]);
    // The answer is content-free: no field value of the record travels back.
    expect(JSON.stringify(answer)).not.toContain(newArende(enhet('NOR'), anna.user.id).code);
    const records = await rowCount('record');
    // The reply was lost: the service worker sends the same boxes again, then the page its copy.
    const again = (await (await pushSealed(cred, boxes)).json()) as PushResponse;
    expect(again).toEqual(answer);
    expect(await dev.push(mutations)).toEqual(answer);
    expect(await rowCount('record')).toBe(records);
    const { changes } = await dev.pull();
    expect(changes.find((c) => c.record.id === id)?.record).toMatchObject({ version: 2, manaderAv12: 7 });
  });

  it('gives the same refusals as a push (another enhet, broken text)', async () => {
    const { cred, dev } = await signedInDevice();
    const mutations = [
      dev.mutation(randomUUID(), newArende(enhet('SKE'), anna.user.id), null),
      dev.mutation(randomUUID(), newArende(enhet('NOR'), anna.user.id, { notes: 'a\u0000b\ud800' }), null),
    ];
    const sealed = (await (await pushSealed(cred, await sealAll(cred, mutations))).json()) as PushResponse;
    const twin = device(server, (await server.login(anna.username, anna.password)).token);
    const plain = await twin.push(mutations);
    expect(sealed.results.map((r) => [r.status, r.status === 'rejected' ? r.error.code : ''])).toEqual(
      plain.results.map((r) => [r.status, r.status === 'rejected' ? r.error.code : '']),
    );
    expect(sealed.results.every((r) => r.status === 'rejected')).toBe(true);
  });

  it('refuses a sequence gap without applying anything', async () => {
    const { cred, dev } = await signedInDevice();
    dev.mutation(randomUUID(), {}, null); // seq 1 is never sent
    const m2 = dev.mutation(randomUUID(), newArende(enhet('NOR'), anna.user.id), null);
    const res = await pushSealed(cred, await sealAll(cred, [m2]));
    expect(res.status).toBe(409);
    expect(await server.sql.query('select 1 from record where id = $1', [m2.recordId])).toMatchObject({
      rows: [],
    });
  });
});

describe('the push-only credential', () => {
  it('is refused on every other route of the app', async () => {
    const { cred } = await signedInDevice();
    const routes = [...new Set(server.app.routes.map((r) => `${r.method} ${r.path}`))].filter(
      // /api/ready is open like /api/health (issue 14): a load balancer asks it without a login.
      (r) =>
        !['POST /api/sync/push-sealed', 'GET /api/health', 'GET /api/ready', 'POST /api/sessions'].includes(
          r,
        ),
    );
    expect(routes.length).toBeGreaterThan(15);
    for (const route of routes) {
      const [method = 'GET', path = ''] = route.split(' ');
      const verb = method === 'ALL' ? 'GET' : method;
      const res = await server.fetch(path.replace(':id', randomUUID()).replace('*', 'x'), {
        method: verb,
        headers: { Authorization: `Bearer ${cred.token}`, 'Content-Type': 'application/json' },
        ...(verb === 'GET' ? {} : { body: JSON.stringify({ deviceId: cred.deviceId }) }),
      });
      expect([401, 404], route).toContain(res.status);
      if (!route.startsWith('ALL')) expect(res.status, route).toBe(401);
    }
  });

  it('cannot be used for another device, by another user, or without the in-box secret', async () => {
    const { cred, dev } = await signedInDevice();
    const other = await signedInDevice();
    const m = dev.mutation(randomUUID(), newArende(enhet('NOR'), anna.user.id), null);
    const before = await rowCount('record');
    for (const [boxes, refusedFor] of [
      [await sealAll(cred, [m], { deviceId: other.cred.deviceId }), [cred, other.cred]],
      [await sealAll(cred, [m], { secret: other.cred.secret }), [cred, other.cred]],
      // This device's own box (the förbund has one key) pushed with another device's token.
      [await sealAll(cred, [m]), [other.cred]],
    ] as const) {
      for (const who of refusedFor) {
        const res = await pushSealed(who, boxes);
        expect(res.status).toBe(403);
        expect(await errorOf(res)).toBe('forseglad_fel_apparat');
      }
    }
    expect(await rowCount('record')).toBe(before);
    // Another user may not take this device; this session may not switch to another device.
    const bertil = await server.createHandlaggare();
    const bertilSession = (await server.login(bertil.username, bertil.password)).token;
    const taken = await server.fetch(
      '/api/sync/push-credential',
      json({ deviceId: cred.deviceId }, bertilSession),
    );
    expect(taken.status).toBe(403);
    const { token } = await server.login(anna.username, anna.password);
    await credentialFor(token);
    const switched = await server.fetch('/api/sync/push-credential', json({ deviceId: randomUUID() }, token));
    expect(switched.status).toBe(403);
  });

  it('ends with the device, the session, and a newer credential of the session', async () => {
    const { token, cred, dev } = await signedInDevice();
    const boxes = await sealAll(cred, [
      dev.mutation(randomUUID(), newArende(enhet('NOR'), anna.user.id), null),
    ]);
    const newer = await credentialFor(token, cred.deviceId);
    expect((await pushSealed(cred, boxes)).status).toBe(401);
    expect((await pushSealed(newer, await sealAll(newer, []))).status).toBe(400);
    await server.fetch('/api/sessions/current', { method: 'DELETE', ...bearer(token) });
    expect((await pushSealed(newer, boxes)).status).toBe(401);

    const revoked = await signedInDevice();
    const admin = await server.createHandlaggare({ role: 'admin', enheter: [] });
    const adminToken = (await server.login(admin.username, admin.password)).token;
    const res = await server.fetch(
      `/api/admin/devices/${revoked.cred.deviceId}/revoke`,
      json({}, adminToken),
    );
    expect(res.status).toBeLessThan(300);
    const m = revoked.dev.mutation(randomUUID(), newArende(enhet('NOR'), anna.user.id), null);
    const refused = await pushSealed(revoked.cred, await sealAll(revoked.cred, [m]));
    expect(refused.status).toBe(401);
    expect(await errorOf(refused)).toBe('apparat_sparrad');
  });

  it("cannot push boxes sealed for another förbund's key", async () => {
    const other = await server.addForbund('Annat förbund');
    const olle = await other.createHandlaggare();
    const foreign = await credentialFor((await server.login(olle.username, olle.password)).token);
    const { cred, dev } = await signedInDevice();
    expect(foreign.sealKey.kid).not.toBe(cred.sealKey.kid);
    const m = dev.mutation(randomUUID(), newArende(enhet('NOR'), anna.user.id), null);
    const boxes = await sealAll({ ...cred, sealKey: foreign.sealKey }, [m]);
    const res = await pushSealed(cred, boxes);
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toBe('forseglad_ogiltig');
  });
});

describe('hostile boxes', () => {
  it('never applies, never fails with a 5xx, for tampered or made-up boxes', async () => {
    const { cred, dev } = await signedInDevice();
    const m: Mutation = dev.mutation(randomUUID(), newArende(enhet('NOR'), anna.user.id), null);
    const [good] = await sealAll(cred, [m]);
    if (!good) throw new Error('no box');
    const before = await rowCount('record');
    const b64 = fc.stringMatching(/^[A-Za-z0-9_-]{0,120}$/);
    const field = fc.constantFrom('epk', 'iv', 'ct', 'kid');
    await fc.assert(
      fc.asyncProperty(field, b64, fc.nat(), async (which, junk, at) => {
        const value = good[which as keyof SealedBox] as string;
        const i = at % value.length;
        // The top bit of a base64url character is used at every position (low bits may be padding).
        const flipped =
          junk.length > 0 ? junk : value.slice(0, i) + flipTopBit(value[i] ?? 'A') + value.slice(i + 1);
        const res = await pushSealed(cred, [{ ...good, [which]: flipped }]);
        expect([400, 403]).toContain(res.status);
      }),
      { numRuns: 40, seed: 16 },
    );
    for (const body of [
      {},
      { boxes: 'x' },
      { boxes: [good, ...Array(600).fill(good)] },
      { boxes: [{ v: 2 }] },
    ]) {
      const res = await server.fetch('/api/sync/push-sealed', json(body, cred.token));
      expect(res.status).toBe(400);
    }
    expect(await rowCount('record')).toBe(before);
    // The untouched box still goes through: the refusals left nothing half done.
    expect((await pushSealed(cred, [good])).status).toBe(200);
  });
});
