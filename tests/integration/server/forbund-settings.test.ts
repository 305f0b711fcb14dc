/**
 * The admin's förbund settings and behovsgrupper on the real server: the stegförflyttning interval
 * and gallring period reach the signed-in users; groups are added, renamed, retired and taken back
 * without an ärende losing its group, and retired groups stay in the results. Hostile input: bad
 * values of every kind, another förbund's admin, odd codes in the path, repeated requests.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionUser } from '../../../src/domain/account';
import { KartlaggningReport } from '../../../src/domain/aggregation/report';
import {
  BEHOVSGRUPPER_MAX,
  BehovsgrupperResponse,
  BehovsgruppResponse,
  ForbundSettingsResponse,
} from '../../../src/domain/forbund-admin';
import type { MutationResult } from '../../../src/domain/sync-protocol';
import { createTestServer, type TestAccount, type TestServer, type TestTenant } from '../../helpers/server';
import { bearer, device, fictitiousPersonnummer, newArende } from './support';

let server: TestServer;
let other: TestTenant;
let admin: string;
let otherAdmin: string;
let nor: TestAccount;
let koordinator: string;
const enhet = (kod: string) => server.enheter.find((e) => e.kod === kod)?.id ?? '';
const token = async (a: TestAccount) => (await server.login(a.username, a.password)).token;

beforeAll(async () => {
  server = await createTestServer();
  other = await server.addForbund('Annat förbund');
  admin = await token(await server.createHandlaggare({ role: 'admin', enheter: [] }));
  otherAdmin = await token(await other.createHandlaggare({ role: 'admin', enheter: [] }));
  nor = await server.createHandlaggare({ enheter: ['NOR'] });
  koordinator = await token(await server.createHandlaggare({ role: 'koordinator', enheter: ['NOR'] }));
}, 60_000);
afterAll(() => server.close());

const send = (method: string, path: string, body?: unknown, t = admin) =>
  server.fetch(`/api${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${t}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
const forbundRow = async (id: string) =>
  (
    await server.sql.query(
      'select steg_intervall_manader, gallring_ar, behovsgrupper from forbund where id = $1',
      [id],
    )
  ).rows[0];
const meOf = async (t: string) => SessionUser.parse(await (await server.fetch('/api/me', bearer(t))).json());
const rejection = (r: MutationResult | undefined) => (r?.status === 'rejected' ? r.error : null);

describe('förbund settings', () => {
  it('sets the stegförflyttning interval and the gallring period; the users get them, other förbund do not', async () => {
    const res = await send('PATCH', '/admin/installningar', { stegIntervallManader: 3, gallringAr: 7 });
    expect(res.status).toBe(200);
    expect(ForbundSettingsResponse.parse(await res.json()).settings).toEqual({
      stegIntervallManader: 3,
      gallringAr: 7,
    });
    expect((await meOf(await token(nor))).forbund.settings).toEqual({
      stegIntervallManader: 3,
      gallringAr: 7,
    });
    expect(await forbundRow(other.forbund.id)).toMatchObject({
      steg_intervall_manader: 2,
      gallring_ar: null,
    });
    const audit = await server.sql.query<{ fields: string[]; record_id: string }>(
      `select fields, record_id from audit_event where action = 'settings_update' and forbund_id = $1`,
      [server.forbund.id],
    );
    expect(audit.rows.at(-1)).toEqual({
      fields: ['stegIntervallManader', 'gallringAr'],
      record_id: server.forbund.id,
    });
    // Back to no gallring: null is a value, not "unchanged".
    await send('PATCH', '/admin/installningar', { gallringAr: null });
    expect((await forbundRow(server.forbund.id))?.gallring_ar).toBeNull();
  });

  it('refuses every bad value with a Swedish 400 and changes nothing (property)', async () => {
    await send('PATCH', '/admin/installningar', { stegIntervallManader: 2, gallringAr: null });
    const before = await forbundRow(server.forbund.id);
    const bad = fc.oneof(
      fc.constantFrom(0, 31, -1, 1.5, 1e20, '3', null, true, [], {}, 'x\u0000', '\ud800'),
      fc.string(),
      fc.double({ noInteger: true }),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('stegIntervallManader', 'gallringAr'), bad, async (field, value) => {
        if (field === 'gallringAr' && value === null) return;
        const res = await send('PATCH', '/admin/installningar', { [field]: value });
        expect(res.status).toBe(400);
        const body = (await res.json()) as { error: { message: string } };
        expect(body.error.message).toMatch(/[a-zåäö]/i);
      }),
      { seed: 77, numRuns: 40 },
    );
    for (const raw of ['{', '', '{}', '{"extra":1}', '[]'])
      expect((await send('PATCH', '/admin/installningar', raw)).status).toBe(400);
    expect(await forbundRow(server.forbund.id)).toEqual(before);
  });
});

describe('behovsgrupper', () => {
  const groups = async (t = admin) =>
    BehovsgrupperResponse.parse(await (await send('GET', '/admin/behovsgrupper', undefined, t)).json())
      .behovsgrupper;

  it('adds a group with a code made from its name, once; the same name again is refused', async () => {
    const first = await send('POST', '/admin/behovsgrupper', { label: 'Studier på distans' });
    expect(first.status).toBe(201);
    const { behovsgrupp } = BehovsgruppResponse.parse(await first.json());
    expect(behovsgrupp).toEqual({ code: 'studier_pa_distans', label: 'Studier på distans', retiredAt: null });
    const again = await send('POST', '/admin/behovsgrupper', { label: 'studier på DISTANS' });
    expect(again.status).toBe(409);
    expect((await groups()).filter((g) => g.code.startsWith('studier_pa_distans'))).toHaveLength(1);
    expect((await meOf(await token(nor))).forbund.behovsgrupper.map((g) => g.code)).toContain(
      'studier_pa_distans',
    );
  });

  it('renames and retires without an ärende losing its group; the retired group stays in the results', async () => {
    await send('POST', '/admin/behovsgrupper', { label: 'Arbetsträning' });
    const dev = device(server, await token(nor));
    const inGroup = randomUUID();
    const created = await dev.push([
      dev.mutation(inGroup, newArende(enhet('NOR'), nor.user.id, { behovsgrupp: 'arbetstraning' }), null),
    ]);
    expect(created.results[0]?.status).toBe('applied');

    const renamed = await send('PATCH', '/admin/behovsgrupper/arbetstraning', {
      label: 'Arbetsträning med stöd',
    });
    expect(BehovsgruppResponse.parse(await renamed.json()).behovsgrupp.code).toBe('arbetstraning');
    const retired = await send('PATCH', '/admin/behovsgrupper/arbetstraning', { retired: true });
    expect(BehovsgruppResponse.parse(await retired.json()).behovsgrupp.retiredAt).toMatch(
      /^\d{4}-\d{2}-\d{2}$/,
    );

    // A new choice of the retired group is refused; the ärende already in it keeps it through edits.
    const later = await dev.push([
      dev.mutation(
        randomUUID(),
        newArende(enhet('NOR'), nor.user.id, { behovsgrupp: 'arbetstraning' }),
        null,
      ),
      dev.mutation(inGroup, { anteckningar: 'Uppföljning bokad.' }, 1),
    ]);
    expect(rejection(later.results[0])?.fields?.behovsgrupp).toBe(
      'Behovsgruppen Arbetsträning med stöd används inte längre i förbundet. Välj en annan grupp.',
    );
    expect(later.results[1]?.status).toBe('applied');
    const { rows } = await server.sql.query<{ g: string }>(
      `select data ->> 'behovsgrupp' as g from record where id = $1`,
      [inGroup],
    );
    expect(rows[0]?.g).toBe('arbetstraning');
    const pulled = await dev.pull('0', 1000);
    expect(pulled.changes.find((c) => c.record.id === inGroup)?.record.behovsgrupp).toBe('arbetstraning');

    const report = KartlaggningReport.parse(
      await (await server.fetch('/api/aggregates/kartlaggning?datum=2026-06-01', bearer(koordinator))).json(),
    );
    expect(report.behovsgrupper).toContainEqual({ code: 'arbetstraning', label: 'Arbetsträning med stöd' });

    // Taken back into use, it can be chosen again.
    await send('PATCH', '/admin/behovsgrupper/arbetstraning', { retired: false });
    const back = await dev.push([
      dev.mutation(
        randomUUID(),
        newArende(enhet('NOR'), nor.user.id, { behovsgrupp: 'arbetstraning' }),
        null,
      ),
    ]);
    expect(back.results[0]?.status).toBe('applied');
    const audit = await server.sql.query<{ entity: string; fields: string[] }>(
      `select entity, fields from audit_event where action = 'behovsgrupp_update' order by id`,
    );
    expect(audit.rows.map((r) => r.fields)).toEqual([['label'], ['retired'], ['retired']]);
    expect(JSON.stringify(audit.rows)).not.toContain('Arbetsträning');
  });

  it('never reuses a retired group’s code, and points to the retired group rather than making a twin', async () => {
    await send('POST', '/admin/behovsgrupper', { label: 'Språkstöd' });
    await send('PATCH', '/admin/behovsgrupper/sprakstod', { retired: true });
    const twin = await send('POST', '/admin/behovsgrupper', { label: 'Språkstöd' });
    expect(twin.status).toBe(409);
    expect(((await twin.json()) as { error: { message: string } }).error.message).toMatch(
      /Ta den i bruk igen/,
    );
    await send('PATCH', '/admin/behovsgrupper/sprakstod', { label: 'Språkstöd (gammal)' });
    const fresh = BehovsgruppResponse.parse(
      await (await send('POST', '/admin/behovsgrupper', { label: 'Språkstöd' })).json(),
    );
    expect(fresh.behovsgrupp.code).toBe('sprakstod_2');
  });

  it('refuses hostile names and odd codes, and another förbund’s admin finds none of A’s groups', async () => {
    const before = await forbundRow(server.forbund.id);
    for (const label of ['', '   ', 'a\u0000b', 'x\ud800', 'y'.repeat(121), 42, null])
      expect((await send('POST', '/admin/behovsgrupper', { label })).status).toBe(400);
    // The free-text guard: a name holding a personnummer is refused, and the answer does not echo it.
    const pnr = fictitiousPersonnummer();
    for (const [method, path] of [
      ['POST', '/admin/behovsgrupper'],
      ['PATCH', '/admin/behovsgrupper/studier_pa_distans'],
    ] as const) {
      const res = await send(method, path, { label: `Grupp ${pnr}` });
      expect(res.status).toBe(400);
      const text = await res.text();
      expect(text).toContain('personnummer');
      expect(text).not.toContain(pnr.slice(2));
    }
    expect((await send('POST', '/admin/behovsgrupper', { label: 'Ok', code: 'egen_kod' })).status).toBe(400);
    for (const code of ['finns_inte', '..%2F..', '%00', 'x'.repeat(500), 'skyddat_arbete%27%3B'])
      expect((await send('PATCH', `/admin/behovsgrupper/${code}`, { label: 'Nytt' })).status).toBe(404);
    // studier_pa_distans exists only in förbund A.
    expect(
      (await send('PATCH', '/admin/behovsgrupper/studier_pa_distans', { retired: true }, otherAdmin)).status,
    ).toBe(404);
    expect((await groups(otherAdmin)).map((g) => g.code)).not.toContain('studier_pa_distans');
    expect(await forbundRow(server.forbund.id)).toEqual(before);
  });
});

describe('behovsgrupper under repeated and many requests', () => {
  it('the same new name sent five times at once makes one group; the list stops at its maximum', async () => {
    const third = await server.addForbund('Tredje förbundet');
    const thirdAdmin = await token(await third.createHandlaggare({ role: 'admin', enheter: [] }));
    const label = 'Samma namn fem gånger';
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => send('POST', '/admin/behovsgrupper', { label }, thirdAdmin)),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    const list = async () =>
      BehovsgrupperResponse.parse(
        await (await send('GET', '/admin/behovsgrupper', undefined, thirdAdmin)).json(),
      ).behovsgrupper;
    expect((await list()).filter((g) => g.label === label)).toHaveLength(1);
    // Fill up to the maximum (retired groups count too), then one more is refused and not stored.
    const have = (await list()).length;
    for (let i = have; i < BEHOVSGRUPPER_MAX; i++)
      expect((await send('POST', '/admin/behovsgrupper', { label: `Grupp ${i}` }, thirdAdmin)).status).toBe(
        201,
      );
    const full = await list();
    expect(full).toHaveLength(BEHOVSGRUPPER_MAX);
    const over = await send('POST', '/admin/behovsgrupper', { label: 'En för mycket' }, thirdAdmin);
    expect(over.status).toBe(409);
    expect(((await over.json()) as { error: { code: string } }).error.code).toBe('for_manga');
    expect(await list()).toEqual(full);
    // None of it reached the other förbund.
    const others = BehovsgrupperResponse.parse(
      await (await send('GET', '/admin/behovsgrupper', undefined, otherAdmin)).json(),
    ).behovsgrupper;
    expect(others.some((g) => g.label === label)).toBe(false);
  });
});
