/** Synthetic case-work fields for tests: roles and parties, never a person. */
import type { NewAtgard } from '../../src/db/casework-actions';
import type { MoteFields } from '../../src/domain/mote';
import { emptyMoteFields } from '../../src/domain/mote';
import type { SamtyckeFields } from '../../src/domain/samtycke';
import { emptySipFields, type SipFields } from '../../src/domain/sip';

export const sipSamtycke = (recordedBy: string, over: Partial<SamtyckeFields> = {}): SamtyckeFields => ({
  kind: 'sip',
  parties: ['socialtjanst', 'psykiatri'],
  date: '2026-03-01',
  form: 'skriftligt',
  decision: 'lamnat',
  recordedBy,
  withdrawnDate: null,
  withdrawnBy: null,
  ...over,
});

export const trepartssamtal = (over: Partial<MoteFields> = {}): MoteFields => ({
  ...emptyMoteFields('2026-03-10'),
  anteckningar: 'Planering mot arbete diskuterades.',
  nextMeetingDate: '2026-04-14',
  ...over,
});

export const atgard = (over: Partial<NewAtgard> = {}): NewAtgard => ({
  part: 'af',
  vad: 'Boka gemensam kartläggning',
  ansvarigRoll: 'Arbetsförmedlare',
  senast: '2026-03-31',
  status: 'planerad',
  ...over,
});

/** A plan that meets checklist items 1–10 (with a SIP samtycke it may be marked upprättad). */
export const completeSip = (over: Partial<SipFields> = {}): SipFields => ({
  ...emptySipFields('2026-02-20'),
  behovFranBada: true,
  bedomningAv: 'bada',
  arbeteStartatDatum: '2026-03-02',
  deltagareMedverkan: 'medverkade',
  narstaende: 'deltagaren_motsatte_sig',
  insatser: [
    { vad: 'Arbetsmarknadsinsats', part: 'socialtjanst', ansvarig: 'Socialsekreterare' },
    { vad: 'Samtalsbehandling', part: 'psykiatri', ansvarig: 'Koordinator' },
    { vad: 'Gemensam kartläggning', part: 'af', ansvarig: 'Arbetsförmedlare' },
  ],
  overgripandeAnsvar: 'kommunen',
  ...over,
});
