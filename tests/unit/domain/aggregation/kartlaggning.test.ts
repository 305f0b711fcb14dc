import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isHidden, isWithheld, MAX_NOISE, SUPPRESSED } from '../../../../src/domain/aggregation/cell-key';
import {
  isActiveOn,
  type KartlaggningArende,
  type KartlaggningRelease,
  kartlaggningRelease,
} from '../../../../src/domain/aggregation/kartlaggning';
import type { KartlaggningReport } from '../../../../src/domain/aggregation/report';
import { type KlPerson, kartlaggningFigures, misfits, whatFits } from '../../../helpers/insider';

const NORSJO = '00000000-0000-4000-8000-000000000001';
const SKELLEFTEA = '00000000-0000-4000-8000-000000000002';

/** A synthetic active ärende; fields not under test are filled with ordinary values. */
function arende(over: Partial<KartlaggningArende> = {}): KartlaggningArende & { key: number } {
  return {
    key: Math.floor(Math.random() * 2 ** 32),
    enhetId: SKELLEFTEA,
    startdatum: '2026-01-15',
    avslutsdatum: null,
    behovsgrupp: 'effektivare_stod_arbete',
    forsorjningshinder: 'arbetsloshet',
    kon: 'kvinna',
    aldersgrupp: '30-39',
    manaderAv12: 11,
    manaderAv36: 30,
    ...over,
  };
}

const many = (n: number, over: Partial<KartlaggningArende> = {}) =>
  Array.from({ length: n }, () => arende(over));

describe('isActiveOn', () => {
  it('counts an ärende from its startdatum up to the day before its avslutsdatum', () => {
    const a = arende({ startdatum: '2026-02-01', avslutsdatum: '2026-05-31' });
    expect(isActiveOn(a, '2026-01-31')).toBe(false);
    expect(isActiveOn(a, '2026-02-01')).toBe(true);
    expect(isActiveOn(a, '2026-05-30')).toBe(true);
    expect(isActiveOn(a, '2026-05-31')).toBe(false);
    expect(isActiveOn(arende({ startdatum: '2026-02-01' }), '2030-01-01')).toBe(true);
  });
});

const keyOf = (a: { key: number }) => a.key;

/** The release in the report's shape, as the insider helper reads it. */
function asReport(r: KartlaggningRelease): KartlaggningReport {
  return {
    publishedAt: '2026-04-06T00:00:00.000Z',
    period: '2026-03',
    date: '2026-03-31',
    enheter: [],
    behovsgrupper: [],
    enhet: { categories: r.enheter, cells: r.perEnhet.cells, total: r.perEnhet.total },
    tables: r.tables
      .filter((t) => t.dimension !== ('enhet' as string))
      .map((t) => ({
        dimension: t.dimension as KartlaggningReport['tables'][number]['dimension'],
        total: { categories: t.categories, cells: t.total, total: r.perEnhet.total },
        perEnhet: {
          rows: r.enheter,
          cols: t.categories,
          cells: t.cells,
          rowTotals: r.perEnhet.cells,
          colTotals: t.total,
          total: r.perEnhet.total,
        },
      })),
  };
}

/** Each active ärende as the insider sees it, categories as the release names them. */
function personsOf(r: KartlaggningRelease, arenden: readonly KartlaggningArende[], date: string): KlPerson[] {
  const jaNej = (v: number | null, from: number) => (v === null ? 'okant' : v >= from ? 'ja' : 'nej');
  return arenden
    .filter((a) => isActiveOn(a, date))
    .map((a) => ({
      enhet: a.enhetId,
      behovsgrupp: a.behovsgrupp ?? 'ej_angivet',
      forsorjningshinder: a.forsorjningshinder ?? 'ej_angivet',
      langvarigt: jaNej(a.manaderAv12, 10),
      mycketLangvarigt: jaNej(a.manaderAv36, 27),
      kon: a.kon,
      aldersgrupp: a.aldersgrupp ?? 'ej_angivet',
    }))
    .map((p) => {
      for (const t of r.tables) expect(t.categories).toContain(p[t.dimension]);
      return p;
    });
}

const arendeArb = fc.record({
  key: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
  enhetId: fc.constantFrom(NORSJO, SKELLEFTEA),
  startdatum: fc.constant('2026-01-15'),
  avslutsdatum: fc.constantFrom(null, '2026-02-01'),
  behovsgrupp: fc.constantFrom('effektivare_stod_arbete', 'skyddat_arbete', null),
  forsorjningshinder: fc.constantFrom('arbetsloshet', 'sjukdom', null),
  kon: fc.constantFrom('kvinna', 'man', 'annat'),
  aldersgrupp: fc.constantFrom('30-39', '50-59', null),
  manaderAv12: fc.constantFrom(11, 2, null),
  manaderAv36: fc.constantFrom(30, null),
}) as fc.Arbitrary<KartlaggningArende & { key: number }>;

describe('kartlaggningRelease', () => {
  it('counts the ärenden active on the date: 0–4 as too few, 5 or more within ±3, the same in every view', () => {
    const arenden = [
      ...many(9),
      ...many(4, { avslutsdatum: '2026-03-01' }),
      ...many(3, { startdatum: '2026-07-01' }),
      ...many(3, { enhetId: NORSJO, kon: 'man' }),
    ];
    const r = kartlaggningRelease(arenden, '2026-03-31', keyOf, { enheter: [NORSJO, SKELLEFTEA] });
    expect(r.enheter).toEqual([NORSJO, SKELLEFTEA]);
    const [nor, ske] = r.perEnhet.cells;
    expect(nor).toEqual(SUPPRESSED); // 3
    if (!isWithheld(ske)) expect(Math.abs((ske as number) - 9)).toBeLessThanOrEqual(MAX_NOISE);
    if (!isWithheld(r.perEnhet.total))
      expect(Math.abs((r.perEnhet.total as number) - 12)).toBeLessThanOrEqual(MAX_NOISE);
    const kon = r.tables.find((t) => t.dimension === 'kon');
    // The förbund's "kvinna" and Skellefteå's "kvinna" are the same nine persons: the same figure.
    const kvinna = kon?.categories.indexOf('kvinna') ?? -1;
    expect(kon?.total[kvinna]).toEqual(kon?.cells[1]?.[kvinna]);
    // Nobody has "annat": too few, like 1–4 (a zero is never shown as such).
    expect(kon?.total[kon.categories.indexOf('annat')]).toEqual(SUPPRESSED);
  });

  it('lists an unknown category and refuses a date that is not one', () => {
    const r = kartlaggningRelease([...many(6, { behovsgrupp: 'lokal_grupp' })], '2026-03-31', keyOf);
    expect(r.tables.find((t) => t.dimension === 'behovsgrupp')?.categories).toContain('lokal_grupp');
    expect(() => kartlaggningRelease([], '2026-3-1', keyOf)).toThrow(RangeError);
  });

  it('gives the same persons the same figures whatever else changes (consistency across releases)', () => {
    const ske = many(8);
    const before = kartlaggningRelease(ske, '2026-03-31', keyOf, { enheter: [NORSJO, SKELLEFTEA] });
    const after = kartlaggningRelease(
      [...ske, ...many(7, { enhetId: NORSJO, kon: 'man' })],
      '2026-03-31',
      keyOf,
      {
        enheter: [NORSJO, SKELLEFTEA],
      },
    );
    const row = (r: KartlaggningRelease) => r.tables.find((t) => t.dimension === 'behovsgrupp')?.cells[1];
    if (![...(row(before) ?? []), ...(row(after) ?? [])].some(isWithheld))
      expect(row(after)).toEqual(row(before));
  });

  it('lets no insider who knows everyone else pin down anyone’s presence or any of their categories', () => {
    fc.assert(
      fc.property(fc.array(arendeArb, { minLength: 1, maxLength: 40 }), (arenden) => {
        const r = kartlaggningRelease(arenden, '2026-03-31', keyOf, { enheter: [NORSJO, SKELLEFTEA] });
        const figures = kartlaggningFigures(asReport(r));
        const persons = personsOf(r, arenden, '2026-03-31');
        expect(misfits(figures, persons)).toEqual([]);
        persons.forEach((p, i) => {
          expect(whatFits(figures, persons, i, [null])).toHaveLength(1);
          for (const t of r.tables) {
            const variants = t.categories.map((c) => ({ ...p, [t.dimension]: c }));
            expect(
              whatFits(figures, persons, i, variants).length,
              `${t.dimension} of person ${i}`,
            ).toBeGreaterThan(1);
          }
        });
      }),
      { seed: 1302, numRuns: 60 },
    );
  });

  it('withholds few figures: under 5 % in a förbund of 300 ärenden', () => {
    const r = fc.sample(arendeArb, { seed: 1303, numRuns: 300 });
    const release = kartlaggningRelease(r, '2026-03-31', keyOf, { enheter: [NORSJO, SKELLEFTEA] });
    const all = [
      ...release.perEnhet.cells,
      release.perEnhet.total,
      ...release.tables.flatMap((t) => [...t.total, ...t.cells.flat()]),
    ];
    expect(all.filter(isWithheld).length / all.length).toBeLessThan(0.05);
    expect(all.filter((f) => !isHidden(f)).length).toBeGreaterThan(all.length / 3);
  });
});
