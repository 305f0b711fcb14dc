import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Arende } from '../../../src/domain/arende';
import { expandRecord } from '../../../src/domain/compact-record';
import { ApiErrorResponse, PullResponse, PushResponse } from '../../../src/domain/sync-protocol';
import { createTestServer, type TestAccount, type TestServer } from '../../helpers/server';
import { device, fictitiousPersonnummer, json, newArende } from './support';

let server: TestServer;
let account: TestAccount;
let nor: string;

beforeAll(async () => {
  server = await createTestServer();
  account = await server.createHandlaggare({ enheter: ['NOR'] });
  nor = server.enheter.find((e) => e.kod === 'NOR')?.id ?? '';
}, 60_000);
afterAll(() => server.close());

async function newDevice() {
  const { token } = await server.login(account.username, account.password);
  return device(server, token);
}

async function storedRecord(id: string) {
  const { rows } = await server.sql.query<{ version: number; data: Record<string, unknown> }>(
    'select version, data from record where id = $1',
    [id],
  );
  return rows[0];
}

describe('push', () => {
  it('creates an ärende with server fields filled in, and a pull returns it', async () => {
    const dev = await newDevice();
    const id = randomUUID();
    const changes = newArende(nor, account.user.id);
    const res = PushResponse.parse(await dev.push([dev.mutation(id, changes, null)]));
    expect(res.lastSeq).toBe(1);
    const result = res.results[0];
    expect(result?.status).toBe('applied');
    if (result?.status !== 'applied') return;
    expect(result).toEqual({
      status: 'applied',
      id: result.id,
      seq: 1,
      recordId: id,
      version: 1,
      conflicts: [],
    });

    const pulled = PullResponse.parse(await dev.pull());
    const mine = pulled.changes.find((c) => c.record.id === id);
    expect(mine?.entity).toBe('arende');
    // Pages carry records compact (no forbundId, no nulls): expanded, it is the same record.
    expect(Arende.parse(expandRecord('arende', mine?.record ?? {}, pulled.forbundId))).toMatchObject({
      id,
      forbundId: server.forbund.id,
      code: changes.code,
      version: 1,
    });
  });

  it('applies a batch sent twice only once and answers it identically', async () => {
    const dev = await newDevice();
    const id = randomUUID();
    const batch = [
      dev.mutation(id, newArende(nor, account.user.id), null),
      dev.mutation(id, { kon: 'kvinna' }, 1),
      dev.mutation(id, { anteckningar: 'Första trepartssamtalet är bokat.' }, 2),
    ];
    const first = await dev.push(batch);
    const second = await dev.push(batch);
    expect(second).toEqual(first);
    expect(first.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    expect(first.lastSeq).toBe(3);
    const { rows } = await server.sql.query('select 1 from record where id = $1', [id]);
    expect(rows).toHaveLength(1);
    expect((await storedRecord(id))?.version).toBe(3);
  });

  it('answers an already applied part of a batch from memory and applies the new part', async () => {
    const dev = await newDevice();
    const id = randomUUID();
    const m1 = dev.mutation(id, newArende(nor, account.user.id), null);
    const m2 = dev.mutation(id, { sgi: 'har' }, 1);
    const first = await dev.push([m1]);
    const second = await dev.push([m1, m2]);
    expect(second.results[0]).toEqual(first.results[0]);
    expect(second.results[1]?.status).toBe('applied');
    expect(second.lastSeq).toBe(2);
  });

  it('refuses a batch that starts after a gap in the sequence with 409 and the last applied sequence', async () => {
    const dev = await newDevice();
    const id = randomUUID();
    await dev.push([dev.mutation(id, newArende(nor, account.user.id), null)]);
    dev.mutation(id, { kon: 'man' }, 1); // seq 2, never sent
    const res = await dev.pushRaw([dev.mutation(id, { kon: 'annat' }, 1)]);
    expect(res.status).toBe(409);
    const body = await res.json();
    expect(ApiErrorResponse.parse(body).error.code).toBe('sekvens_lucka');
    expect(body.lastSeq).toBe(1);
    expect((await storedRecord(id))?.version).toBe(1);
  });

  it('stops at a gap inside a batch and reports how far it got', async () => {
    const dev = await newDevice();
    const id = randomUUID();
    const m1 = dev.mutation(id, newArende(nor, account.user.id), null);
    dev.mutation(id, { kon: 'man' }, 1); // seq 2 missing from the batch
    const m3 = dev.mutation(id, { kon: 'kvinna' }, 1);
    const res = await dev.push([m1, m3]);
    expect(res.results.map((r) => r.seq)).toEqual([1]);
    expect(res.lastSeq).toBe(1);
  });

  it('refuses notes with a personnummer in Swedish, stores nothing of them, and applies what follows', async () => {
    const dev = await newDevice();
    const id = randomUUID();
    const res = await dev.push([
      dev.mutation(id, newArende(nor, account.user.id), null),
      dev.mutation(id, { anteckningar: `Deltagaren har pnr ${fictitiousPersonnummer()}.` }, 1),
      dev.mutation(id, { barnIHushallet: 'ja' }, 1),
    ]);
    expect(res.lastSeq).toBe(3);
    const rejected = res.results[1];
    expect(rejected?.status).toBe('rejected');
    if (rejected?.status !== 'rejected') return;
    expect(rejected.error.code).toBe('ogiltiga_uppgifter');
    expect(rejected.error.fields?.anteckningar).toMatch(
      /^Fältet Anteckningar innehåller något som ser ut som ett personnummer \(tecken 20–32\)\./,
    );
    expect(rejected.error.message).toBe(rejected.error.fields?.anteckningar);
    expect(res.results[2]?.status).toBe('applied');
    const stored = await storedRecord(id);
    expect(stored?.data.anteckningar).toBe('');
    expect(stored?.data.barnIHushallet).toBe('ja');
    const audit = await server.sql.query('select 1 from audit_event where fields::text like $1', ['%1890%']);
    expect(audit.rows).toHaveLength(0);
  });

  it('refuses an ärende created with an e-mail address in its notes', async () => {
    const dev = await newDevice();
    const id = randomUUID();
    const res = await dev.push([
      dev.mutation(
        id,
        newArende(nor, account.user.id, { anteckningar: 'Nås på testperson@exempel.se' }),
        null,
      ),
    ]);
    const r = res.results[0];
    expect(r?.status === 'rejected' && r.error.fields?.anteckningar).toMatch(/en e-postadress/);
    expect(await storedRecord(id)).toBeUndefined();
  });

  it('refuses a field the ärende does not have, naming it', async () => {
    const dev = await newDevice();
    const id = randomUUID();
    const res = await dev.push([
      dev.mutation(id, { ...newArende(nor, account.user.id), personnummer: 'x' }, null),
    ]);
    const r = res.results[0];
    expect(r?.status).toBe('rejected');
    if (r?.status !== 'rejected') return;
    expect(r.error.code).toBe('okant_falt');
    expect(Object.keys(r.error.fields ?? {})).toEqual(['personnummer']);
    expect(await storedRecord(id)).toBeUndefined();
  });

  it('refuses server-owned fields such as version in the changes', async () => {
    const dev = await newDevice();
    const id = randomUUID();
    const res = await dev.push([dev.mutation(id, { ...newArende(nor, account.user.id), version: 99 }, null)]);
    expect(res.results[0]?.status === 'rejected' && res.results[0].error.code).toBe('okant_falt');
  });

  it('refuses a merged record that breaks a cross-field rule', async () => {
    const dev = await newDevice();
    const id = randomUUID();
    const res = await dev.push([
      dev.mutation(id, newArende(nor, account.user.id), null),
      dev.mutation(id, { status: 'avslutad' }, 1),
    ]);
    const r = res.results[1];
    expect(r?.status).toBe('rejected');
    if (r?.status !== 'rejected') return;
    expect(r.error.fields).toMatchObject({ avslutsdatum: 'Ange avslutsdatum för ett avslutat ärende.' });
  });

  it('refuses a second ärende with a code already used in the förbund', async () => {
    const dev = await newDevice();
    const first = newArende(nor, account.user.id);
    const res = await dev.push([
      dev.mutation(randomUUID(), first, null),
      dev.mutation(randomUUID(), newArende(nor, account.user.id, { code: first.code }), null),
    ]);
    const r = res.results[1];
    expect(r?.status).toBe('rejected');
    if (r?.status !== 'rejected') return;
    expect(r.error.code).toBe('kod_upptagen');
    // The answer (kept for a resend) names no code: it holds no record content.
    expect(r.error.message).toBe('Koden används redan i förbundet. Ge ärendet en ny kod.');
    expect(JSON.stringify(res)).not.toContain(first.code);
  });

  it('refuses a code that an earlier push of another device already used', async () => {
    const first = newArende(nor, account.user.id);
    const earlier = await newDevice();
    await earlier.push([earlier.mutation(randomUUID(), first, null)]);
    const dev = await newDevice();
    const res = await dev.push([
      dev.mutation(randomUUID(), newArende(nor, account.user.id, { code: first.code }), null),
    ]);
    const r = res.results[0];
    expect(r?.status === 'rejected' && r.error.code).toBe('kod_upptagen');
  });

  it('does not let the code of an ärende change after it was created', async () => {
    const dev = await newDevice();
    const id = randomUUID();
    const res = await dev.push([
      dev.mutation(id, newArende(nor, account.user.id, { code: 'NOR-AAAA' }), null),
      dev.mutation(id, { code: 'NOR-BBBB' }, 1),
    ]);
    expect(res.results[1]?.status === 'rejected' && Object.keys(res.results[1].error.fields ?? {})).toEqual([
      'code',
    ]);
  });

  it('refuses creating an ärende whose id already exists, and editing one that does not', async () => {
    const dev = await newDevice();
    const id = randomUUID();
    const res = await dev.push([
      dev.mutation(id, newArende(nor, account.user.id), null),
      dev.mutation(id, newArende(nor, account.user.id), null),
      dev.mutation(randomUUID(), { kon: 'man' }, 1),
    ]);
    expect(res.results.map((r) => (r.status === 'rejected' ? r.error.code : r.status))).toEqual([
      'applied',
      'finns_redan',
      'finns_inte',
    ]);
  });

  it('refuses a behovsgrupp that is not in the förbund’s list', async () => {
    const dev = await newDevice();
    const id = randomUUID();
    const res = await dev.push([
      dev.mutation(id, newArende(nor, account.user.id, { behovsgrupp: 'skyddat_arbete' }), null),
      dev.mutation(id, { behovsgrupp: 'finns_inte' }, 1),
    ]);
    expect(res.results.map((r) => r.status)).toEqual(['applied', 'rejected']);
  });

  it('refuses a malformed envelope with 400 in Swedish and changes nothing', async () => {
    const { token } = await server.login(account.username, account.password);
    const before = await server.sql.query('select 1 from device');
    const res = await server.fetch(
      '/api/sync/push',
      json({ deviceId: 'inte-ett-uuid', mutations: [] }, token),
    );
    expect(res.status).toBe(400);
    const body = ApiErrorResponse.parse(await res.json());
    expect(body.error.message).toBe('Synkdata har fel form och togs inte emot. Inget har ändrats.');
    expect(Object.keys(body.error.fields ?? {})).toEqual(expect.arrayContaining(['deviceId', 'mutations']));
    expect((await server.sql.query('select 1 from device')).rows).toHaveLength(before.rows.length);
  });

  it('answers a body that is not JSON with 400 in Swedish', async () => {
    const { token } = await server.login(account.username, account.password);
    const res = await server.fetch('/api/sync/push', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: '{"deviceId": ',
    });
    expect(res.status).toBe(400);
    expect(ApiErrorResponse.parse(await res.json()).error).toEqual({
      code: 'ogiltig_json',
      message: 'Begäran kunde inte läsas: innehållet är inte giltig JSON. Inget har ändrats.',
    });
  });

  it('records who changed which fields in the audit log, never the values', async () => {
    const dev = await newDevice();
    const id = randomUUID();
    await dev.push([
      dev.mutation(id, newArende(nor, account.user.id), null),
      dev.mutation(id, { anteckningar: 'Samtal om praktikplats.' }, 1),
    ]);
    const { rows } = await server.sql.query<{ action: string; user_id: string; fields: string[] }>(
      'select action, user_id, fields from audit_event where record_id = $1 order by id',
      [id],
    );
    expect(rows.map((r) => r.action)).toEqual(['create', 'update']);
    expect(rows[1]).toMatchObject({ user_id: account.user.id, fields: ['anteckningar'] });
    expect(JSON.stringify(rows)).not.toContain('praktikplats');
  });
});
