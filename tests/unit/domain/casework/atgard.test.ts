import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ATGARD_STATUSAR,
  type AtgardFields,
  canChangeAtgardStatus,
  isOverdue,
  mergeAtgardStatus,
  openAtgarder,
  ValidAtgardFields,
} from '../../../../src/domain/atgard';

const MOTE = '00000000-0000-4000-8000-0000000000b1';
const atgard = (over: Partial<AtgardFields> = {}): AtgardFields => ({
  moteId: MOTE,
  part: 'af',
  vad: 'Boka gemensam kartläggning',
  ansvarigRoll: 'Arbetsförmedlare',
  senast: '2026-04-01',
  status: 'planerad',
  ...over,
});

const DAY = 86_400_000;
const isoDate = fc
  .integer({ min: Date.UTC(2024, 0, 1) / DAY, max: Date.UTC(2028, 11, 31) / DAY })
  .map((d) => new Date(d * DAY).toISOString().slice(0, 10));
const status = fc.constantFrom(...ATGARD_STATUSAR);

describe('AtgardFields', () => {
  it('accepts an agreed action with party, what, role, due date and status', () => {
    expect(ValidAtgardFields.safeParse(atgard()).success).toBe(true);
  });

  it('refuses an action without a description', () => {
    const r = ValidAtgardFields.safeParse(atgard({ vad: '' }));
    expect(r.error?.issues[0]?.message).toBe('Beskriv vad som ska göras.');
  });

  it('refuses an e-mail address in the description', () => {
    const r = ValidAtgardFields.safeParse(atgard({ vad: 'Mejla fornamn.efternamn@example.se' }));
    expect(r.error?.issues[0]?.message).toContain('e-postadress');
  });

  it("takes the deltagare's own actions as a party", () => {
    expect(
      ValidAtgardFields.safeParse(atgard({ part: 'deltagare', ansvarigRoll: 'Deltagaren' })).success,
    ).toBe(true);
  });
});

describe('isOverdue', () => {
  it('is overdue when open and the due date has passed', () => {
    expect(isOverdue(atgard({ status: 'pagar' }), '2026-04-02')).toBe(true);
  });

  it('is not overdue on the due date itself', () => {
    expect(isOverdue(atgard(), '2026-04-01')).toBe(false);
  });

  it('is never overdue once klar or inställd', () => {
    expect(isOverdue(atgard({ status: 'klar' }), '2027-01-01')).toBe(false);
    expect(isOverdue(atgard({ status: 'installd' }), '2027-01-01')).toBe(false);
  });
});

describe('openAtgarder', () => {
  it('keeps planned and ongoing actions, earliest due date first', () => {
    const a = atgard({ vad: 'a', senast: '2026-05-01' });
    const b = atgard({ vad: 'b', senast: '2026-04-01', status: 'pagar' });
    const c = atgard({ vad: 'c', senast: '2026-03-01', status: 'klar' });
    expect(openAtgarder([a, b, c]).map((x) => x.vad)).toEqual(['b', 'a']);
  });

  it('keeps list order for actions due the same day', () => {
    const list = ['x', 'y', 'z'].map((vad) => atgard({ vad }));
    expect(openAtgarder(list).map((x) => x.vad)).toEqual(['x', 'y', 'z']);
  });

  it('returns exactly the open actions, sorted by due date, without changing the input', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ senast: isoDate, status }), { maxLength: 20 }), (list) => {
        const before = [...list];
        const out = openAtgarder(list);
        expect(list).toEqual(before);
        expect(out).toHaveLength(list.filter((a) => a.status === 'planerad' || a.status === 'pagar').length);
        for (let i = 1; i < out.length; i++)
          expect((out[i - 1]?.senast ?? '') <= (out[i]?.senast ?? '')).toBe(true);
      }),
    );
  });
});

describe('canChangeAtgardStatus', () => {
  it('moves forward from planerad to pågår, klar or inställd', () => {
    expect(canChangeAtgardStatus('planerad', 'pagar')).toBe(true);
    expect(canChangeAtgardStatus('planerad', 'klar')).toBe(true);
    expect(canChangeAtgardStatus('pagar', 'installd')).toBe(true);
  });

  it('lets a cancelled action turn out done after all', () => {
    expect(canChangeAtgardStatus('installd', 'klar')).toBe(true);
  });

  it('never moves back, and a klar action stays klar', () => {
    expect(canChangeAtgardStatus('pagar', 'planerad')).toBe(false);
    expect(canChangeAtgardStatus('installd', 'pagar')).toBe(false);
    expect(canChangeAtgardStatus('klar', 'pagar')).toBe(false);
    expect(canChangeAtgardStatus('klar', 'installd')).toBe(false);
    expect(canChangeAtgardStatus('klar', 'klar')).toBe(false);
  });
});

describe('mergeAtgardStatus', () => {
  it('keeps klar when one device marks done and another cancels', () => {
    expect(mergeAtgardStatus('installd', 'klar')).toBe('klar');
    expect(mergeAtgardStatus('klar', 'installd')).toBe('klar');
  });

  it('converges whatever order the changes arrive in', () => {
    fc.assert(
      fc.property(status, status, status, (a, b, c) => {
        expect(mergeAtgardStatus(a, b)).toBe(mergeAtgardStatus(b, a));
        expect(mergeAtgardStatus(mergeAtgardStatus(a, b), c)).toBe(
          mergeAtgardStatus(a, mergeAtgardStatus(b, c)),
        );
        expect(mergeAtgardStatus(a, a)).toBe(a);
      }),
    );
  });

  it('only ever lands on a status each side could have moved to itself', () => {
    fc.assert(
      fc.property(status, status, (a, b) => {
        const m = mergeAtgardStatus(a, b);
        expect(m === a || canChangeAtgardStatus(a, m)).toBe(true);
        expect(m === b || canChangeAtgardStatus(b, m)).toBe(true);
      }),
    );
  });
});
