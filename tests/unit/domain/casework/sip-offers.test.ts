import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptySamtyckeFields, type SamtyckeFields } from '../../../../src/domain/samtycke';
import {
  canMarkUpprattad,
  emptySipFields,
  SIP_MOTTAGARE,
  SIP_STATUSAR,
  SIP_TRANSITIONS,
  type SipFields,
  sipOffers,
} from '../../../../src/domain/sip';

const USER = '00000000-0000-4000-8000-000000000001';
const ON = '2026-05-15';
const sam = (over: Partial<SamtyckeFields> = {}): SamtyckeFields => ({
  ...emptySamtyckeFields('sip', '2026-03-01', USER),
  parties: ['socialtjanst', 'psykiatri'],
  ...over,
});
const complete = (status: SipFields['status'] = 'utkast'): SipFields => ({
  ...emptySipFields('2026-02-20'),
  status,
  behovFranBada: true,
  bedomningAv: 'bada',
  arbeteStartatDatum: '2026-03-02',
  deltagareMedverkan: 'medverkade',
  narstaende: 'finns_inga',
  insatser: [
    { vad: 'Arbetsmarknadsinsats', part: 'socialtjanst', ansvarig: 'Socialsekreterare' },
    { vad: 'Samtalsbehandling', part: 'psykiatri', ansvarig: 'Koordinator' },
  ],
  ingaAtgarderAvAndra: true,
  overgripandeAnsvar: 'kommunen',
});

describe('a SIP whose deltagare refused samtycke', () => {
  it('says plainly it cannot be upprättad, naming the refusal, and offers no "upprättad"', () => {
    const refused = [sam({ decision: 'nekat', date: '2026-04-01' })];
    const gate = canMarkUpprattad(complete(), refused, ON);
    expect(gate).toEqual({
      ok: false,
      missing: [
        {
          item: 3,
          message:
            'Punkt 3: Deltagaren har nekat samtycke till SIP (2026-04-01). Utan samtycke kan planen inte upprättas.',
        },
      ],
    });
    const offers = sipOffers(complete(), refused, ON);
    expect(offers.markUpprattad).toBe(false);
    expect(offers.samtycke.state).toBe('nekat');
    expect(offers.shareWithOtherHuvudman).toBe(false);
    expect(offers.printFor).toEqual(['deltagaren', 'kommunen']);
  });
});

describe('a SIP upprättad whose samtycke is then withdrawn', () => {
  const withdrawn = [sam({ withdrawnDate: '2026-05-01', withdrawnBy: USER })];

  it('stays upprättad, stops sharing and printing for the other huvudman, may still end', () => {
    const offers = sipOffers(complete('upprattad'), withdrawn, ON);
    expect(offers).toMatchObject({
      markUpprattad: false,
      markUppfoljd: false,
      markAvslutad: true,
      shareWithOtherHuvudman: false,
      printFor: ['deltagaren', 'kommunen'],
    });
    expect(offers.samtycke).toEqual({ state: 'aterkallat', samtycke: withdrawn[0] });
  });

  it('offered everything the day before the withdrawal', () => {
    const offers = sipOffers(complete('upprattad'), withdrawn, '2026-04-30');
    expect(offers).toMatchObject({
      markUppfoljd: true,
      markAvslutad: true,
      shareWithOtherHuvudman: true,
      printFor: SIP_MOTTAGARE,
    });
  });

  it('names the withdrawal when asked to mark another plan upprättad', () => {
    const gate = canMarkUpprattad(complete(), withdrawn, ON);
    expect(gate.ok).toBe(false);
    if (!gate.ok)
      expect(gate.missing[0]?.message).toBe(
        'Punkt 3: Deltagaren har återkallat sitt samtycke till SIP (2026-05-01). Registrera ett nytt samtycke om deltagaren samtycker igen.',
      );
  });
});

describe('sipOffers (property)', () => {
  const samtycke = fc.record({
    decision: fc.constantFrom('lamnat' as const, 'nekat' as const),
    date: fc.constantFrom('2026-01-01', '2026-03-01', '2026-05-15', '2026-07-01'),
    withdrawn: fc.constantFrom(null, '2026-04-01', '2026-05-15', '2026-08-01'),
  });
  it('shares with regionen, and offers a follow-up, only while the SIP samtycke is in force; steps only along the flow', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SIP_STATUSAR), fc.array(samtycke, { maxLength: 5 }), (status, list) => {
        const samtycken = list.map((x) =>
          sam({
            decision: x.decision,
            date: x.date,
            withdrawnDate:
              x.decision === 'lamnat' && x.withdrawn !== null && x.withdrawn >= x.date ? x.withdrawn : null,
          }),
        );
        const offers = sipOffers({ status }, samtycken, ON);
        const inForce = offers.samtycke.state === 'gallande';
        expect(offers.shareWithOtherHuvudman).toBe(inForce);
        expect(offers.printFor.includes('regionen')).toBe(inForce);
        expect(offers.printFor).toContain('deltagaren');
        if (offers.markUppfoljd) expect(inForce && SIP_TRANSITIONS[status].includes('uppfoljd')).toBe(true);
        if (offers.markUpprattad) expect(offers.samtycke.state).not.toBe('nekat');
        if (offers.markUpprattad) expect(status).toBe('utkast');
        expect(offers.markAvslutad).toBe(SIP_TRANSITIONS[status].includes('avslutad'));
      }),
      { seed: 18, numRuns: 300 },
    );
  });
});
