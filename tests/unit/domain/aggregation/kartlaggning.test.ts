import { describe, expect, it } from 'vitest';
import { protectOneWay, SUPPRESSED } from '../../../../src/domain/aggregation/disclosure';
import {
  EJ_ANGIVET,
  isActiveOn,
  type KartlaggningArende,
  kartlaggning,
  kartlaggningPerEnhet,
} from '../../../../src/domain/aggregation/kartlaggning';
import { DEFAULT_BEHOVSGRUPPER, FORSORJNINGSHINDER, KON } from '../../../../src/domain/arende';

const NORSJO = '00000000-0000-4000-8000-000000000001';
const SKELLEFTEA = '00000000-0000-4000-8000-000000000002';

/** A synthetic active ärende; fields not under test are filled with ordinary values. */
function arende(over: Partial<KartlaggningArende> = {}): KartlaggningArende {
  return {
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

describe('kartlaggning', () => {
  it('counts only the ärenden active on the date, in every dimension with the same total', () => {
    const arenden = [
      ...many(6),
      ...many(4, { avslutsdatum: '2026-03-01' }),
      ...many(3, { startdatum: '2026-07-01' }),
    ];
    const t = kartlaggning(arenden, '2026-04-01');
    for (const table of Object.values(t)) expect(table.total).toBe(6);
    expect(t.kon.categories).toEqual([...KON]);
    expect(t.kon.cells).toEqual([6, 0, 0, 0]);
  });

  it('lists the förbund’s behovsgrupper, then codes that occur, then ej angivet', () => {
    const arenden = [...many(5, { behovsgrupp: 'ovrigt' }), ...many(5, { behovsgrupp: null })];
    const t = kartlaggning(arenden, '2026-04-01', { behovsgrupper: ['a', 'b'] });
    expect(t.behovsgrupp.categories).toEqual(['a', 'b', EJ_ANGIVET, 'ovrigt']);
    expect(t.behovsgrupp.cells).toEqual([0, 0, 5, 5]);
    expect(kartlaggning([], '2026-04-01').behovsgrupp.categories).toEqual([
      ...DEFAULT_BEHOVSGRUPPER.map((b) => b.code),
      EJ_ANGIVET,
    ]);
  });

  it('computes långvarigt and mycket långvarigt from the month counts, unknown when not filled in', () => {
    const arenden = [
      ...many(5, { manaderAv12: 10, manaderAv36: 27 }),
      ...many(6, { manaderAv12: 9, manaderAv36: 26 }),
      ...many(7, { manaderAv12: null, manaderAv36: null }),
    ];
    const t = kartlaggning(arenden, '2026-04-01');
    expect(t.langvarigt).toEqual({ categories: ['ja', 'nej', 'okant'], cells: [5, 6, 7], total: 18 });
    expect(t.mycketLangvarigt.cells).toEqual([5, 6, 7]);
  });

  it('hides small counts and shows the rest when the hidden ones can still vary', () => {
    const arenden = [
      ...many(1, { forsorjningshinder: 'sjukdom' }),
      ...many(2, { forsorjningshinder: null }),
      ...many(21),
    ];
    const t = kartlaggning(arenden, '2026-04-01');
    expect(t.forsorjningshinder.categories).toEqual([...FORSORJNINGSHINDER, EJ_ANGIVET]);
    expect(t.forsorjningshinder.cells).toEqual([21, SUPPRESSED, 0, 0, 0, 0, 0, SUPPRESSED]);
    expect(t.forsorjningshinder.total).toBe(24);
  });

  it('hides every table whole when fewer than five ärenden are active', () => {
    const t = kartlaggning(many(3, { enhetId: NORSJO }), '2026-04-01');
    expect(t.enhet).toEqual({ categories: [NORSJO], cells: [SUPPRESSED], total: SUPPRESSED });
    expect(t.kon.cells.every((c) => c === SUPPRESSED)).toBe(true);
  });

  it('refuses a date that is not ÅÅÅÅ-MM-DD', () => {
    expect(() => kartlaggning([], '1/4/2026')).toThrow(RangeError);
  });
});

describe('kartlaggningPerEnhet', () => {
  it('has margins equal to the one-way tables, so one enhet’s row cannot be subtracted from them', () => {
    const arenden = [
      ...many(3, { enhetId: NORSJO, kon: 'kvinna' }),
      ...many(4, { enhetId: NORSJO, kon: 'man' }),
      ...many(20, { enhetId: SKELLEFTEA, kon: 'kvinna' }),
      ...many(9, { enhetId: SKELLEFTEA, kon: 'man' }),
    ];
    const one = kartlaggning(arenden, '2026-04-01', { enheter: [NORSJO, SKELLEFTEA] });
    const per = kartlaggningPerEnhet(arenden, '2026-04-01', 'kon', { enheter: [NORSJO, SKELLEFTEA] });
    expect(per.enheter).toEqual([NORSJO, SKELLEFTEA]);
    expect(per.table.rowTotals).toEqual(one.enhet.cells);
    expect(per.table.colTotals).toEqual(one.kon.cells);
    expect(per.table.rowTotals).toEqual(protectOneWay([7, 29]).cells);
    expect(per.table.cells[0]).toEqual([SUPPRESSED, SUPPRESSED, 0, 0]);
    expect(per.table.cells[1]?.slice(0, 2)).toEqual([SUPPRESSED, SUPPRESSED]);
  });
});
