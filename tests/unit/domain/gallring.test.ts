import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GallringAr, gallringsdatum, gallringsdatumOf, isDueForGallring } from '../../../src/domain/gallring';

const DAY = 86_400_000;
const isoDate = fc
  .integer({ min: Date.UTC(2000, 0, 1) / DAY, max: Date.UTC(2060, 11, 31) / DAY })
  .map((d) => new Date(d * DAY).toISOString().slice(0, 10));

describe('gallringsdatum', () => {
  it('is the avslutsdatum that many years later', () => {
    expect(gallringsdatum('2021-03-15', 5)).toBe('2026-03-15');
    expect(gallringsdatum('2021-12-31', 1)).toBe('2022-12-31');
  });

  it('puts 29 February on 28 February in a year without it, and keeps it in a leap year', () => {
    expect(gallringsdatum('2024-02-29', 1)).toBe('2025-02-28');
    expect(gallringsdatum('2024-02-29', 4)).toBe('2028-02-29');
  });

  it('is a valid date, never before the avslut, and later the more years (property)', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: 1, max: 30 }), (avslut, ar) => {
        const d = gallringsdatum(avslut, ar);
        expect(new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10)).toBe(d);
        expect(d > avslut).toBe(true);
        expect(Number(d.slice(0, 4)) - Number(avslut.slice(0, 4))).toBe(ar);
        if (ar < 30) expect(gallringsdatum(avslut, ar + 1) > d).toBe(true);
      }),
      { seed: 8, numRuns: 500 },
    );
  });
});

describe('isDueForGallring', () => {
  it('never for an open ärende, nor while the förbund has no period', () => {
    expect(gallringsdatumOf({ status: 'aktiv', avslutsdatum: null }, 5)).toBeNull();
    expect(isDueForGallring({ status: 'aktiv', avslutsdatum: null }, 1, '2099-01-01')).toBe(false);
    expect(isDueForGallring({ status: 'avslutad', avslutsdatum: '2001-01-01' }, null, '2099-01-01')).toBe(
      false,
    );
  });

  it('from the gallringsdatum on, not the day before', () => {
    const a = { status: 'avslutad', avslutsdatum: '2020-06-10' };
    expect(isDueForGallring(a, 5, '2025-06-09')).toBe(false);
    expect(isDueForGallring(a, 5, '2025-06-10')).toBe(true);
    expect(isDueForGallring(a, 5, '2031-01-01')).toBe(true);
  });

  it('exactly when closed and the date has come (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('aktiv', 'avslutad'),
        fc.option(isoDate, { nil: null }),
        fc.option(fc.integer({ min: 1, max: 30 }), { nil: null }),
        isoDate,
        (status, avslutsdatum, ar, today) => {
          const due = isDueForGallring({ status, avslutsdatum }, ar, today);
          const expected =
            status === 'avslutad' &&
            avslutsdatum !== null &&
            ar !== null &&
            gallringsdatum(avslutsdatum, ar) <= today;
          expect(due).toBe(expected);
        },
      ),
      { seed: 9, numRuns: 500 },
    );
  });
});

describe('GallringAr', () => {
  it('takes whole years 1–30 and nothing else', () => {
    for (const ok of [1, 5, 30]) expect(GallringAr.safeParse(ok).success).toBe(true);
    for (const bad of [0, -1, 31, 2.5, Number.NaN, Number.POSITIVE_INFINITY, 1e12, '5', null])
      expect(GallringAr.safeParse(bad).success).toBe(false);
  });
});
