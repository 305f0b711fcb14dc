import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  activeSamtycke,
  emptySamtyckeFields,
  SAMTYCKE_BESLUT,
  Samtycke,
  type SamtyckeFields,
  type SamtyckeWindow,
  samtyckeCrossFieldIssues,
  samtyckeLage,
} from '../../../../src/domain/samtycke';

const USER = '00000000-0000-4000-8000-000000000001';
const OTHER = '00000000-0000-4000-8000-000000000002';
const fields = (over: Partial<SamtyckeFields> = {}): SamtyckeFields => ({
  ...emptySamtyckeFields('sip', '2026-03-01', USER),
  parties: ['socialtjanst', 'psykiatri'],
  ...over,
});

const DAY = 86_400_000;
const isoDate = fc
  .integer({ min: Date.UTC(2024, 0, 1) / DAY, max: Date.UTC(2027, 11, 31) / DAY })
  .map((d) => new Date(d * DAY).toISOString().slice(0, 10));

describe('a refused samtycke', () => {
  it('is recorded with who asked, when and for what, and is never in force', () => {
    const refused = fields({ decision: 'nekat', date: '2026-03-05' });
    expect(samtyckeCrossFieldIssues(refused)).toEqual([]);
    expect(activeSamtycke([refused], 'sip', '2026-06-01')).toBeNull();
    expect(samtyckeLage([refused], 'sip', '2026-06-01')).toEqual({ state: 'nekat', samtycke: refused });
    expect(refused).toMatchObject({ recordedBy: USER, date: '2026-03-05', kind: 'sip' });
  });

  it('cannot be withdrawn: it never applied', () => {
    const issues = samtyckeCrossFieldIssues(
      fields({ decision: 'nekat', withdrawnDate: '2026-04-01', withdrawnBy: USER }),
    );
    expect(issues).toContainEqual({
      path: 'withdrawnDate',
      message: 'Ett nekat samtycke kan inte återkallas – det har aldrig gällt.',
    });
  });

  it('overrides an earlier consent, and is overridden by a later one', () => {
    const given = fields({ date: '2026-01-10' });
    const refused = fields({ decision: 'nekat', date: '2026-02-10' });
    const again = fields({ date: '2026-03-10' });
    expect(samtyckeLage([given, refused], 'sip', '2026-02-20').state).toBe('nekat');
    expect(samtyckeLage([given, refused], 'sip', '2026-02-01').state).toBe('gallande');
    expect(samtyckeLage([given, refused, again], 'sip', '2026-03-20')).toEqual({
      state: 'gallande',
      samtycke: again,
    });
  });

  it('on the same day, the one recorded later counts', () => {
    const given = { ...fields({ date: '2026-02-10' }), createdAt: '2026-02-10T09:00:00.000Z' };
    const refused = {
      ...fields({ decision: 'nekat', date: '2026-02-10' }),
      createdAt: '2026-02-10T10:00:00.000Z',
    };
    expect(samtyckeLage([refused, given], 'sip', '2026-02-10').state).toBe('nekat');
    expect(
      samtyckeLage([{ ...given, createdAt: '2026-02-10T11:00:00.000Z' }, refused], 'sip', '2026-02-10').state,
    ).toBe('gallande');
  });
});

describe('a withdrawn samtycke', () => {
  it('keeps its date and who recorded the withdrawal; from that day it no longer applies', () => {
    const w = fields({ withdrawnDate: '2026-04-02', withdrawnBy: OTHER });
    expect(samtyckeCrossFieldIssues(w)).toEqual([]);
    expect(samtyckeLage([w], 'sip', '2026-04-01').state).toBe('gallande');
    expect(samtyckeLage([w], 'sip', '2026-04-02')).toEqual({ state: 'aterkallat', samtycke: w });
  });

  it('needs a date when someone is named as recording it', () => {
    expect(samtyckeCrossFieldIssues(fields({ withdrawnBy: USER }))).toEqual([
      { path: 'withdrawnDate', message: 'Ange datum då samtycket återkallades.' },
    ]);
  });

  it('is "saknas" before anything was asked, and for another kind', () => {
    expect(samtyckeLage([], 'sip', '2026-01-01')).toEqual({ state: 'saknas' });
    expect(samtyckeLage([fields({ kind: 'enkat' })], 'sip', '2026-06-01')).toEqual({ state: 'saknas' });
  });
});

describe('Samtycke records stored before refusals existed', () => {
  it('read as given, with no recorder of a withdrawal', () => {
    const { decision: _d, withdrawnBy: _w, ...old } = fields({ withdrawnDate: '2026-05-01' });
    const parsed = Samtycke.parse({
      ...old,
      id: '00000000-0000-4000-8000-0000000000a1',
      forbundId: '00000000-0000-4000-8000-0000000000f1',
      arendeId: '00000000-0000-4000-8000-0000000000e1',
      createdAt: '2026-03-01T10:00:00.000Z',
      updatedAt: '2026-03-01T10:00:00.000Z',
      version: 1,
    });
    expect(parsed).toMatchObject({ decision: 'lamnat', withdrawnBy: null, withdrawnDate: '2026-05-01' });
  });
});

describe('samtyckeLage (property)', () => {
  const arb: fc.Arbitrary<SamtyckeWindow & { createdAt: string }> = fc
    .record({
      decision: fc.constantFrom(...SAMTYCKE_BESLUT),
      date: isoDate,
      withdrawAfter: fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }),
      n: fc.integer({ min: 0, max: 1000 }),
    })
    .map(({ decision, date, withdrawAfter, n }) => ({
      kind: 'sip' as const,
      decision,
      date,
      createdAt: `${date}T${String(n % 24).padStart(2, '0')}:00:00.000Z`,
      withdrawnDate:
        decision === 'nekat' || withdrawAfter === null
          ? null
          : new Date(Date.parse(date) + withdrawAfter * DAY).toISOString().slice(0, 10),
    }));

  it('is in force exactly when a given, unwithdrawn samtycke is newer than every refusal', () => {
    fc.assert(
      fc.property(fc.array(arb, { maxLength: 8 }), isoDate, (list, on) => {
        const lage = samtyckeLage(list, 'sip', on);
        const key = (s: { date: string; createdAt: string }) => `${s.date}|${s.createdAt}`;
        const decided = list.filter((s) => s.date <= on);
        const refusals = decided.filter((s) => s.decision === 'nekat').map(key);
        const active = decided.filter(
          (s) => s.decision === 'lamnat' && (s.withdrawnDate === null || on < s.withdrawnDate),
        );
        const expected = active.some((a) => refusals.every((r) => key(a) > r));
        expect(lage.state === 'gallande').toBe(expected);
        expect(activeSamtycke(list, 'sip', on) !== null).toBe(expected);
        if (lage.state === 'saknas') expect(decided).toEqual([]);
        if (lage.state === 'nekat') expect(lage.samtycke.decision).toBe('nekat');
        if (lage.state === 'aterkallat') expect(String(lage.samtycke.withdrawnDate) <= on).toBe(true);
      }),
      { seed: 1818, numRuns: 500 },
    );
  });
});
