import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ArendeFields,
  arendeCrossFieldIssues,
  emptyArendeFields,
  langvarighet,
  ValidArendeFields,
} from '../../../src/domain/arende';

const ENHET = '3f1c2a9e-5b7d-4e21-9c3a-1d2e3f4a5b6c';
const HANDLAGGARE = '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d';

const fields = (patch: Partial<ArendeFields> = {}): ArendeFields => ({
  ...emptyArendeFields(ENHET, HANDLAGGARE, '2026-03-02'),
  ...patch,
});
const issuePaths = (a: ArendeFields) => arendeCrossFieldIssues(a).map((i) => i.path);

describe('langvarighet', () => {
  it('is långvarigt from 10 of the last 12 months, not at 9', () => {
    expect(langvarighet({ manaderAv12: 9, manaderAv36: null }).langvarigt).toBe(false);
    expect(langvarighet({ manaderAv12: 10, manaderAv36: null }).langvarigt).toBe(true);
  });

  it('is mycket långvarigt from 27 of the last 36 months, not at 26', () => {
    expect(langvarighet({ manaderAv12: null, manaderAv36: 26 }).mycketLangvarigt).toBe(false);
    expect(langvarighet({ manaderAv12: null, manaderAv36: 27 }).mycketLangvarigt).toBe(true);
  });

  it('follows the thresholds for every month count and reports an unknown count as null, never false', () => {
    const count = (max: number) => fc.option(fc.integer({ min: 0, max }), { nil: null });
    fc.assert(
      fc.property(count(12), count(36), (m12, m36) => {
        expect(langvarighet({ manaderAv12: m12, manaderAv36: m36 })).toEqual({
          langvarigt: m12 === null ? null : m12 >= 10,
          mycketLangvarigt: m36 === null ? null : m36 >= 27,
        });
      }),
    );
  });
});

describe('arendeCrossFieldIssues', () => {
  it('finds nothing wrong with a new, empty ärende', () => {
    expect(arendeCrossFieldIssues(fields())).toEqual([]);
  });

  it('refuses fewer months of the last 36 than of the last 12', () => {
    expect(issuePaths(fields({ manaderAv12: 10, manaderAv36: 9 }))).toEqual(['manaderAv36']);
    expect(issuePaths(fields({ manaderAv12: 10, manaderAv36: 10 }))).toEqual([]);
  });

  it('refuses more than 24 of the 36 months before the last 12', () => {
    expect(issuePaths(fields({ manaderAv12: 2, manaderAv36: 27 }))).toEqual(['manaderAv36']);
    expect(issuePaths(fields({ manaderAv12: 3, manaderAv36: 27 }))).toEqual([]);
  });

  it('accepts every pair of month counts that can occur together', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 24 }), (m12, earlier) => {
        expect(issuePaths(fields({ manaderAv12: m12, manaderAv36: m12 + earlier }))).toEqual([]);
      }),
    );
  });

  it('needs both avslutsdatum and avslutsorsak for an avslutat ärende', () => {
    expect(issuePaths(fields({ status: 'avslutad' }))).toEqual(['avslutsdatum', 'avslutsorsak']);
    expect(issuePaths(fields({ status: 'avslutad', avslutsdatum: '2026-06-01' }))).toEqual(['avslutsorsak']);
    expect(issuePaths(fields({ status: 'avslutad', avslutsorsak: 'arbete' }))).toEqual(['avslutsdatum']);
    expect(
      issuePaths(fields({ status: 'avslutad', avslutsdatum: '2026-06-01', avslutsorsak: 'arbete' })),
    ).toEqual([]);
  });

  it('refuses an avslutsdatum or avslutsorsak on an aktivt ärende', () => {
    expect(issuePaths(fields({ avslutsdatum: '2026-06-01' }))).toEqual(['status']);
    expect(issuePaths(fields({ avslutsorsak: 'flyttat' }))).toEqual(['status']);
  });

  it('allows sjukdom sub-situations only when the hinder is sjukdom', () => {
    const situationer: ArendeFields['sjukdomSituationer'] = ['vantar_beslut_fk'];
    expect(issuePaths(fields({ forsorjningshinder: 'sjukdom', sjukdomSituationer: situationer }))).toEqual(
      [],
    );
    expect(
      issuePaths(fields({ forsorjningshinder: 'arbetsloshet', sjukdomSituationer: situationer })),
    ).toEqual(['sjukdomSituationer']);
    expect(issuePaths(fields({ forsorjningshinder: null, sjukdomSituationer: situationer }))).toEqual([
      'sjukdomSituationer',
    ]);
  });

  it('refuses a party named twice', () => {
    expect(issuePaths(fields({ parter: ['af', 'fk', 'af'] }))).toEqual(['parter']);
  });

  it('refuses an avslutsdatum before the startdatum but accepts the same day', () => {
    const avslutat = { status: 'avslutad', avslutsorsak: 'studier' } as const;
    expect(issuePaths(fields({ ...avslutat, avslutsdatum: '2026-03-01' }))).toEqual(['avslutsdatum']);
    expect(issuePaths(fields({ ...avslutat, avslutsdatum: '2026-03-02' }))).toEqual([]);
  });
});

describe('ValidArendeFields', () => {
  const isoDay = fc
    .date({
      min: new Date('1990-01-01T00:00:00Z'),
      max: new Date('2099-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10));

  it('accepts what emptyArendeFields returns for any enhet, handläggare and day', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.uuid(), isoDay, (enhet, handlaggare, today) => {
        expect(ValidArendeFields.safeParse(emptyArendeFields(enhet, handlaggare, today)).success).toBe(true);
      }),
    );
  });

  it('reports a cross-field issue at the field it concerns', () => {
    const result = ValidArendeFields.safeParse(fields({ status: 'avslutad', avslutsorsak: 'arbete' }));
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path)).toEqual([['avslutsdatum']]);
  });

  it('refuses identifying data in anteckningar', () => {
    const result = ValidArendeFields.safeParse(fields({ anteckningar: 'Ring 070-123 45 67.' }));
    expect(result.error?.issues.map((i) => i.path)).toEqual([['anteckningar']]);
  });

  it('refuses month counts outside 0–12 and 0–36', () => {
    expect(ValidArendeFields.safeParse(fields({ manaderAv12: 13, manaderAv36: 13 })).success).toBe(false);
    expect(ValidArendeFields.safeParse(fields({ manaderAv12: -1 })).success).toBe(false);
    expect(ValidArendeFields.safeParse(fields({ manaderAv12: 12, manaderAv36: 37 })).success).toBe(false);
  });
});
