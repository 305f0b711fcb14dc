/**
 * Property: whatever form of an existing id a device sends — any mix of upper and lower case,
 * braces, "urn:uuid:", no hyphens, surrounding space — and whether it names its own ärende, one
 * of an enhet it does not work on, or another förbund's ärende or möte, and as whichever kind of
 * record, as a create or an edit: nothing outside the caller's scope changes, every refusal is in
 * the audit log with the caller's device and its reason, and nothing answers 5xx.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityName } from '../../../src/domain/entities';
import type { Mutation, MutationResult } from '../../../src/domain/sync-protocol';
import { trepartssamtal } from '../../helpers/casework';
import { createTestServer, type TestAccount, type TestServer, type TestTenant } from '../../helpers/server';
import { device, newArende } from './support';

let server: TestServer;
let other: TestTenant;
let caller: TestAccount;
const targets = {} as Record<'own' | 'otherEnhet' | 'otherForbund' | 'otherForbundMote', string>;

type Dev = ReturnType<typeof device>;

function of(dev: Dev, entity: EntityName, id: string, changes: object, base: number | null): Mutation {
  return { ...dev.mutation(id, changes as Record<string, unknown>, base), entity };
}

beforeAll(async () => {
  server = await createTestServer();
  other = await server.addForbund('Annat förbund');
  caller = await server.createHandlaggare({ enheter: ['NOR'] });
  const colleague = await server.createHandlaggare({ enheter: ['SKE'] });
  const foreign = await other.createHandlaggare({ enheter: ['NOR'] });
  const nor = server.enheter.find((e) => e.kod === 'NOR')?.id ?? '';
  const ske = server.enheter.find((e) => e.kod === 'SKE')?.id ?? '';
  const push = async (a: TestAccount, build: (dev: Dev) => Mutation[]) => {
    const dev = device(server, (await server.login(a.username, a.password)).token);
    const res = await dev.push(build(dev));
    expect(res.results.every((r) => r.status === 'applied')).toBe(true);
  };
  targets.own = randomUUID();
  targets.otherEnhet = randomUUID();
  targets.otherForbund = randomUUID();
  targets.otherForbundMote = randomUUID();
  await push(caller, (d) => [of(d, 'arende', targets.own, newArende(nor, caller.user.id), null)]);
  await push(colleague, (d) => [
    of(d, 'arende', targets.otherEnhet, newArende(ske, colleague.user.id), null),
  ]);
  await push(foreign, (d) => [
    of(d, 'arende', targets.otherForbund, newArende(other.enheter[0]?.id ?? '', foreign.user.id), null),
    of(d, 'mote', targets.otherForbundMote, { ...trepartssamtal(), arendeId: targets.otherForbund }, null),
  ]);
}, 120_000);
afterAll(() => server.close());

/** Every row outside the caller's scope (other enheter, the other förbund), as text. */
async function outsideScope(): Promise<string> {
  const { rows } = await server.sql.query<{ r: string }>(
    `select string_agg(x::text, '|' order by x.id) as r from record x
      where x.forbund_id <> $1 or x.enhet_id is distinct from $2`,
    [server.forbund.id, server.enheter.find((e) => e.kod === 'NOR')?.id],
  );
  const responses = await server.sql.query('select count(*)::int as n from survey_response');
  return JSON.stringify([rows[0]?.r, responses.rows]);
}

/** A spelling of `id`: its characters' case chosen per character, then one of the wrappings. */
const spelling = (id: string) =>
  fc
    .tuple(
      fc.array(fc.boolean(), { minLength: 36, maxLength: 36 }),
      fc.constantFrom('plain', 'braces', 'urn', 'nohyphens', 'spaced'),
    )
    .map(([upper, wrap]) => {
      const cased = [...id].map((ch, i) => (upper[i] ? ch.toUpperCase() : ch)).join('');
      if (wrap === 'braces') return `{${cased}}`;
      if (wrap === 'urn') return `urn:uuid:${cased}`;
      if (wrap === 'nohyphens') return cased.replaceAll('-', '');
      if (wrap === 'spaced') return ` ${cased}`;
      return cased;
    });

const attempt = fc.record({
  target: fc.constantFrom(...(['own', 'otherEnhet', 'otherForbund', 'otherForbundMote'] as const)),
  entity: fc.constantFrom<EntityName>('arende', 'mote', 'atgard', 'konsultationsmote', 'response'),
  base: fc.constantFrom(null, 0, 1, 2),
  where: fc.constantFrom('recordId', 'arendeId', 'both'),
  seed: fc.integer(),
});

function changesFor(entity: EntityName, arendeId: string): Record<string, unknown> {
  const nor = server.enheter.find((e) => e.kod === 'NOR')?.id ?? '';
  if (entity === 'arende') return { kon: 'annat', anteckningar: 'Ändrad av egenskapstestet.' };
  if (entity === 'mote') return { ...trepartssamtal(), arendeId };
  if (entity === 'response')
    return { formId: 'F-D-UNDER', arendeId, answers: { M01: 1 }, submittedAt: '2026-05-01T10:00:00.000Z' };
  if (entity === 'atgard') return { arendeId, vad: 'Ändrad', part: 'af' };
  return { datum: '2026-05-01', enhetId: nor };
}

describe('ids in every form against a push', () => {
  it('changes nothing outside the caller’s scope and audits every refusal', async () => {
    const dev = device(server, (await server.login(caller.username, caller.password)).token);
    await fc.assert(
      fc.asyncProperty(
        attempt.chain((a) => spelling(targets[a.target]).map((form) => ({ ...a, form }))),
        async ({ target, entity, base, where, form }) => {
          const before = await outsideScope();
          const id = targets[target];
          const recordId = where === 'arendeId' ? randomUUID() : form;
          const arendeId = where === 'recordId' ? id : form;
          const m = of(dev, entity, recordId, changesFor(entity, arendeId), base);
          const res = await dev.pushRaw([m]);
          expect(res.status).toBe(200);
          const [result] = ((await res.json()) as { results: MutationResult[] }).results;
          expect(await outsideScope()).toBe(before);
          if (form !== id && where !== 'arendeId')
            expect(result).toMatchObject({ error: { code: 'ogiltigt_id' } });
          if (result?.status === 'rejected') {
            const { rows } = await server.sql.query<{ reason: string; device_id: string; user_id: string }>(
              `select reason, device_id, user_id from audit_event
                where action = 'refused' and route = 'POST /api/sync/push' order by id desc limit 1`,
            );
            expect(rows[0]).toEqual({
              reason: result.error.code,
              device_id: dev.deviceId,
              user_id: caller.user.id,
            });
          } else {
            // Applied only where the caller may write: its own enhet, with the id in its one form.
            expect(target).toBe('own');
          }
        },
      ),
      { seed: 11_2026, numRuns: 120 },
    );
  });
});
