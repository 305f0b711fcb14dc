/**
 * Möte: one meeting on an ärende — type, date, who took part (by role, party and mode), whether the
 * deltagare was there, guarded notes and the next date. Agreed åtgärder are records of their own
 * (atgard.ts). Invariant: the next meeting is never before this one.
 */

import { IsoDate } from './arende';
import { guardedText } from './guard';
import { CASE_RECORD_META, withCrossFieldRules } from './record-meta';
import { Samverkanspart } from './samtycke';
import { z } from './zod';

/** PRODUCT.md §2 and DOMAIN.md §3; konsultationsteam is de-identified and kept apart from ärenden. */
export const MOTESTYPER = [
  'trepartssamtal',
  'flerpartssamtal',
  'natverksmote',
  'sip_mote',
  'avstamningsmote',
  'arendegenomgang',
] as const;
export type Motestyp = (typeof MOTESTYPER)[number];

export const MOTESTYP_LABEL: Record<Motestyp, string> = {
  trepartssamtal: 'Trepartssamtal',
  flerpartssamtal: 'Flerpartssamtal',
  natverksmote: 'Nätverksmöte',
  sip_mote: 'SIP-möte',
  avstamningsmote: 'Avstämningsmöte',
  arendegenomgang: 'Ärendegenomgång',
};

/** DOMAIN.md §8.4 item 35: FK often takes part "via videolänk" [004:6030]. */
export const DELTAGANDEFORMER = ['pa_plats', 'video', 'telefon'] as const;

/** A role, never a name: "Handläggare", "Arbetsmarknadskonsulent", "Deltagaren". */
export const MotesdeltagareRoll = guardedText(80, 'Roll').trim().min(1, { message: 'Ange en roll.' });

export const Motesdeltagare = z.object({
  roll: MotesdeltagareRoll,
  part: Samverkanspart,
  mode: z.enum(DELTAGANDEFORMER),
});
export type Motesdeltagare = z.infer<typeof Motesdeltagare>;

export const MoteFieldsShape = {
  type: z.enum(MOTESTYPER),
  date: IsoDate,
  participants: z.array(Motesdeltagare).max(30, { message: 'Högst 30 deltagare per möte.' }),
  deltagareDeltog: z.boolean(),
  anteckningar: guardedText(4000, 'Anteckningar'),
  nextMeetingDate: IsoDate.nullable(),
} as const;
export const MoteFields = z.object(MoteFieldsShape);
export type MoteFields = z.infer<typeof MoteFields>;
export type MoteField = keyof MoteFields;

export function moteCrossFieldIssues(m: MoteFields): { path: MoteField; message: string }[] {
  const issues: { path: MoteField; message: string }[] = [];
  if (m.nextMeetingDate !== null && m.nextMeetingDate < m.date)
    issues.push({ path: 'nextMeetingDate', message: 'Nästa möte kan inte ligga före det här mötet.' });
  if (!m.deltagareDeltog && m.participants.some((p) => p.part === 'deltagare'))
    issues.push({
      path: 'deltagareDeltog',
      message: 'Deltagaren står med bland mötesdeltagarna men är markerad som inte närvarande.',
    });
  return issues;
}

export const ValidMoteFields = withCrossFieldRules(MoteFields, moteCrossFieldIssues);

/** A möte as stored on the device and the server. `version` is the server's; 0 = never synced. */
export const Mote = MoteFields.extend(CASE_RECORD_META);
export type Mote = z.infer<typeof Mote>;

/**
 * The three parties of a trepartssamtal (DOMAIN.md §3.1 [004:5915–5916]): the person, Arbetsförmedlingen
 * and socialtjänsten, all on site. AME joins where the kommun has one [004:5948–5950]; the user adds it.
 */
export function trepartssamtalTemplate(): Pick<MoteFields, 'type' | 'participants' | 'deltagareDeltog'> {
  return {
    type: 'trepartssamtal',
    participants: [
      { roll: 'Deltagaren', part: 'deltagare', mode: 'pa_plats' },
      { roll: 'Handläggare', part: 'af', mode: 'pa_plats' },
      { roll: 'Socialsekreterare', part: 'socialtjanst', mode: 'pa_plats' },
    ],
    deltagareDeltog: true,
  };
}

/** Fields of a new möte on `date`; a trepartssamtal comes pre-filled with its three parties. */
export function emptyMoteFields(date: string, type: Motestyp = 'trepartssamtal'): MoteFields {
  const base: MoteFields = {
    type,
    date,
    participants: [],
    deltagareDeltog: false,
    anteckningar: '',
    nextMeetingDate: null,
  };
  return type === 'trepartssamtal' ? { ...base, ...trepartssamtalTemplate() } : base;
}
