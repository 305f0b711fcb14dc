import { describe, expect, it } from 'vitest';
import { Halvar, halvar, halvarBounds } from '../../../../src/domain/aggregation/periods';

describe('halvar', () => {
  it('puts January–June in H1 and July–December in H2', () => {
    expect(halvar('2026-01-01')).toBe('2026H1');
    expect(halvar('2026-06-30')).toBe('2026H1');
    expect(halvar('2026-07-01')).toBe('2026H2');
    expect(halvar('2026-08-01')).toBe('2026H2');
    expect(halvar('2026-12-31')).toBe('2026H2');
  });

  it('refuses timestamps and malformed dates rather than guess the day', () => {
    expect(() => halvar('2026-06-30T23:30:00Z')).toThrow(RangeError);
    expect(() => halvar('2026-13-01')).toThrow(RangeError);
    expect(() => halvar('26-01-01')).toThrow(RangeError);
  });
});

describe('halvarBounds', () => {
  it('gives the first and last date of each half', () => {
    expect(halvarBounds('2026H1')).toEqual({ first: '2026-01-01', last: '2026-06-30' });
    expect(halvarBounds('2026H2')).toEqual({ first: '2026-07-01', last: '2026-12-31' });
  });

  it('refuses a period that is not a halvår', () => {
    expect(() => halvarBounds('2026H3')).toThrow(RangeError);
    expect(Halvar.safeParse('2026H3').success).toBe(false);
    expect(Halvar.safeParse('2026H2').success).toBe(true);
  });
});
