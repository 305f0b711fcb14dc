/**
 * A push's `answeredThrough` (domain/sync-protocol.ts): a device that sends its next batch before
 * the answer to the one before has come says how far the answers it holds go, and the server keeps
 * the rest for a resend. A hostile or broken value may never make the server forget an answer of
 * the batch it came with, nor change anything when it is refused.
 *
 * The answers kept, one row per push (migration 018, services/batch.ts): a mutation sent again
 * gets the answer it got the first time, whatever batches it was first sent in and whatever range
 * it comes back in (a device's batch bound adapts, so a resend need not line up with the pushes
 * the server stored); and the database refuses stored answers of any other shape, whoever writes
 * them.
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

async function newDevice() {
  const { token } = await server.login(account.username, account.password);
  return device(server, token);
}

const creates = (dev: Awaited<ReturnType<typeof newDevice>>, n: number) =>
  Array.from({ length: n }, () => dev.mutation(randomUUID(), newArende(nor, account.user.id), null));

const send = (dev: Awaited<ReturnType<typeof newDevice>>, mutations: Mutation[], extra: object = {}) =>
  server.fetch('/api/sync/push', json({ deviceId: dev.deviceId, mutations, ...extra }, dev.token));

async function answers(deviceId: string): Promise<number[]> {
  const { rows } = await server.sql.query<{ seq: string }>(
    'select seq::text as seq from applied_mutation where device_id = $1 order by seq',
    [deviceId],
  );
  return rows.map((r) => Number(r.seq));
}

describe('answeredThrough', () => {
  it('keeps the answers of a batch still on its way, and a resend of it gets them back', async () => {
    const dev = await newDevice();
    const first = creates(dev, 3);
    const second = creates(dev, 3);
    const a = await send(dev, first);
    const firstAnswer = await a.json();
    // The next batch, sent before the first one's answer arrived: the device holds answers up to 0.
    expect((await send(dev, second, { answeredThrough: 0 })).status).toBe(200);
    expect(await answers(dev.deviceId)).toEqual([1, 2, 3, 4, 5, 6]);
    // The first answer was lost on the way: sent again, the same answers (the device's last
    // applied sequence is 6 by now).
    const again = await send(dev, first);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ ...firstAnswer, lastSeq: 6 });
    // Without the field, the lowest sequence of the batch says it: the first batch's answers go.
    const third = creates(dev, 1);
    expect((await send(dev, [...second, ...third])).status).toBe(200);
    expect(await answers(dev.deviceId)).toEqual([4, 5, 6, 7]);
  });

  it('a device id of another förbund, in any form, with answeredThrough forgets none of its answers', async () => {
    const victim = await newDevice();
    const first = creates(victim, 3);
    const answered = await (await send(victim, first)).json();
    const other = await server.addForbund('Annat förbund');
    const thief = await other.createHandlaggare({ enheter: ['NOR'] });
    const { token } = await server.login(thief.username, thief.password);
    for (const deviceId of [victim.deviceId, victim.deviceId.toUpperCase(), ` ${victim.deviceId}`]) {
      const res = await server.fetch(
        '/api/sync/push',
        json(
          {
            deviceId,
            mutations: [{ ...first[0], seq: 4, id: randomUUID() }],
            answeredThrough: Number.MAX_SAFE_INTEGER,
          },
          token,
        ),
      );
      // Not the thief's device (403), or not an id in its one form (400): nothing forgotten.
      expect([400, 403]).toContain(res.status);
      expect(await answers(victim.deviceId)).toEqual([1, 2, 3]);
    }
    const again = await send(victim, first);
    expect(await again.json()).toEqual(answered);
  });

  it('the same batch sent twice at once, ahead of its answer, is applied once and answered the same', async () => {
    const dev = await newDevice();
    const first = creates(dev, 2);
    const second = creates(dev, 2);
    const [a, b, c] = await Promise.all([
      send(dev, first),
      send(dev, second, { answeredThrough: 0 }),
      send(dev, second, { answeredThrough: 0 }),
    ]);
    expect([a.status, b.status, c.status]).toEqual([200, 200, 200]);
    const [rb, rc] = [await b.json(), await c.json()];
    expect(rc.results).toEqual(rb.results);
    expect(rb.results.map((r: { status: string }) => r.status)).toEqual(['applied', 'applied']);
    const { rows } = await server.sql.query<{ n: string }>(
      'select count(*)::text as n from record where id = any($1::uuid[])',
      [[...first, ...second].map((m) => m.recordId)],
    );
    expect(rows[0]?.n).toBe('4');
  });

  it('property: whatever value comes, the batch’s own answers stay, and a refused push changes nothing', async () => {
    const hostile = fc.oneof(
      fc.integer({ min: -1_000, max: 1_000 }),
      fc.constantFrom(Number.MAX_SAFE_INTEGER, 2 ** 53, 1e308, -0, 0.5, Number.NaN, null, true),
      fc.string({ maxLength: 12 }),
      fc.constantFrom('1', '0x10', '1e3', ' 2', '\u0000', '\ud800'),
      fc.array(fc.nat(), { maxLength: 3 }),
    );
    await fc.assert(
      fc.asyncProperty(hostile, async (value) => {
        const dev = await newDevice();
        const first = creates(dev, 2);
        expect((await send(dev, first)).status).toBe(200);
        const second = creates(dev, 2);
        const before = await answers(dev.deviceId);
        const res = await send(dev, second, { answeredThrough: value });
        if (res.status !== 200) {
          // Refused as a whole (400), in Swedish, and nothing was applied or forgotten.
          expect(res.status).toBe(400);
          expect((await res.json()).error.message).toMatch(/Synkdata har fel form/);
          expect(await answers(dev.deviceId)).toEqual(before);
          return;
        }
        const kept = await answers(dev.deviceId);
        expect(kept).toEqual(expect.arrayContaining([3, 4]));
        // Never more forgotten than the value says: the answers after it stay.
        if (typeof value === 'number')
          expect(kept).toEqual(expect.arrayContaining([1, 2].filter((s) => s > value)));
        const again = await send(dev, second);
        expect(again.status).toBe(200);
        expect((await again.json()).results.map((r: { status: string }) => r.status)).toEqual([
          'applied',
          'applied',
        ]);
      }),
      { numRuns: 40, seed: 26_002 },
    );
  }, 120_000);
});

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
        // A resend's range, and whether a careless or hostile device adds a sequence far past
        // the last one applied (the largest a JSON number holds exactly).
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean()), { minLength: 1, maxLength: 5 }),
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
          const send = async (from: number, to: number, extra: Mutation[] = []): Promise<PushResponse> => {
            // answeredThrough 0: the device holds no answer yet, so the server keeps them all.
            const body = {
              deviceId: dev.deviceId,
              mutations: [...outbox.slice(from - 1, to), ...extra],
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

          for (const [a, b, far] of resends) {
            const from = 1 + (Math.min(a, b) % n);
            const to = Math.min(n, from + (Math.max(a, b) % n));
            const beyond: Mutation = {
              id: randomUUID(),
              seq: Number.MAX_SAFE_INTEGER,
              entity: 'arende',
              recordId: randomUUID(),
              baseVersion: null,
              changes: newArende(nor, account.user.id),
              at: new Date().toISOString(),
            };
            // It stops at the gap before it: answered up to there, nothing of it applied or kept.
            const again = await send(from, to, far ? [beyond] : []);
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
