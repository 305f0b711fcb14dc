/**
 * A pull page is one statement the database plans once and runs for everyone (on PostgreSQL a
 * prepared statement with one generic plan, store/sql.ts): whoever asked before, with whatever
 * cursor, limit or device id, a page holds only what the asker may see. Property, over random
 * sequences of pulls by handläggare of different enheter, a user of another förbund with an enhet
 * of the same kod, a koordinator and a respondent – each asking with its own cursor, another
 * user's cursor, a malformed one, its own or another user's device id (also upper-cased), any limit,
 * with or without the count, and often twice in a row: every answer is 200 or a 400 in the API's
 * error form (never 5xx), a page holds only records of the asker's förbund and enheter and of
 * kinds its role sees, its count never more than those (a last page's count is the page), the same
 * request twice gets the same page (its cursor never behind the first's), and from cursor 0
 * without a device the pages hold exactly what the asker may see. Both databases.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorResponse, PULL_PAGE_MAX, PullResponse } from '../../../src/domain/sync-protocol';
import { createTestServer, type TestAccount, type TestServer, type TestTenant } from '../../helpers/server';
import { bearer, device, newArende } from './support';

interface Asker {
  name: string;
  token: string;
  deviceId: string;
  /** The ärenden this user may pull. */
  allowed: Set<string>;
  cursor: string;
}

let server: TestServer;
const askers: Asker[] = [];
const enhetOf = (t: TestTenant, kod: string) => t.enheter.find((e) => e.kod === kod)?.id ?? '';

beforeAll(async () => {
  server = await createTestServer();
  const other = await server.addForbund('Annat förbund');
  // Three ärenden pushed per enhet, by a handläggare of that enhet.
  const seeded = new Map<string, string[]>();
  const seed = async (t: TestTenant, kod: string, a: TestAccount) => {
    const enhetId = enhetOf(t, kod);
    const dev = device(server, (await server.login(a.username, a.password)).token);
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    await dev.push(ids.map((id) => dev.mutation(id, newArende(enhetId, a.user.id), null)));
    seeded.set(`${t.forbund.id}/${kod}`, ids);
    return dev;
  };
  const nor = await server.createHandlaggare({ enheter: ['NOR'] });
  const ske = await server.createHandlaggare({ enheter: ['SKE'] });
  const theirs = await other.createHandlaggare({ enheter: ['NOR'] });
  const devices = {
    nor: await seed(server, 'NOR', nor),
    ske: await seed(server, 'SKE', ske),
    theirs: await seed(other, 'NOR', theirs),
  };
  const of = (t: TestTenant, kods: string[]) =>
    new Set(kods.flatMap((k) => seeded.get(`${t.forbund.id}/${k}`) ?? []));
  const both = await server.createHandlaggare({ enheter: ['NOR', 'SKE'] });
  const koordinator = await server.createHandlaggare({ enheter: ['NOR', 'SKE'], role: 'koordinator' });
  const respondent = await server.createHandlaggare({
    enheter: [],
    role: 'respondent',
    respondentGroup: 'styrelse',
  });
  const signedIn = async (name: string, a: TestAccount, allowed: Set<string>, deviceId?: string) => {
    const token = (await server.login(a.username, a.password)).token;
    askers.push({ name, token, deviceId: deviceId ?? randomUUID(), allowed, cursor: '0' });
  };
  await signedIn('nor', nor, of(server, ['NOR']), devices.nor.deviceId);
  await signedIn('ske', ske, of(server, ['SKE']), devices.ske.deviceId);
  await signedIn('theirs', theirs, of(other, ['NOR']), devices.theirs.deviceId);
  await signedIn('both', both, of(server, ['NOR', 'SKE']));
  await signedIn('koordinator', koordinator, new Set());
  await signedIn('respondent', respondent, new Set());
}, 60_000);
afterAll(() => server?.close());

/** A cursor "<xid>.<seq>" as one number that orders like the pull (seq below 2^64). */
const position = (cursor: string) => {
  const [xid = '0', seq = '0'] = cursor.split('.');
  return BigInt(xid) * 2n ** 64n + BigInt(seq);
};

const cursorOf = fc.oneof(
  fc.constant({ kind: 'own' as const }),
  fc.record({ kind: fc.constant('borrowed' as const), from: fc.nat() }),
  fc.record({
    kind: fc.constant('malformed' as const),
    text: fc.constantFrom('-1', '0.0.0', '1e3', ' 0', 'ä', '\u0000', '\ud800', '9'.repeat(40), '0x10', '1.'),
  }),
);
const deviceOf = fc.constantFrom('none', 'own', 'another', 'another-upper', 'own-upper');
const limitOf = fc.oneof(
  fc.integer({ min: 1, max: PULL_PAGE_MAX }),
  fc.constantFrom(0, PULL_PAGE_MAX + 1, 10 ** 12),
);

describe('pull pages asked for by anyone, in any order', () => {
  it('hold only what the asker may see, the same twice, and never answer 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            who: fc.nat(),
            cursor: cursorOf,
            device: deviceOf,
            limit: limitOf,
            count: fc.boolean(),
            twice: fc.boolean(),
          }),
          { minLength: 1, maxLength: 12 },
        ),
        async (steps) => {
          for (const a of askers) a.cursor = '0';
          for (const step of steps) {
            const a = askers[step.who % askers.length] as Asker;
            const someoneElse = askers[(step.who + 1) % askers.length] as Asker;
            const cursor =
              step.cursor.kind === 'own'
                ? a.cursor
                : step.cursor.kind === 'borrowed'
                  ? (askers[step.cursor.from % askers.length] as Asker).cursor
                  : step.cursor.text;
            const deviceId = {
              none: undefined,
              own: a.deviceId,
              another: someoneElse.deviceId,
              'another-upper': someoneElse.deviceId.toUpperCase(),
              'own-upper': a.deviceId.toUpperCase(),
            }[step.device];
            const q = new URLSearchParams({ cursor, limit: String(step.limit) });
            if (deviceId) q.set('deviceId', deviceId);
            if (step.count) q.set('count', '1');
            const ask = async () => {
              const res = await server.fetch(`/api/sync/pull?${q}`, bearer(a.token));
              return { status: res.status, body: (await res.json()) as unknown };
            };
            const first = await ask();
            const valid =
              step.cursor.kind !== 'malformed' &&
              step.limit >= 1 &&
              step.limit <= PULL_PAGE_MAX &&
              !step.device.endsWith('-upper');
            expect(first.status, `${a.name} ${q}`).toBe(valid ? 200 : 400);
            if (first.status === 400) {
              expect(ApiErrorResponse.safeParse(first.body).success).toBe(true);
              continue;
            }
            const page = PullResponse.parse(first.body);
            for (const c of page.changes)
              expect(a.allowed, `${a.name} got ${c.record.id}`).toContain(c.record.id);
            expect(page.removals).toEqual([]);
            // What follows is counted of the asker's records only; a last page is its own count.
            // The device's own writes are neither sent nor counted, so a page they filled may say
            // more follows with nothing left to count; without them, more following means more
            // counted than this page holds.
            if (!step.count) expect(page.total).toBeUndefined();
            else {
              const here = page.changes.length + page.removals.length;
              expect(page.total, `${a.name} ${q}`).toBeLessThanOrEqual(a.allowed.size);
              if (!page.hasMore) expect(page.total, `${a.name} ${q}`).toBe(here);
              else if (step.device === 'own')
                expect(page.total, `${a.name} ${q}`).toBeGreaterThanOrEqual(here);
              else expect(page.total, `${a.name} ${q}`).toBeGreaterThan(here);
            }
            if (step.twice) {
              // Asked again, the same page; only its cursor may have moved on: with nothing more to
              // send it is the horizon, which any transaction since (a device's sync mark) moves.
              const again = await ask();
              expect(again.status).toBe(200);
              const second = PullResponse.parse(again.body);
              expect({ ...second, cursor: '' }, `${a.name} ${q}`).toEqual({ ...page, cursor: '' });
              expect(position(second.cursor) >= position(page.cursor)).toBe(true);
              if (page.hasMore) expect(second.cursor).toBe(page.cursor);
            }
            if (step.cursor.kind === 'own') a.cursor = page.cursor;
          }
        },
      ),
      { numRuns: 100 },
    );
  }, 240_000);

  it('from cursor 0, without a device, hold exactly what the asker may see', async () => {
    for (const a of askers) {
      const res = await server.fetch(`/api/sync/pull?cursor=0&limit=${PULL_PAGE_MAX}`, bearer(a.token));
      expect(res.status).toBe(200);
      const page = PullResponse.parse(await res.json());
      expect(new Set(page.changes.map((c) => c.record.id)), a.name).toEqual(a.allowed);
      expect(page.hasMore).toBe(false);
    }
  });
});
