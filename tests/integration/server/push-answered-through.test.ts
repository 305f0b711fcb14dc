/**
 * A push's `answeredThrough` (domain/sync-protocol.ts): a device that sends its next batch before
 * the answer to the one before has come says how far the answers it holds go, and the server keeps
 * the rest for a resend. A hostile or broken value may never make the server forget an answer of
 * the batch it came with, nor change anything when it is refused.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mutation } from '../../../src/domain/sync-protocol';
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
