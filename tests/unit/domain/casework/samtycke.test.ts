import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  activeSamtycke,
  emptySamtyckeFields,
  isSamtyckeActive,
  SAMTYCKE_TYPER,
  Samtycke,
  type SamtyckeFields,
  samtyckeCrossFieldIssues,
  ValidSamtyckeFields,
} from '../../../../src/domain/samtycke';

const USER = '00000000-0000-4000-8000-000000000001';
const fields = (over: Partial<SamtyckeFields> = {}): SamtyckeFields => ({
  ...emptySamtyckeFields('sip', '2026-03-01', USER),
  parties: ['socialtjanst', 'vardcentral'],
  ...over,
});

const DAY = 86_400_000;
const isoDate = fc
  .integer({ min: Date.UTC(2020, 0, 1) / DAY, max: Date.UTC(2030, 11, 31) / DAY })
  .map((d) => new Date(d * DAY).toISOString().slice(0, 10));

describe('SamtyckeFields', () => {
  it('accepts a written SIP samtycke covering kommun and region parties', () => {
    expect(ValidSamtyckeFields.safeParse(fields()).success).toBe(true);
  });

  it('refuses a withdrawal dated before the samtycke was given', () => {
    expect(samtyckeCrossFieldIssues(fields({ withdrawnDate: '2026-02-28' }))).toEqual([
      { path: 'withdrawnDate', message: 'Ett samtycke kan inte återkallas före det datum det gavs.' },
    ]);
  });

  it('accepts a withdrawal on the same day the samtycke was given', () => {
    expect(samtyckeCrossFieldIssues(fields({ withdrawnDate: '2026-03-01' }))).toEqual([]);
  });

  it('does not let the deltagare be a party the samtycke covers', () => {
    const r = ValidSamtyckeFields.safeParse({ ...fields(), parties: ['deltagare'] });
    expect(r.success).toBe(false);
  });

  it('requires named parties when sekretess is waived', () => {
    const issues = samtyckeCrossFieldIssues(fields({ kind: 'upphavande_sekretess', parties: [] }));
    expect(issues.map((i) => i.path)).toEqual(['parties']);
  });

  it('allows an enkät samtycke that covers no party', () => {
    expect(samtyckeCrossFieldIssues(fields({ kind: 'enkat', parties: [] }))).toEqual([]);
  });

  it('flags a party listed twice', () => {
    const issues = samtyckeCrossFieldIssues(fields({ parties: ['af', 'af'] }));
    expect(issues).toEqual([{ path: 'parties', message: 'En part är angiven två gånger.' }]);
  });

  it('parses a stored record with its ids and version', () => {
    const record = {
      ...fields(),
      id: '00000000-0000-4000-8000-0000000000a1',
      forbundId: '00000000-0000-4000-8000-0000000000f1',
      arendeId: '00000000-0000-4000-8000-0000000000e1',
      createdAt: '2026-03-01T10:00:00.000Z',
      updatedAt: '2026-03-01T10:00:00.000Z',
      version: 0,
    };
    expect(Samtycke.parse(record)).toEqual(record);
  });
});

describe('activeSamtycke', () => {
  it('finds nothing in an empty list', () => {
    expect(activeSamtycke([], 'sip', '2026-03-01')).toBeNull();
  });

  it('is in force from the day it is given', () => {
    expect(activeSamtycke([fields()], 'sip', '2026-03-01')).not.toBeNull();
    expect(activeSamtycke([fields()], 'sip', '2026-02-28')).toBeNull();
  });

  it('is in force the day before it is withdrawn, not on the day itself', () => {
    const s = fields({ withdrawnDate: '2026-05-10' });
    expect(activeSamtycke([s], 'sip', '2026-05-09')).toBe(s);
    expect(activeSamtycke([s], 'sip', '2026-05-10')).toBeNull();
  });

  it('ignores samtycken of other kinds', () => {
    expect(activeSamtycke([fields({ kind: 'enkat' })], 'sip', '2026-04-01')).toBeNull();
  });

  it('returns the most recently given of several active samtycken', () => {
    const older = fields({ date: '2026-01-01' });
    const newer = fields({ date: '2026-02-01', form: 'muntligt' });
    expect(activeSamtycke([newer, older], 'sip', '2026-03-01')).toBe(newer);
    expect(activeSamtycke([older, newer], 'sip', '2026-03-01')).toBe(newer);
  });

  it('returns an active samtycke of the asked kind exactly when one exists', () => {
    const arb = fc.record({
      kind: fc.constantFrom(...SAMTYCKE_TYPER),
      date: isoDate,
      withdrawnDate: fc.option(isoDate, { nil: null }),
    });
    fc.assert(
      fc.property(
        fc.array(arb, { maxLength: 8 }),
        fc.constantFrom(...SAMTYCKE_TYPER),
        isoDate,
        (list, kind, on) => {
          const found = activeSamtycke(list, kind, on);
          const anyActive = list.some((s) => s.kind === kind && isSamtyckeActive(s, on));
          expect(found !== null).toBe(anyActive);
          if (found) {
            expect(found.kind).toBe(kind);
            expect(isSamtyckeActive(found, on)).toBe(true);
          }
        },
      ),
    );
  });
});
