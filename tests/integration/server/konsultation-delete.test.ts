/**
 * Correcting and deleting a konsultationsteam case summary on the real server. A deletion is a
 * mutation like any other (once, in order, audited with the id only); it wins over an edit made
 * meanwhile; other kinds cannot be deleted; nobody outside the förbund's koordinatorer can.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTITIES, ENTITY_NAMES, type EntityName } from '../../../src/domain/entities';
import type { Mutation, MutationResult } from '../../../src/domain/sync-protocol';
import { konsultationsfall, konsultationsmote } from '../../helpers/konsultation';
import { createTestServer, type TestAccount, type TestServer, type TestTenant } from '../../helpers/server';
import { device, newArende } from './support';

let server: TestServer;
let other: TestTenant;
let koordinator: TestAccount;
let colleague: TestAccount;
let foreignKoordinator: TestAccount;
let handlaggare: TestAccount;

beforeAll(async () => {
  server = await createTestServer();
  other = await server.addForbund('Annat förbund');
  koordinator = await server.createHandlaggare({ enheter: ['NOR'], role: 'koordinator' });
  colleague = await server.createHandlaggare({ enheter: ['SKE'], role: 'koordinator' });
  foreignKoordinator = await other.createHandlaggare({ enheter: ['NOR'], role: 'koordinator' });
  handlaggare = await server.createHandlaggare({ enheter: ['NOR'] });
}, 60_000);
afterAll(() => server.close());

async function signIn(a: TestAccount) {
  const dev = device(server, (await server.login(a.username, a.password)).token);
  const of = (entity: EntityName, id: string, changes: object, base: number | null = null): Mutation => ({
    ...dev.mutation(id, changes as Record<string, unknown>, base),
    entity,
  });
  const del = (entity: EntityName, id: string, base: number | null = 1): Mutation => ({
    ...of(entity, id, {}, base),
    delete: true,
  });
  return { ...dev, of, del };
}
type Dev = Awaited<ReturnType<typeof signIn>>;
const codes = (rs: MutationResult[]) => rs.map((r) => (r.status === 'applied' ? 'applied' : r.error.code));
const exists = async (id: string) =>
  (await server.sql.query('select 1 from record where id = $1', [id])).rows.length === 1;
const dataOf = async (id: string) =>
  (await server.sql.query<{ data: Record<string, unknown> }>('select data from record where id = $1', [id]))
    .rows[0]?.data;

async function meetingWithCase(dev: Dev) {
  const moteId = randomUUID();
  const fallId = randomUUID();
  const res = await dev.push([
    dev.of('konsultationsmote', moteId, konsultationsmote()),
    dev.of('konsultationsfall', fallId, konsultationsfall(moteId)),
  ]);
  expect(codes(res.results)).toEqual(['applied', 'applied']);
  return { moteId, fallId };
}

describe('a konsultationsteam case summary', () => {
  it('is corrected in place by any koordinator of the förbund', async () => {
    const { fallId } = await meetingWithCase(await signIn(koordinator));
    const dev = await signIn(colleague);
    const res = await dev.push([
      dev.of('konsultationsfall', fallId, { rad: 'Rättat: boka möte med FK.' }, 1),
    ]);
    expect(codes(res.results)).toEqual(['applied']);
    expect(await dataOf(fallId)).toMatchObject({ rad: 'Rättat: boka möte med FK.', version: 2, nr: 1 });
  });

  it('is deleted from the server, audited by id only, and a resent or repeated deletion changes nothing', async () => {
    const dev = await signIn(koordinator);
    const { moteId, fallId } = await meetingWithCase(dev);
    const batch = [dev.del('konsultationsfall', fallId)];
    const first = await dev.push(batch);
    expect(codes(first.results)).toEqual(['applied']);
    expect(await exists(fallId)).toBe(false);
    expect(await exists(moteId)).toBe(true);
    expect(await dev.push(batch)).toEqual(first);
    const again = await dev.push([dev.del('konsultationsfall', fallId)]);
    expect(codes(again.results)).toEqual(['applied']);
    const audit = await server.sql.query<{ entity: string; fields: unknown }>(
      `select entity, fields from audit_event where action = 'delete' and record_id = $1`,
      [fallId],
    );
    expect(audit.rows).toEqual([{ entity: 'konsultationsfall', fields: null }]);
    const { rows } = await server.sql.query('select * from applied_mutation where device_id = $1', [
      dev.deviceId,
    ]);
    expect(JSON.stringify(rows)).not.toContain('Långvarigt försörjningsstöd');
  });

  it('deleted, leaves the devices of the förbund’s other koordinatorer at their next pull (and no other förbund’s)', async () => {
    const one = await signIn(koordinator);
    const two = await signIn(colleague);
    const foreign = await signIn(foreignKoordinator);
    const { moteId, fallId } = await meetingWithCase(one);
    const feed = async (d: Dev, cursor: string) => {
      const changes: string[] = [];
      const removals: { entity: string; id: string }[] = [];
      for (let at = cursor; ; ) {
        const page = await d.pull(at, 1000, { device: d.deviceId });
        changes.push(...page.changes.map((c) => String(c.record.id)));
        removals.push(...page.removals);
        at = page.cursor;
        if (!page.hasMore) return { changes, removals, cursor: at };
      }
    };
    const held = await feed(two, '0');
    expect(held.changes).toContain(fallId);
    const foreignAt = (await feed(foreign, '0')).cursor;
    expect(codes((await one.push([one.del('konsultationsfall', fallId)])).results)).toEqual(['applied']);
    const after = await feed(two, held.cursor);
    expect(after.removals).toEqual([{ entity: 'konsultationsfall', id: fallId }]);
    expect(after.changes).not.toContain(moteId);
    expect((await feed(two, after.cursor)).removals).toEqual([]);
    expect((await feed(foreign, foreignAt)).removals).toEqual([]);
  });

  it('deleted, wins over a correction sent meanwhile: the correction is refused as gone', async () => {
    const one = await signIn(koordinator);
    const two = await signIn(colleague);
    const { fallId } = await meetingWithCase(one);
    await one.push([one.del('konsultationsfall', fallId)]);
    const late = await two.push([two.of('konsultationsfall', fallId, { rad: 'För sent.' }, 1)]);
    expect(codes(late.results)).toEqual(['finns_inte']);
    expect(await exists(fallId)).toBe(false);
  });

  it('a correction first, then the deletion: the deletion still wins', async () => {
    const one = await signIn(koordinator);
    const two = await signIn(colleague);
    const { fallId } = await meetingWithCase(one);
    await two.push([two.of('konsultationsfall', fallId, { rad: 'Först.' }, 1)]);
    const res = await one.push([one.del('konsultationsfall', fallId, 1)]);
    expect(codes(res.results)).toEqual(['applied']);
    expect(await exists(fallId)).toBe(false);
  });
});

describe('deletion is refused', () => {
  it('for another förbund’s koordinator and for a handläggare, whose attempts are audited', async () => {
    const { fallId } = await meetingWithCase(await signIn(koordinator));
    for (const a of [foreignKoordinator, handlaggare]) {
      const dev = await signIn(a);
      const res = await dev.push([dev.del('konsultationsfall', fallId)]);
      expect(codes(res.results)).toEqual(['ej_behorig']);
    }
    expect(await exists(fallId)).toBe(true);
    const refused = await server.sql.query(
      `select 1 from audit_event where action = 'refused' and record_id = $1`,
      [fallId],
    );
    expect(refused.rows).toHaveLength(2);
  });

  it('for kinds that are not deletable, and for a deletion that also carries changes', async () => {
    const dev = await signIn(koordinator);
    const { moteId, fallId } = await meetingWithCase(dev);
    const res = await dev.push([
      dev.del('konsultationsmote', moteId),
      { ...dev.of('konsultationsfall', fallId, { rad: 'Ändrat och borttaget' }, 1), delete: true },
    ]);
    expect(res.results.map((r) => (r.status === 'rejected' ? r.error.message : r.status))).toEqual([
      'Det går inte att ta bort konsultationsmötet.',
      'En borttagning kan inte samtidigt ändra uppgifter. Ladda om appen och försök igen.',
    ]);
    expect(await exists(moteId)).toBe(true);
    expect(await dataOf(fallId)).toMatchObject({ rad: 'Boka ett flerpartsmöte med vårdcentralen och FK.' });
    const h = await signIn(handlaggare);
    const ar = await h.push([h.del('arende', randomUUID())]);
    expect(codes(ar.results)).toEqual(['kan_inte_tas_bort']);
    const bad = await h.pushRaw([
      { ...h.del('konsultationsfall', fallId), delete: false } as unknown as Mutation,
    ]);
    expect(bad.status).toBe(400);
  });
});

describe('a deletion aimed anywhere (property)', () => {
  it('removes only a konsultation summary of the caller’s own förbund, named in the one id form', async () => {
    const people = [koordinator, foreignKoordinator, handlaggare];
    const devs = await Promise.all(people.map(signIn));
    const own = await meetingWithCase(devs[0] as Dev);
    const foreign = await meetingWithCase(devs[1] as Dev);
    const h = devs[2] as Dev;
    const arendeId = randomUUID();
    const nor = server.enheter.find((e) => e.kod === 'NOR')?.id ?? '';
    await h.push([h.of('arende', arendeId, newArende(nor, handlaggare.user.id))]);
    const targets = [own.fallId, own.moteId, foreign.fallId, foreign.moteId, arendeId, randomUUID()];
    const spellings = [(id: string) => id, (id: string) => id.toUpperCase(), (id: string) => `{${id}}`];
    const allIds = async () =>
      new Set(
        (await server.sql.query<{ id: string }>('select id::text as id from record')).rows.map((r) => r.id),
      );
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: people.length - 1 }),
        fc.constantFrom(...targets),
        fc.integer({ min: 0, max: spellings.length - 1 }),
        fc.oneof(
          { weight: 3, arbitrary: fc.constant<EntityName>('konsultationsfall') },
          fc.constantFrom(...ENTITY_NAMES),
        ),
        fc.constantFrom(null, 0, 1, 7),
        async (who, target, spelling, entity, base) => {
          const dev = devs[who] as Dev;
          const before = await allIds();
          const recordId = (spellings[spelling] as (id: string) => string)(target);
          const res = await dev.push([dev.del(entity, recordId, base)]);
          const allowed =
            who === 0 && target === own.fallId && spelling === 0 && entity === 'konsultationsfall';
          const after = await allIds();
          const expected = new Set(before);
          if (allowed) expected.delete(target);
          expect(after).toEqual(expected);
          // Answered "applied" only where nothing of anyone else's was named: the allowed deletion,
          // or one of a record that is not there (already deleted, or never was).
          const status = res.results[0]?.status;
          if (status === 'applied')
            expect(
              allowed || (spelling === 0 && ENTITIES[entity].deletable === true && !before.has(target)),
            ).toBe(true);
        },
      ),
      { seed: 1_818, numRuns: 120 },
    );
    // Whether or not the runs above hit it, the one allowed deletion removes exactly that record.
    const k = devs[0] as Dev;
    expect(codes((await k.push([k.del('konsultationsfall', own.fallId)])).results)).toEqual(['applied']);
    expect(await exists(own.fallId)).toBe(false);
    expect(await exists(own.moteId)).toBe(true);
    expect(await exists(foreign.fallId)).toBe(true);
  }, 120_000);
});
