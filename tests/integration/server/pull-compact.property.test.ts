/**
 * The database writes a pull page's records (store/records.ts `compact`): the server splices that
 * JSON text into the page without parsing it. Property: for any ärende a handläggare can store –
 * nullable fields null or set, notes in any storable Unicode (quotes, backslashes, control and
 * line-separator characters, emoji, combining marks, right-to-left text) – a colleague's pull
 * carries exactly domain/compact-record.ts's compactRecord of the stored record, the page is valid
 * JSON, and expanded it is the stored record again.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compactRecord, expandRecord } from '../../../src/domain/compact-record';
import { PullResponse } from '../../../src/domain/sync-protocol';
import { createTestServer, type TestServer } from '../../helpers/server';
import { device, newArende } from './support';

let server: TestServer;

beforeAll(async () => {
  server = await createTestServer();
}, 60_000);
afterAll(() => server.close());

// Characters a note may hold that JSON writers must escape or treat with care. NUL and lone
// surrogates are refused on the way in (trust-boundary tests), so they are not among them.
const TRICKY = [
  '"',
  '\\',
  '\n',
  '\r',
  '\t',
  '\u0001',
  '\u001f',
  '\u2028',
  '\u2029',
  '</script>',
  '😀',
  'e\u0301',
  'שלום',
  '{}',
  '[]',
  'null',
  'ä',
  ' ',
];
const note = fc
  .array(fc.oneof(fc.constantFrom(...TRICKY), fc.string({ maxLength: 3, unit: 'grapheme' })), {
    maxLength: 12,
  })
  .map((parts) => parts.join('').replace(/\d/g, 'x').slice(0, 4000));

const fields = fc.record({
  aldersgrupp: fc.constantFrom(null, '16-19', '65+'),
  forsorjningshinder: fc.constantFrom(null, 'arbetsloshet'),
  manaderAv12: fc.option(fc.integer({ min: 0, max: 12 }), { nil: null }),
  behovsgrupp: fc.option(fc.constantFrom('skyddat_arbete', 'forrehabiliterande'), { nil: null }),
  anteckningar: note,
});

describe('compact pull records written by the database', () => {
  it('equal compactRecord of the stored record, for any storable ärende', async () => {
    const forbund = await server.addForbund(`Kompakt ${randomUUID()}`);
    const writer = await forbund.createHandlaggare({ enheter: ['NOR'] });
    const reader = await forbund.createHandlaggare({ enheter: ['NOR'] });
    const enhetId = forbund.enheter[0]?.id ?? '';
    const w = device(server, (await server.login(writer.username, writer.password)).token);
    const r = device(server, (await server.login(reader.username, reader.password)).token);
    let cursor = '0';
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(fields, async (f) => {
        const id = randomUUID();
        const { results } = await w.push([w.mutation(id, newArende(enhetId, writer.user.id, f), null)]);
        // A value the schema refuses (an enum this test guessed wrong) is not this property's concern.
        if (results[0]?.status !== 'applied') return;
        const page = PullResponse.parse(await r.pull(cursor, 1000));
        cursor = page.cursor;
        const { rows } = await server.sql.query<{ data: Record<string, unknown> }>(
          'select data from record where id = $1',
          [id],
        );
        const stored = rows[0]?.data ?? {};
        const pulled = page.changes.find((c) => c.record.id === id)?.record;
        expect(pulled).toEqual(compactRecord('arende', stored));
        expect(expandRecord('arende', pulled ?? {}, page.forbundId)).toEqual(stored);
        checked += 1;
      }),
      { numRuns: 40, seed: 20261204 },
    );
    // The property ran on stored records, not only on refused ones.
    expect(checked).toBeGreaterThan(30);
  }, 120_000);

  // The page's records are joined by the database into one text (store/records.ts PulledPage):
  // a whole page of the longest notes, with characters that need escaping or several bytes,
  // arrives whole, each record exact.
  it('arrive whole and exact in a page of 500 ärenden with notes of 4,000 characters', async () => {
    const forbund = await server.addForbund(`Långa ${randomUUID()}`);
    const writer = await forbund.createHandlaggare({ enheter: ['NOR'] });
    const reader = await forbund.createHandlaggare({ enheter: ['NOR'] });
    const enhetId = forbund.enheter[0]?.id ?? '';
    const w = device(server, (await server.login(writer.username, writer.password)).token);
    const r = device(server, (await server.login(reader.username, reader.password)).token);
    const long = `Väntar "ä\\ש\n\u2028ö}],{ `.repeat(300).slice(0, 4000);
    const ids = Array.from({ length: 500 }, () => randomUUID());
    const { results } = await w.push(
      ids.map((id) => w.mutation(id, newArende(enhetId, writer.user.id, { anteckningar: long }), null)),
    );
    expect(results.filter((x) => x.status === 'applied')).toHaveLength(500);
    const page = PullResponse.parse(await r.pull('0', 1000));
    expect(page.hasMore).toBe(false);
    const { rows } = await server.sql.query<{ id: string; data: Record<string, unknown> }>(
      'select id, data from record where id = any($1::uuid[])',
      [ids],
    );
    const stored = new Map(rows.map((row) => [row.id, row.data]));
    expect(page.changes.map((c) => c.record.id).sort()).toEqual([...ids].sort());
    for (const c of page.changes) {
      expect(String(c.record.anteckningar)).toHaveLength(4000);
      expect(c.record).toEqual(compactRecord('arende', stored.get(String(c.record.id)) ?? {}));
    }
  }, 120_000);
});
