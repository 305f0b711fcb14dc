import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INSTRUMENT_VERSION, KNOWN_INSTRUMENT_VERSIONS } from '../../../../src/domain/instrument/version';
import {
  addCalendarMonths,
  DEFAULT_INTERVAL_MONTHS,
  measurementsDue,
  progressionSeries,
  Stegmatning,
  type StegmatningFields,
  StegmatningFields as StegmatningFieldsSchema,
  shouldOfferMeasurement,
} from '../../../../src/domain/stegforflyttning';

const DAY = 86_400_000;
const isoDate = fc
  .integer({ min: Date.UTC(2020, 0, 1) / DAY, max: Date.UTC(2035, 11, 31) / DAY })
  .map((d) => new Date(d * DAY).toISOString().slice(0, 10));
const dayBefore = (iso: string) => new Date(Date.parse(iso) - DAY).toISOString().slice(0, 10);

const measurement = (over: Partial<StegmatningFields> = {}): StegmatningFields => ({
  item: 'M14',
  value: 3,
  date: '2026-01-15',
  moteId: null,
  instrumentVersion: 'B',
  ...over,
});

describe('addCalendarMonths', () => {
  it('keeps the day of month when the target month has it', () => {
    expect(addCalendarMonths('2026-01-15', 2)).toBe('2026-03-15');
    expect(addCalendarMonths('2025-12-15', 2)).toBe('2026-02-15');
  });

  it('falls on the last day of a shorter month', () => {
    expect(addCalendarMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addCalendarMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addCalendarMonths('2026-03-31', 1)).toBe('2026-04-30');
    expect(addCalendarMonths('2025-11-30', 3)).toBe('2026-02-28');
  });

  it('lands in the right month, never on a later day of month than it started', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: 1, max: 12 }), (d, n) => {
        const r = addCalendarMonths(d, n);
        const months = (iso: string) => Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7));
        expect(months(r) - months(d)).toBe(n);
        expect(Number(r.slice(8, 10))).toBeLessThanOrEqual(Number(d.slice(8, 10)));
        expect(Number.isNaN(Date.parse(r))).toBe(false);
      }),
    );
  });
});

describe('shouldOfferMeasurement', () => {
  it('offers a measurement when the slot was never measured', () => {
    expect(shouldOfferMeasurement(null, '2026-03-01')).toBe(true);
  });

  it('defaults to an interval of two months', () => {
    expect(DEFAULT_INTERVAL_MONTHS).toBe(2);
    expect(shouldOfferMeasurement('2026-01-15', '2026-03-14')).toBe(false);
    expect(shouldOfferMeasurement('2026-01-15', '2026-03-15')).toBe(true);
  });

  it('offers again from the last day of a shorter month after a month-end measurement', () => {
    expect(shouldOfferMeasurement('2026-01-31', '2026-02-27', 1)).toBe(false);
    expect(shouldOfferMeasurement('2026-01-31', '2026-02-28', 1)).toBe(true);
  });

  it('does not offer at a meeting dated before the last measurement', () => {
    expect(shouldOfferMeasurement('2026-05-01', '2026-04-01', 1)).toBe(false);
  });

  it('refuses an interval that is not 1–12 whole months', () => {
    expect(() => shouldOfferMeasurement(null, '2026-03-01', 0)).toThrow(RangeError);
    expect(() => shouldOfferMeasurement(null, '2026-03-01', 1.5)).toThrow(RangeError);
  });

  it('offers from the day the interval is reached and not the day before', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: 1, max: 12 }), (last, n) => {
        const due = addCalendarMonths(last, n);
        expect(shouldOfferMeasurement(last, due, n)).toBe(true);
        expect(shouldOfferMeasurement(last, dayBefore(due), n)).toBe(false);
      }),
    );
  });

  it('once it offers, keeps offering at every later meeting', () => {
    fc.assert(
      fc.property(isoDate, isoDate, isoDate, fc.integer({ min: 1, max: 12 }), (last, a, b, n) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        if (shouldOfferMeasurement(last, early, n)) expect(shouldOfferMeasurement(last, late, n)).toBe(true);
      }),
    );
  });

  it('a longer interval never offers where a shorter one would not', () => {
    fc.assert(
      fc.property(isoDate, isoDate, fc.integer({ min: 1, max: 11 }), (last, meeting, n) => {
        if (shouldOfferMeasurement(last, meeting, n + 1))
          expect(shouldOfferMeasurement(last, meeting, n)).toBe(true);
      }),
    );
  });
});

describe('measurementsDue', () => {
  it('offers both M14 and M15 on an ärende never measured', () => {
    expect(measurementsDue([], '2026-03-01')).toEqual(['M14', 'M15']);
  });

  it('judges each slot by its own latest measurement', () => {
    const list = [
      measurement({ item: 'M14', date: '2026-02-20' }),
      measurement({ item: 'M14', date: '2025-10-01' }),
      measurement({ item: 'M15', date: '2025-12-01' }),
    ];
    expect(measurementsDue(list, '2026-03-01')).toEqual(['M15']);
  });

  it('follows the förbund’s interval: the same history is due at 1 month, not at 3', () => {
    const list = [
      measurement({ item: 'M14', date: '2026-01-20' }),
      measurement({ item: 'M15', date: '2026-01-20' }),
    ];
    expect(measurementsDue(list, '2026-02-20', 1)).toEqual(['M14', 'M15']);
    expect(measurementsDue(list, '2026-02-20', 3)).toEqual([]);
    expect(measurementsDue(list, '2026-04-20', 3)).toEqual(['M14', 'M15']);
    expect(() => measurementsDue(list, '2026-04-20', 13)).toThrow(RangeError);
  });
});

describe('progressionSeries', () => {
  it('splits the measurements per slot, oldest first', () => {
    const list = [
      measurement({ item: 'M15', date: '2026-03-01', value: 4 }),
      measurement({ item: 'M14', date: '2026-03-01', value: 2 }),
      measurement({ item: 'M14', date: '2026-01-01', value: 1 }),
    ];
    const s = progressionSeries(list);
    expect(s.M14.map((m) => [m.date, m.value])).toEqual([
      ['2026-01-01', 1],
      ['2026-03-01', 2],
    ]);
    expect(s.M15.map((m) => m.value)).toEqual([4]);
  });

  it('gives empty series when nothing is measured', () => {
    expect(progressionSeries([])).toEqual({ M14: [], M15: [] });
  });

  it('keeps every measurement, sorted, without changing the input', () => {
    const arb = fc.record({
      item: fc.constantFrom('M14' as const, 'M15' as const),
      date: isoDate,
      value: fc.integer({ min: 1, max: 5 }),
    });
    fc.assert(
      fc.property(fc.array(arb, { maxLength: 20 }), (list) => {
        const before = [...list];
        const s = progressionSeries(list);
        expect(list).toEqual(before);
        expect(s.M14.length + s.M15.length).toBe(list.length);
        for (const series of [s.M14, s.M15])
          for (let i = 1; i < series.length; i++)
            expect((series[i - 1]?.date ?? '') <= (series[i]?.date ?? '')).toBe(true);
      }),
    );
  });
});

describe('StegmatningFields', () => {
  it('accepts whole values 1–5 and refuses anything else', () => {
    for (const value of [1, 5])
      expect(StegmatningFieldsSchema.safeParse(measurement({ value })).success).toBe(true);
    for (const value of [0, 6, 2.5])
      expect(StegmatningFieldsSchema.safeParse(measurement({ value })).error?.issues[0]?.message).toBe(
        'Ange ett värde 1–5.',
      );
  });

  it('keeps the instrument version it was asked in, of any version Fältsam knows, and refuses others', () => {
    for (const v of KNOWN_INSTRUMENT_VERSIONS)
      expect(StegmatningFieldsSchema.parse(measurement({ instrumentVersion: v })).instrumentVersion).toBe(v);
    expect(KNOWN_INSTRUMENT_VERSIONS.at(-1)).toBe(INSTRUMENT_VERSION);
    for (const bad of ['C', '', 'nns-karnindikatorer-B-2014-12-17.2', 'B\u0000'])
      expect(
        StegmatningFieldsSchema.safeParse({ ...measurement(), instrumentVersion: bad }).error?.issues[0]
          ?.message,
      ).toBe('Mätningen hör till en version av enkäten som Fältsam inte känner till.');
  });

  it('refuses a slot other than M14 or M15', () => {
    expect(StegmatningFieldsSchema.safeParse({ ...measurement(), item: 'M13' }).success).toBe(false);
  });

  it('parses a stored record taken at a meeting', () => {
    const record = {
      ...measurement({ moteId: '00000000-0000-4000-8000-0000000000b1' }),
      id: '00000000-0000-4000-8000-0000000000a4',
      forbundId: '00000000-0000-4000-8000-0000000000f1',
      arendeId: '00000000-0000-4000-8000-0000000000e1',
      createdAt: '2026-01-15T09:00:00.000Z',
      updatedAt: '2026-01-15T09:00:00.000Z',
      version: 0,
    };
    expect(Stegmatning.parse(record)).toEqual(record);
  });
});
