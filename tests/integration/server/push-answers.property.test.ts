/**
 * The answers a push keeps for resends, one row per push (migration 018, services/batch.ts): a
 * mutation sent again gets the answer it got the first time, whatever batches it was first sent
 * in and whatever range it comes back in (a device's batch bound adapts, so a resend need not
 * line up with the pushes the server stored); and the database refuses stored answers of any
 * other shape, whoever writes them.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mutation, MutationResult, PushResponse } from '../../../src/domain/sync-protocol';
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

type Kind = 'create' | 'edit' | 'personnummer' | 'usedCode';
const KINDS: Kind[] = ['create', 'edit', 'personnummer', 'usedCode'];

/** Cuts 1 … n into consecutive ranges at the given points. */
function ranges(n: number, cuts: readonly number[]): [number, number][] {
  const points = [...new Set(cuts.map((c) => 1 + (c % n)))].filter((c) => c > 1).sort((a, b) => a - b);
  const starts = [1, ...points];
  return starts.map((s, i) => [s, (starts[i + 1] ?? n + 1) - 1]);
}

describe('stored answers', () => {
  it('property: any mutation sent again, in any range, gets its first answer back', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...KINDS), { minLength: 1, maxLength: 30 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 5 }),
        async (kinds, cuts, resends) => {
          const { token } = await server.login(account.username, account.password);
          const dev = device(server, token);
          // The device's outbox: creates, edits of what it created, and two kinds of refusal.
          const versions = new Map<string, number>();
          const codes: string[] = [];
          const expected: string[] = [];
          const outbox: Mutation[] = kinds.map((kind) => {
            const mine = [...versions.keys()];
            const target = mine[mine.length - 1];
            if (kind === 'edit' && target) {
              const version = versions.get(target) ?? 1;
              versions.set(target, version + 1);
              expected.push('applied');
              return dev.mutation(target, { barnIHushallet: version % 2 ? 'ja' : 'nej' }, version);
            }
            if (kind === 'personnummer' && target) {
              expected.push('ogiltiga_uppgifter');
              const note = `pnr ${fictitiousPersonnummer()}`;
              return dev.mutation(target, { anteckningar: note }, versions.get(target) ?? 1);
            }
            const id = randomUUID();
            const arende = newArende(nor, account.user.id);
            if (kind === 'usedCode' && codes[0]) {
              expected.push('kod_upptagen');
              return dev.mutation(id, { ...arende, code: codes[0] }, null);
            }
            versions.set(id, 1);
            codes.push(arende.code);
            expected.push('applied');
            return dev.mutation(id, arende, null);
          });
          const n = outbox.length;
          const send = async (from: number, to: number): Promise<PushResponse> => {
            // answeredThrough 0: the device holds no answer yet, so the server keeps them all.
            const body = {
              deviceId: dev.deviceId,
              mutations: outbox.slice(from - 1, to),
              answeredThrough: 0,
            };
            const res = await server.fetch('/api/sync/push', json(body, token));
            expect(res.status).toBe(200);
            return (await res.json()) as PushResponse;
          };

          const first = new Map<number, MutationResult>();
          for (const [from, to] of ranges(n, cuts))
            for (const r of (await send(from, to)).results) first.set(r.seq, r);
          expect([...first.keys()]).toEqual(outbox.map((m) => m.seq));
          expect(
            outbox
              .map((m) => first.get(m.seq))
              .map((r) => (r?.status === 'rejected' ? r.error.code : r?.status)),
          ).toEqual(expected);

          for (const [a, b] of resends) {
            const from = 1 + (Math.min(a, b) % n);
            const to = Math.min(n, from + (Math.max(a, b) % n));
            const again = await send(from, to);
            expect(again.lastSeq).toBe(n);
            expect(again.results).toEqual(outbox.slice(from - 1, to).map((m) => first.get(m.seq)));
          }
          // One answer kept for every sequence, none twice.
          const { rows } = await server.sql.query<{ seq: number }>(
            'select seq::int as seq from applied_mutation where device_id = $1 order by seq',
            [dev.deviceId],
          );
          expect(rows.map((r) => r.seq)).toEqual(outbox.map((m) => m.seq));
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe('the database’s check of stored answers', () => {
  const applied = (version?: number) => ({
    mutation_id: randomUUID(),
    status: 'applied',
    ...(version === undefined ? {} : { version }),
    conflicts: ['anteckningar'],
  });
  const refused = () => ({
    mutation_id: randomUUID(),
    status: 'rejected',
    error: {
      code: 'kod_upptagen',
      message: 'Koden används redan.',
      fields: { code: 'Koden används redan.' },
    },
  });
  /** Ways a stored answer can be wrong: each makes one valid answer invalid. */
  const BREAKS: Record<string, (a: Record<string, unknown>) => unknown> = {
    'not an object': () => 'applied',
    'no mutation id': ({ mutation_id: _m, ...a }) => a,
    'an upper-case mutation id': (a) => ({ ...a, mutation_id: String(a.mutation_id).toUpperCase() }),
    'a mutation id with a NUL': (a) => ({ ...a, mutation_id: `${a.mutation_id}\u0000` }),
    'an unknown status': (a) => ({ ...a, status: 'APPLIED' }),
    'a version below 1': (a) => ({ ...a, status: 'applied', version: 0, conflicts: [] }),
    'a version as text': (a) => ({ ...a, status: 'applied', version: '2', conflicts: [] }),
    'conflicts not a list': (a) => ({ ...a, status: 'applied', error: undefined, conflicts: 'anteckningar' }),
    'a refusal with a version': (a) => ({ ...refused(), mutation_id: a.mutation_id, version: 1 }),
    'a refusal without a message': (a) => ({ ...a, status: 'rejected', error: { code: 'x' } }),
    'an applied answer with an error': (a) => ({ ...applied(1), mutation_id: a.mutation_id, error: {} }),
  };

  it('property: takes answers of the stored shape and refuses any answer broken in any way', async () => {
    const { token } = await server.login(account.username, account.password);
    const dev = device(server, token);
    expect(
      (await dev.push([dev.mutation(randomUUID(), newArende(nor, account.user.id), null)])).lastSeq,
    ).toBe(1);
    const insert = async (first: number, last: number, answers: unknown[]): Promise<string> => {
      try {
        await server.sql.transaction((tx) =>
          tx.query(
            `insert into applied_batch (device_id, first_seq, last_seq, answers, applied_at)
             values ($1, $2, $3, $4::jsonb, now())`,
            [dev.deviceId, first, last, JSON.stringify(answers)],
          ),
        );
        return 'accepted';
      } catch (err) {
        return String((err as { code?: string }).code);
      }
    };
    let next = 1_000;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom<'v' | 'null' | 'r'>('v', 'null', 'r'), { minLength: 1, maxLength: 8 }),
        fc.option(fc.tuple(fc.nat(), fc.constantFrom(...Object.keys(BREAKS)))),
        fc.integer({ min: -1, max: 1 }),
        async (shapes, broken, lengthOff) => {
          const answers: unknown[] = shapes.map((s) =>
            s === 'r' ? refused() : applied(s === 'v' ? 3 : undefined),
          );
          if (broken) {
            const [at, how] = broken;
            const i = at % answers.length;
            answers[i] = BREAKS[how]?.(answers[i] as Record<string, unknown>);
          }
          next += 10;
          const first = next;
          const last = first + answers.length - 1 + lengthOff;
          const valid = !broken && lengthOff === 0;
          const got = await insert(first, last, answers);
          // A check violation; a NUL is refused by jsonb itself (22P05) before any check.
          if (valid) expect(got).toBe('accepted');
          else expect(['23514', '22P05']).toContain(got);
        },
      ),
      { numRuns: 200 },
    );
  });
});
