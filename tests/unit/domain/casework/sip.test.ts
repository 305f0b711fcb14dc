import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SamtyckeFields } from '../../../../src/domain/samtycke';
import {
  canMarkUpprattad,
  canTransitionSip,
  daysToStart,
  emptySipFields,
  huvudmanFor,
  SIP_STATUSAR,
  Sip,
  type SipFields,
  sipCrossFieldIssues,
  ValidSipFields,
} from '../../../../src/domain/sip';
import { SIP_CHECKLIST, SIP_LAGRUM, sipChecklistStatus } from '../../../../src/domain/sip-checklist';

const USER = '00000000-0000-4000-8000-000000000001';
const ON = '2026-03-15';
const sipSamtycke = (over: Partial<SamtyckeFields> = {}): SamtyckeFields => ({
  kind: 'sip',
  parties: ['socialtjanst', 'psykiatri'],
  date: '2026-03-01',
  form: 'skriftligt',
  decision: 'lamnat',
  recordedBy: USER,
  withdrawnDate: null,
  withdrawnBy: null,
  ...over,
});

/** A plan that meets items 1–10. */
const complete = (over: Partial<SipFields> = {}): SipFields => ({
  ...emptySipFields('2026-02-20'),
  behovFranBada: true,
  bedomningAv: 'bada',
  arbeteStartatDatum: '2026-03-02',
  deltagareMedverkan: 'medverkade',
  narstaende: 'deltagaren_motsatte_sig',
  insatser: [
    { vad: 'Försörjningsstöd och arbetsmarknadsinsats', part: 'socialtjanst', ansvarig: 'Socialsekreterare' },
    { vad: 'Samtalsbehandling', part: 'psykiatri', ansvarig: 'Koordinator' },
    { vad: 'Gemensam kartläggning', part: 'af', ansvarig: 'Arbetsförmedlare' },
  ],
  overgripandeAnsvar: 'kommunen',
  ...over,
});

/** One way to break each checklist item 1–10 (item 3 through the samtycken). */
const BREAK: Record<number, (s: SipFields) => SipFields> = {
  1: (s) => ({ ...s, behovFranBada: false }),
  2: (s) => ({ ...s, bedomningAv: null }),
  4: (s) => ({ ...s, arbeteStartatDatum: null }),
  5: (s) => ({ ...s, deltagareMedverkan: 'medverkade_inte', medverkanSkal: '' }),
  6: (s) => ({ ...s, narstaende: null }),
  9: (s) => ({ ...s, insatser: s.insatser.filter((i) => i.part !== 'af'), ingaAtgarderAvAndra: false }),
  10: (s) => ({ ...s, overgripandeAnsvar: null }),
};

describe('SIP_CHECKLIST', () => {
  it('holds items 1–22 of DOMAIN.md §2.4 in order', () => {
    expect(SIP_CHECKLIST.map((i) => i.nr)).toEqual(Array.from({ length: 22 }, (_, k) => k + 1));
  });

  it('marks the statutory items 1–10 mandatory and 13–22 recommended practice', () => {
    for (const i of SIP_CHECKLIST) {
      if (i.nr <= 10) expect([i.level, i.basis]).toEqual(['mandatory', 'S-LAW']);
      if (i.nr >= 13) expect([i.level, i.basis]).toEqual(['recommended', 'S-PRAC']);
    }
  });

  it('treats item 11 as conditional on an existing plan and item 12 as information', () => {
    expect(SIP_CHECKLIST[10]).toMatchObject({ nr: 11, level: 'conditional', basis: 'S-LAW (prop.)' });
    expect(SIP_CHECKLIST[11]).toMatchObject({ nr: 12, level: 'information', basis: 'S-LAW (prop.)' });
  });

  it('says regionen, never landstinget', () => {
    for (const text of [SIP_LAGRUM, ...SIP_CHECKLIST.map((i) => i.text)])
      expect(text).not.toMatch(/landsting/i);
    expect(SIP_CHECKLIST[8]?.text).toContain('kommunen eller regionen');
  });

  it('cites HSL 16 kap. 4 § and the new socialtjänstlag without an unverified paragraph number', () => {
    expect(SIP_LAGRUM).toContain('16 kap. 4 § hälso- och sjukvårdslagen (2017:30)');
    expect(SIP_LAGRUM).toMatch(/motsvarande bestämmelse i socialtjänstlagen \(2025:400\)$/);
  });
});

describe('canMarkUpprattad', () => {
  it('allows a complete plan with an active SIP samtycke', () => {
    expect(canMarkUpprattad(complete(), [sipSamtycke()], ON)).toEqual({ ok: true });
  });

  it('names every missing item of an empty draft, in item order, in Swedish', () => {
    const r = canMarkUpprattad(emptySipFields(), [], ON);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.missing.map((m) => m.item)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const m of r.missing) expect(m.message.startsWith(`Punkt ${m.item}: `)).toBe(true);
  });

  it('refuses without a SIP samtycke', () => {
    expect(canMarkUpprattad(complete(), [], ON)).toEqual({
      ok: false,
      missing: [
        {
          item: 3,
          message:
            'Punkt 3: Det finns inget gällande samtycke från deltagaren till SIP. Registrera samtycket först.',
        },
      ],
    });
  });

  it('does not count a withdrawn samtycke, one given later, or one of another kind', () => {
    const gaps = (s: SamtyckeFields) => {
      const r = canMarkUpprattad(complete(), [s], ON);
      return r.ok ? [] : r.missing.map((m) => m.item);
    };
    expect(gaps(sipSamtycke({ withdrawnDate: '2026-03-10' }))).toEqual([3]);
    expect(gaps(sipSamtycke({ date: '2026-03-16' }))).toEqual([3]);
    expect(gaps(sipSamtycke({ kind: 'upphavande_sekretess' }))).toEqual([3]);
  });

  it('asks for the insatser of the huvudman that has none', () => {
    const insatser = complete().insatser.filter((i) => i.part !== 'psykiatri');
    const r = canMarkUpprattad(complete({ insatser }), [sipSamtycke()], ON);
    expect(r).toEqual({
      ok: false,
      missing: [{ item: 8, message: 'Punkt 8: Ange minst en insats som regionen ska svara för.' }],
    });
  });

  it('accepts an explicit "no actions by others" for item 9', () => {
    const sip = BREAK[9]?.(complete());
    expect(sip && canMarkUpprattad({ ...sip, ingaAtgarderAvAndra: true }, [sipSamtycke()], ON)).toEqual({
      ok: true,
    });
  });

  it('accepts a deltagare who could not take part when the reason is given', () => {
    const sip = complete({ deltagareMedverkan: 'medverkade_inte', medverkanSkal: 'Inlagd på sjukhus.' });
    expect(canMarkUpprattad(sip, [sipSamtycke()], ON)).toEqual({ ok: true });
  });

  it('reports exactly the items that are missing, whichever combination it is', () => {
    const breakable = Object.keys(BREAK).map(Number);
    fc.assert(
      fc.property(fc.subarray(breakable), fc.boolean(), (broken, withSamtycke) => {
        const sip = broken.reduce((s, item) => BREAK[item]?.(s) ?? s, complete());
        const r = canMarkUpprattad(sip, withSamtycke ? [sipSamtycke()] : [], ON);
        const expected = [...broken, ...(withSamtycke ? [] : [3])].sort((a, b) => a - b);
        expect(r.ok ? [] : r.missing.map((m) => m.item)).toEqual(expected);
      }),
    );
  });
});

describe('sipCrossFieldIssues', () => {
  it('leaves an incomplete draft alone', () => {
    expect(sipCrossFieldIssues(emptySipFields())).toEqual([]);
  });

  it('keeps a plan past utkast complete: removing content afterwards is refused', () => {
    const issues = sipCrossFieldIssues(complete({ status: 'upprattad', overgripandeAnsvar: null }));
    expect(issues.map((i) => i.path)).toEqual(['overgripandeAnsvar']);
  });

  it('refuses work starting before the need was identified', () => {
    const issues = sipCrossFieldIssues(complete({ arbeteStartatDatum: '2026-02-19' }));
    expect(issues.map((i) => i.path)).toEqual(['arbeteStartatDatum']);
  });

  it('refuses "no actions by others" on a plan that has them', () => {
    const issues = sipCrossFieldIssues(complete({ ingaAtgarderAvAndra: true }));
    expect(issues.map((i) => i.path)).toEqual(['ingaAtgarderAvAndra']);
  });

  it('refuses identifying data in the behovsbild', () => {
    const r = ValidSipFields.safeParse(complete({ behovsbild: 'Nås på 0701234567.' }));
    expect(r.success).toBe(false);
  });

  it('parses a stored record with its ids and version', () => {
    const record = {
      ...complete({ status: 'upprattad' }),
      id: '00000000-0000-4000-8000-0000000000a3',
      forbundId: '00000000-0000-4000-8000-0000000000f1',
      arendeId: '00000000-0000-4000-8000-0000000000e1',
      createdAt: '2026-03-15T09:00:00.000Z',
      updatedAt: '2026-03-15T09:00:00.000Z',
      version: 1,
    };
    expect(Sip.parse(record)).toEqual(record);
  });
});

describe('huvudmanFor', () => {
  it('puts socialtjänst and AME under kommunen, vårdcentral and psykiatri under regionen, AF and FK under neither', () => {
    expect([huvudmanFor('socialtjanst'), huvudmanFor('ame')]).toEqual(['kommunen', 'kommunen']);
    expect([huvudmanFor('vardcentral'), huvudmanFor('psykiatri')]).toEqual(['regionen', 'regionen']);
    expect([huvudmanFor('af'), huvudmanFor('fk'), huvudmanFor('deltagare')]).toEqual([null, null, null]);
  });
});

describe('canTransitionSip', () => {
  it('goes utkast → upprättad → uppföljd → avslutad', () => {
    expect(canTransitionSip('utkast', 'upprattad')).toBe(true);
    expect(canTransitionSip('upprattad', 'uppfoljd')).toBe(true);
    expect(canTransitionSip('uppfoljd', 'avslutad')).toBe(true);
  });

  it('lets an upprättad plan end without a follow-up, but never skips upprättad', () => {
    expect(canTransitionSip('upprattad', 'avslutad')).toBe(true);
    expect(canTransitionSip('utkast', 'uppfoljd')).toBe(false);
    expect(canTransitionSip('utkast', 'avslutad')).toBe(false);
  });

  it('never goes back or stays put', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SIP_STATUSAR), fc.constantFrom(...SIP_STATUSAR), (from, to) => {
        if (SIP_STATUSAR.indexOf(to) <= SIP_STATUSAR.indexOf(from))
          expect(canTransitionSip(from, to)).toBe(false);
      }),
    );
  });
});

describe('sipChecklistStatus', () => {
  it('marks recommended items done from the plan’s fields and the ticked items', () => {
    const sip = complete({
      samordnare: 'Samverkanskoordinator',
      uppfoljningsdatum: '2026-06-01',
      bekraftade: [22],
    });
    const done = sipChecklistStatus(sip, [sipSamtycke()], ON)
      .filter((s) => s.done)
      .map((s) => s.item.nr);
    expect(done).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 13, 15, 17, 22]);
  });

  it('lists the 20 mandatory and recommended items, leaving out 11 and 12', () => {
    const nrs = sipChecklistStatus(emptySipFields(), [], ON).map((s) => s.item.nr);
    expect(nrs).toHaveLength(20);
    expect(nrs).not.toContain(11);
    expect(nrs).not.toContain(12);
  });
});

describe('daysToStart', () => {
  it('is null until both dates are set', () => {
    expect(daysToStart(emptySipFields('2026-03-01'))).toBeNull();
  });

  it('counts calendar days from the need being identified to work starting', () => {
    expect(daysToStart(complete())).toBe(10);
    expect(daysToStart({ behovIdentifieratDatum: '2026-03-20', arbeteStartatDatum: '2026-04-03' })).toBe(14);
    expect(daysToStart({ behovIdentifieratDatum: '2026-03-20', arbeteStartatDatum: '2026-03-20' })).toBe(0);
  });
});
