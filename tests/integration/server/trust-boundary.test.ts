/**
 * The push at the trust boundary: one id form, text the database cannot store, a mutation sent
 * twice in one batch, answers without record content, and what is kept for a resend. Each case
 * is answered per mutation (never a 5xx, never the whole batch), and the rest of the batch and the
 * device's later pushes go on as documented.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityName } from '../../../src/domain/entities';
import type { Mutation, MutationResult } from '../../../src/domain/sync-protocol';
import { createBatch } from '../../../src/server/services/batch';
import { trepartssamtal } from '../../helpers/casework';
import { createTestServer, type TestAccount, type TestServer } from '../../helpers/server';
import { device, json, newArende } from './support';

let server: TestServer;
let account: TestAccount;
let nor: string;

beforeAll(async () => {
  server = await createTestServer();
  account = await server.createHandlaggare({ enheter: ['NOR'] });
  nor = server.enheter.find((e) => e.kod === 'NOR')?.id ?? '';
}, 60_000);
afterAll(() => server.close());

async function signIn() {
  const dev = device(server, (await server.login(account.username, account.password)).token);
  const of = (entity: EntityName, id: string, changes: object, base: number | null): Mutation => ({
    ...dev.mutation(id, changes as Record<string, unknown>, base),
    entity,
  });
  return { ...dev, of };
}

const codeOf = (r: MutationResult | undefined) => (r?.status === 'rejected' ? r.error.code : r?.status);

async function recordRow(id: string) {
  const { rows } = await server.sql.query<{ entity: string; version: number; data: Record<string, unknown> }>(
    'select entity, version, data from record where id = $1',
    [id],
  );
  return rows[0];
}

async function auditOf(recordId: string) {
  const { rows } = await server.sql.query<{
    action: string;
    reason: string | null;
    device_id: string | null;
  }>('select action, reason, device_id from audit_event where record_id = $1 order by id', [recordId]);
  return rows;
}

describe('one id form', () => {
  it('refuses an existing id in upper case or another spelling per mutation, audits it, and changes nothing', async () => {
    const dev = await signIn();
    const id = randomUUID();
    await dev.push([dev.of('arende', id, newArende(nor, account.user.id), null)]);
    const before = await recordRow(id);
    const spellings = [id.toUpperCase(), `{${id}}`, id.replaceAll('-', ''), `urn:uuid:${id}`];
    const res = await dev.push([
      ...spellings.map((s) => dev.of('arende', s, newArende(nor, account.user.id), null)),
      dev.of('arende', id, { kon: 'kvinna' }, 1),
    ]);
    expect(res.results.map(codeOf)).toEqual([...spellings.map(() => 'ogiltigt_id'), 'applied']);
    expect(res.results[0]?.status === 'rejected' && res.results[0].error.message).toMatch(/små bokstäver/);
    expect((await recordRow(id))?.data).toEqual({
      ...before?.data,
      kon: 'kvinna',
      version: 2,
      updatedAt: expect.any(String),
    });
    // Each refusal names the record it was aimed at, in its one form.
    expect((await auditOf(id)).filter((a) => a.action === 'refused')).toEqual(
      spellings.map(() => ({ action: 'refused', reason: 'ogiltigt_id', device_id: dev.deviceId })),
    );
  });

  it('refuses an id in another form inside the changes (arendeId, moteId) per mutation', async () => {
    const dev = await signIn();
    const arendeId = randomUUID();
    await dev.push([dev.of('arende', arendeId, newArende(nor, account.user.id), null)]);
    const res = await dev.push([
      dev.of('mote', randomUUID(), { ...trepartssamtal(), arendeId: arendeId.toUpperCase() }, null),
      dev.of('mote', randomUUID(), { ...trepartssamtal(), arendeId: '-'.repeat(36) }, null),
      dev.of('atgard', randomUUID(), { arendeId, moteId: 'x'.repeat(36) }, null),
      dev.of('mote', randomUUID(), { ...trepartssamtal(), arendeId }, null),
    ]);
    expect(res.results.map(codeOf)).toEqual([
      'ogiltiga_uppgifter',
      'ogiltiga_uppgifter',
      'ogiltiga_uppgifter',
      'applied',
    ]);
    expect(res.results[0]?.status === 'rejected' && res.results[0].error.fields?.arendeId).toMatch(
      /små bokstäver/,
    );
  });

  it('never turns a mutation into a create of a row that exists: another kind under the same id is refused', async () => {
    const dev = await signIn();
    const id = randomUUID();
    await dev.push([dev.of('arende', id, newArende(nor, account.user.id), null)]);
    const before = await recordRow(id);
    const res = await dev.push([
      dev.of('mote', id, { ...trepartssamtal(), arendeId: id }, null),
      dev.of('konsultationsmote', id, {}, null),
      dev.of('arende', id, newArende(nor, account.user.id), null),
    ]);
    expect(res.results.map(codeOf)).toEqual(['id_upptaget', 'ej_behorig', 'finns_redan']);
    expect(await recordRow(id)).toEqual(before);
    const { rows } = await server.sql.query('select 1 from record where id = $1', [id]);
    expect(rows).toHaveLength(1);
  });
});

describe('the record write itself', () => {
  it('cannot overwrite a row that is not as it was read: another förbund’s, another enhet’s, or a newer version', async () => {
    const dev = await signIn();
    const id = randomUUID();
    await dev.push([dev.of('arende', id, newArende(nor, account.user.id), null)]);
    const stored = await recordRow(id);
    const other = await server.addForbund('Annat förbund');
    const ske = server.enheter.find((e) => e.kod === 'SKE')?.id ?? '';
    // Each: what the batch writes, and what happens to the row between its read and the write.
    const attempts = [
      // As if it were new (never read): an insert over an existing id.
      { forbundId: server.forbund.id, version: 1, read: false, meanwhile: null },
      // Read, then written as another förbund's.
      { forbundId: other.forbund.id, version: 2, read: true, meanwhile: null },
      // Read at version 1, but the row moved on to version 2 (or to another enhet) meanwhile.
      {
        forbundId: server.forbund.id,
        version: 2,
        read: true,
        meanwhile: `update record set version = 2, data = jsonb_set(data, '{version}', '2') where id = $1`,
      },
      {
        forbundId: server.forbund.id,
        version: 2,
        read: true,
        meanwhile: `update record set enhet_id = '${ske}' where id = $1`,
      },
    ];
    for (const a of attempts) {
      const write = server.sql.transaction(async (tx) => {
        const batch = await createBatch(
          tx,
          { forbundId: a.forbundId, userId: account.user.id, deviceId: dev.deviceId, now: new Date() },
          [],
        );
        if (a.read) await batch.loadAny(id);
        if (a.meanwhile) await tx.query(a.meanwhile, [id]);
        batch.save({
          entity: 'arende',
          id,
          forbundId: a.forbundId,
          enhetId: nor,
          data: { ...stored?.data, anteckningar: 'Överskrivet', version: a.version, forbundId: a.forbundId },
          version: a.version,
          fieldVersions: {},
          fieldWriters: {},
        });
        await batch.flush({ lastSeq: 0, pruneBelow: 0 });
      });
      await expect(write).rejects.toThrow();
      expect(await recordRow(id)).toEqual(stored);
    }
  });
});

describe('text the database cannot store', () => {
  const poisons = ['nolltecken \u0000 i texten', 'ensam \ud800 surrogat', 'omvänd \udc00\ud800 ordning'];

  it('refuses NUL and lone surrogates per mutation with a Swedish reason; the rest of the batch and later pushes go on', async () => {
    const dev = await signIn();
    const ok = randomUUID();
    const res = await dev.push([
      ...poisons.map((p) =>
        dev.of('arende', randomUUID(), newArende(nor, account.user.id, { anteckningar: p }), null),
      ),
      dev.of('arende', randomUUID(), { ...newArende(nor, account.user.id), 'fält\u0000': 1 }, null),
      dev.of('arende', ok, newArende(nor, account.user.id), null),
    ]);
    expect(res.results.map(codeOf)).toEqual([
      'ogiltig_text',
      'ogiltig_text',
      'ogiltig_text',
      'ogiltig_text',
      'applied',
    ]);
    const first = res.results[0];
    expect(first?.status === 'rejected' && first.error.fields).toEqual({
      anteckningar: expect.stringMatching(/tecken som inte kan sparas/),
    });
    // The key itself could not be stored: the refusal is about the record as a whole.
    expect(res.results[3]?.status === 'rejected' && Object.keys(res.results[3].error.fields ?? {})).toEqual([
      '_',
    ]);
    expect(res.lastSeq).toBe(5);
    expect(await recordRow(ok)).toBeDefined();
    // The device syncs on.
    const next = await dev.push([dev.of('arende', ok, { kon: 'man' }, 1)]);
    expect(next.results.map(codeOf)).toEqual(['applied']);
  });

  it('answers 400 (never 500) for such text in a sign-in, an admin body or a round', async () => {
    const admin = await server.createHandlaggare({ enheter: [], role: 'admin' });
    const { token } = await server.login(admin.username, admin.password);
    for (const [path, body, auth] of [
      ['/api/sessions', { username: 'handlaggare\u0000', password: 'ett-langt-testlosenord' }, undefined],
      ['/api/sessions', { username: 'x', password: 'lösen\ud800ord-som-är-långt' }, undefined],
      ['/api/admin/enheter', { namn: 'Enhet \udfff', kod: 'NUL' }, token],
      [
        '/api/admin/users',
        { username: 'ny', displayName: 'Namn\u0000', role: 'admin', enhetIds: [], password: 'x' },
        token,
      ],
    ] as const) {
      const res = await server.fetch(path, json(body, auth));
      expect(res.status, path).toBe(400);
      expect(await res.json()).toMatchObject({
        error: { code: 'ogiltig_text', message: expect.any(String) },
      });
    }
  });
});

describe('the same answers for a batch sent again', () => {
  it('answers a mutation sent twice in one batch the same both times, and the whole batch byte for byte on resend', async () => {
    const dev = await signIn();
    const id = randomUUID();
    const create = dev.of('arende', id, newArende(nor, account.user.id), null);
    const edit = dev.of('arende', id, { kon: 'kvinna' }, 1);
    const refused = dev.of('arende', randomUUID(), { kon: 'man' }, 1);
    const batch = [create, create, edit, refused, edit, create];
    const first = await dev.pushRaw(batch);
    expect(first.status).toBe(200);
    const text = await first.text();
    const again = await (await dev.pushRaw(batch)).text();
    expect(again).toBe(text);
    const { results } = JSON.parse(text) as { results: MutationResult[] };
    expect(results.map(codeOf)).toEqual([
      'applied',
      'applied',
      'applied',
      'finns_inte',
      'applied',
      'applied',
    ]);
    expect(results[1]).toEqual(results[0]);
    expect(results[4]).toEqual(results[2]);
    expect((await recordRow(id))?.version).toBe(2);
  });

  it('keeps no record content for a resend, and the answers hold none either', async () => {
    const dev = await signIn();
    const id = randomUUID();
    const note = `Anteckning ${randomUUID()}`;
    const res = await dev.pushRaw([
      dev.of('arende', id, newArende(nor, account.user.id, { anteckningar: note }), null),
      dev.of('mote', randomUUID(), { ...trepartssamtal({ anteckningar: note }), arendeId: id }, null),
      dev.of(
        'arende',
        randomUUID(),
        newArende(nor, account.user.id, { anteckningar: note, manaderAv12: 99 }),
        null,
      ),
    ]);
    const answer = await res.text();
    expect(answer).not.toContain(note);
    expect(answer).not.toContain('NOR-');
    const { rows } = await server.sql.query('select * from applied_mutation where device_id = $1', [
      dev.deviceId,
    ]);
    expect(rows).toHaveLength(3);
    expect(JSON.stringify(rows)).not.toContain(note);
    expect(JSON.stringify(rows)).not.toContain('NOR-');
  });
});

describe('what is kept for a resend', () => {
  const kept = async (deviceId: string) =>
    (
      await server.sql.query<{ seq: number }>(
        'select seq::int as seq from applied_mutation where device_id = $1 order by seq',
        [deviceId],
      )
    ).rows.map((r) => r.seq);

  it('forgets the answers below the lowest sequence a device sends, and still answers a resend of what it kept', async () => {
    const dev = await signIn();
    const id = randomUUID();
    const first = [
      dev.of('arende', id, newArende(nor, account.user.id), null),
      dev.of('arende', id, { kon: 'man' }, 1),
    ];
    await dev.push(first);
    expect(await kept(dev.deviceId)).toEqual([1, 2]);
    const second = [
      dev.of('arende', id, { kon: 'kvinna' }, 2),
      dev.of('arende', id, { sgi: 'nollplacerad' }, 3),
    ];
    const answered = await dev.pushRaw(second);
    const text = await answered.text();
    // The device sent 3 onward: it has the answers to 1 and 2, which are gone from the server.
    expect(await kept(dev.deviceId)).toEqual([3, 4]);
    // Its reply was lost: the resend (after any time offline) gets the same answers.
    expect(await (await dev.pushRaw(second)).text()).toBe(text);
    expect(await kept(dev.deviceId)).toEqual([3, 4]);
  });

  it('deletes what it kept for a device when an admin revokes the device', async () => {
    const dev = await signIn();
    await dev.push([dev.of('arende', randomUUID(), newArende(nor, account.user.id), null)]);
    expect(await kept(dev.deviceId)).toEqual([1]);
    const admin = await server.createHandlaggare({ enheter: [], role: 'admin' });
    const { token } = await server.login(admin.username, admin.password);
    const res = await server.fetch(`/api/admin/devices/${dev.deviceId}/revoke`, json({}, token));
    expect(res.status).toBe(204);
    expect(await kept(dev.deviceId)).toEqual([]);
  });
});
