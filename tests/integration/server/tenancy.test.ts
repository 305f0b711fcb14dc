/**
 * A user of förbund A against förbund B's records: reading, changing and pulling are refused,
 * nothing of B changes, and every attempt is in A's audit log as 'refused'.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditPage } from '../../../src/domain/admin';
import type { EntityName } from '../../../src/domain/entities';
import { INSTRUMENT_VERSION } from '../../../src/domain/instrument';
import type { Mutation, MutationResult } from '../../../src/domain/sync-protocol';
import { trepartssamtal } from '../../helpers/casework';
import { createTestServer, type TestAccount, type TestServer, type TestTenant } from '../../helpers/server';
import { bearer, device, newArende } from './support';

let server: TestServer;
let b: TestTenant;
let userA: TestAccount;
let adminA: TestAccount;
let userB: TestAccount;
let arendeB: string;
let moteB: string;

beforeAll(async () => {
  server = await createTestServer();
  b = await server.addForbund('Förbund B');
  // Same enhet codes in both förbund (NOR, SKE): isolation must not lean on codes.
  userA = await server.createHandlaggare({ enheter: ['NOR', 'SKE'] });
  adminA = await server.createHandlaggare({ enheter: [], role: 'admin' });
  userB = await b.createHandlaggare({ enheter: ['NOR'] });
  const devB = await signIn(userB);
  arendeB = randomUUID();
  moteB = randomUUID();
  const res = await devB.push([
    devB.of('arende', arendeB, newArende(b.enheter[0]?.id ?? '', userB.user.id), null),
    devB.of('mote', moteB, { ...trepartssamtal(), arendeId: arendeB }, null),
  ]);
  expect(res.results.map((r) => r.status)).toEqual(['applied', 'applied']);
}, 60_000);
afterAll(() => server.close());

async function signIn(a: TestAccount) {
  const dev = device(server, (await server.login(a.username, a.password)).token);
  const of = (entity: EntityName, id: string, changes: object, base: number | null): Mutation => ({
    ...dev.mutation(id, changes as Record<string, unknown>, base),
    entity,
  });
  return { ...dev, of };
}

const codeOf = (r: MutationResult | undefined) => (r?.status === 'rejected' ? r.error.code : r?.status);

async function snapshotB() {
  const { rows } = await server.sql.query(
    'select entity, id, version, data, change_seq::text from record where forbund_id = $1 order by id',
    [b.forbund.id],
  );
  const responses = await server.sql.query('select * from survey_response where forbund_id = $1', [
    b.forbund.id,
  ]);
  return JSON.stringify([rows, responses.rows]);
}

async function refusedAudit() {
  const { token } = await server.login(adminA.username, adminA.password);
  const page = AuditPage.parse(
    await (await server.fetch('/api/admin/audit?limit=200', bearer(token))).json(),
  );
  return page.events.filter((e) => e.action === 'refused');
}

describe('förbund A against förbund B', () => {
  it('cannot change B’s ärende or case work, nor create under B’s ids; nothing of B changes and each attempt is audited', async () => {
    const before = await snapshotB();
    const refusedBefore = (await refusedAudit()).length;
    const dev = await signIn(userA);
    const ownEnhet = server.enheter[0]?.id ?? '';
    const res = await dev.push([
      dev.of('arende', arendeB, { kon: 'man' }, 1),
      dev.of('arende', arendeB, newArende(ownEnhet, userA.user.id), null),
      dev.of('arende', randomUUID(), newArende(b.enheter[0]?.id ?? '', userA.user.id), null),
      dev.of('mote', moteB, { anteckningar: 'Ändrat från ett annat förbund.' }, 1),
      dev.of('mote', randomUUID(), { ...trepartssamtal(), arendeId: arendeB }, null),
      dev.of(
        'response',
        randomUUID(),
        {
          formId: 'F-D-UNDER',
          instrumentVersion: INSTRUMENT_VERSION,
          arendeId: arendeB,
          answeredWith: 'sjalv',
          answers: { M01: 3 },
          submittedAt: '2026-05-01T10:00:00.000Z',
        },
        null,
      ),
    ]);
    expect(res.results.map(codeOf)).toEqual([
      'ej_behorig',
      // A create under B's id is refused the same way as an edit: A learns nothing more.
      'ej_behorig',
      'ej_behorig',
      'ej_behorig',
      'ej_behorig',
      'ej_behorig',
    ]);
    for (const r of res.results) {
      if (r.status === 'rejected') expect(JSON.stringify(r.error)).not.toContain(userB.user.id);
    }
    expect(await snapshotB()).toBe(before);
    const all = await refusedAudit();
    const refused = all.slice(0, all.length - refusedBefore);
    expect(refused.map((e) => [e.username, e.entity, e.recordId]).reverse()).toEqual([
      [userA.username, 'arende', arendeB],
      [userA.username, 'arende', arendeB],
      [userA.username, 'arende', res.results[2]?.recordId],
      [userA.username, 'mote', moteB],
      [userA.username, 'mote', res.results[4]?.recordId],
      [userA.username, 'response', res.results[5]?.recordId],
    ]);
    expect(refused.every((e) => e.deviceId === dev.deviceId)).toBe(true);
  });

  it('pulls none of B’s records, from the beginning, over every page', async () => {
    const dev = await signIn(userA);
    const own = randomUUID();
    await dev.push([dev.of('arende', own, newArende(server.enheter[0]?.id ?? '', userA.user.id), null)]);
    const seen: string[] = [];
    let cursor = '0';
    for (;;) {
      const page = await dev.pull(cursor, 1);
      seen.push(...page.changes.map((c) => String(c.record.id)));
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    expect(seen).toContain(own);
    expect(seen).not.toContain(arendeB);
    expect(seen).not.toContain(moteB);
  });

  it('cannot read B’s colleagues through B’s enhet; the attempt is audited', async () => {
    const { token } = await server.login(userA.username, userA.password);
    const enhetB = b.enheter[0]?.id ?? '';
    const res = await server.fetch(`/api/enheter/${enhetB}/handlaggare`, bearer(token));
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain(userB.username);
    const [latest] = await refusedAudit();
    expect(latest).toMatchObject({ username: userA.username, entity: 'enhet', recordId: enhetB });
  });

  it('keeps A’s refusals out of B’s audit log', async () => {
    const adminB = await b.createHandlaggare({ enheter: [], role: 'admin' });
    const { token } = await server.login(adminB.username, adminB.password);
    const page = AuditPage.parse(
      await (await server.fetch('/api/admin/audit?limit=200', bearer(token))).json(),
    );
    expect(page.events.map((e) => e.userId)).not.toContain(userA.user.id);
    expect(page.events.filter((e) => e.action === 'refused')).toEqual([]);
  });
});
