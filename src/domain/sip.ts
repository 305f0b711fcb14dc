/**
 * SIP (samordnad individuell plan): the plan's fields, its status flow, the gate before "upprättad"
 * and what the plan offers while its samtycke stands as it does; the DOMAIN.md §2.4 checklist as
 * data is in sip-checklist.ts. Invariants: a SIP leaves utkast only with a SIP samtycke in force and
 * checklist items 1–10 met, stays that complete afterwards, moves only along SIP_TRANSITIONS, and is
 * followed up or handed to the other huvudman only while the samtycke is in force.
 */

import { IsoDate } from './arende';
import { guardedText } from './guard';
import { CASE_RECORD_META, withCrossFieldRules } from './record-meta';
import { type SamtyckeLage, type SamtyckeWindow, Samverkanspart, samtyckeLage } from './samtycke';
import { z } from './zod';

export const HUVUDMAN = ['kommunen', 'regionen'] as const;
export type Huvudman = (typeof HUVUDMAN)[number];

/** Which huvudman a party belongs to; AF, FK and the rest are not huvudmän (DOMAIN.md §8.2 item 19). */
export function huvudmanFor(part: Samverkanspart): Huvudman | null {
  if (part === 'socialtjanst' || part === 'ame' || part === 'kommun_ovrig') return 'kommunen';
  if (part === 'vardcentral' || part === 'psykiatri' || part === 'region_ovrig') return 'regionen';
  return null;
}

export const SIP_STATUSAR = ['utkast', 'upprattad', 'uppfoljd', 'avslutad'] as const;
export type SipStatus = (typeof SIP_STATUSAR)[number];
/** A SIP may end without a recorded follow-up (the deltagare moves, withdraws samtycke). */
export const SIP_TRANSITIONS: Record<SipStatus, readonly SipStatus[]> = {
  utkast: ['upprattad'],
  upprattad: ['uppfoljd', 'avslutad'],
  uppfoljd: ['avslutad'],
  avslutad: [],
};

export const BEDOMNING_AV = ['kommunen', 'regionen', 'bada'] as const;
export const DELTAGARE_MEDVERKAN = ['medverkade', 'medverkade_inte'] as const;
export const NARSTAENDE_UTFALL = [
  'erbjudits_deltar',
  'erbjudits_avstar',
  'deltagaren_motsatte_sig',
  'inte_lampligt',
  'finns_inga',
] as const;
/** Recommended items with no field of their own: the handläggare ticks them off. */
export const SIP_BEKRAFTADE_PUNKTER = [16, 18, 19, 21, 22] as const;

export const Insats = z.object({
  vad: guardedText(500, 'Insats').trim().min(1, { message: 'Beskriv insatsen.' }),
  part: Samverkanspart,
  /** A role or named koordinator at that party; never the deltagare's own identity. */
  ansvarig: guardedText(120, 'Ansvarig (roll eller funktion)'),
});
export type Insats = z.infer<typeof Insats>;

export const SipFieldsShape = {
  status: z.enum(SIP_STATUSAR),
  /** Item 1. */
  behovFranBada: z.boolean(),
  /** Item 2. */
  bedomningAv: z.enum(BEDOMNING_AV).nullable(),
  /** Item 4: "utan dröjsmål" is measured from the first to the second. */
  behovIdentifieratDatum: IsoDate.nullable(),
  arbeteStartatDatum: IsoDate.nullable(),
  /** Item 5, with the reason when the deltagare could not take part. */
  deltagareMedverkan: z.enum(DELTAGARE_MEDVERKAN).nullable(),
  medverkanSkal: guardedText(500, 'Varför medverkade deltagaren inte'),
  /** Item 6. */
  narstaende: z.enum(NARSTAENDE_UTFALL).nullable(),
  /** Items 7–9: one list; the party of each insats says which huvudman, or someone else, answers for it. */
  insatser: z.array(Insats).max(50, { message: 'Högst 50 insatser per plan.' }),
  /** Item 9 when no one but the huvudmän acts: said explicitly, never inferred from an empty list. */
  ingaAtgarderAvAndra: z.boolean(),
  /** Item 10: the law asks which huvudman; the person who holds the process is `samordnare` (item 13). */
  overgripandeAnsvar: z.enum(HUVUDMAN).nullable(),
  /** Item 11. */
  befintligPlan: z.boolean(),
  samordnare: guardedText(120, 'Samordnare eller koordinator'),
  behovsbild: guardedText(2000, 'Gemensam behovsbild'),
  mal: guardedText(1000, 'Mål och progression'),
  uppfoljningsdatum: IsoDate.nullable(),
  bekraftade: z.array(z.literal(SIP_BEKRAFTADE_PUNKTER)),
  anteckningar: guardedText(4000, 'Anteckningar'),
} as const;
export const SipFields = z.object(SipFieldsShape);
export type SipFields = z.infer<typeof SipFields>;
export type SipField = keyof SipFields;

export interface SipGap {
  item: number;
  message: string;
}

/** Item 8 asks for each huvudman's insatser; a SIP is only called for when both have some. */
function huvudmanGap(insatser: readonly Insats[]): string | null {
  const has = (h: Huvudman) => insatser.some((i) => huvudmanFor(i.part) === h);
  if (has('kommunen') && has('regionen')) return null;
  if (has('kommunen')) return 'Punkt 8: Ange minst en insats som regionen ska svara för.';
  if (has('regionen')) return 'Punkt 8: Ange minst en insats som kommunen ska svara för.';
  return 'Punkt 8: Ange vilka insatser kommunen respektive regionen ska svara för.';
}

const blank = (s: string) => s.trim() === '';
const need = (met: boolean, message: string) => (met ? null : message);

/** Items 1–10 except the samtycke (item 3), which lives in its own records; `field` is where to fix it. */
const CONTENT_RULES: readonly { item: number; field: SipField; gap: (s: SipFields) => string | null }[] = [
  {
    item: 1,
    field: 'behovFranBada',
    gap: (s) =>
      need(
        s.behovFranBada,
        'Punkt 1: Ange att deltagaren har behov av insatser från både socialtjänsten och hälso- och sjukvården.',
      ),
  },
  {
    item: 2,
    field: 'bedomningAv',
    gap: (s) =>
      need(
        s.bedomningAv !== null,
        'Punkt 2: Ange vem som har bedömt att planen behövs – kommunen, regionen eller båda.',
      ),
  },
  {
    item: 4,
    field: 'behovIdentifieratDatum',
    gap: (s) =>
      need(
        s.behovIdentifieratDatum !== null && s.arbeteStartatDatum !== null,
        'Punkt 4: Ange datum då behovet uppmärksammades och datum då arbetet med planen startade.',
      ),
  },
  {
    item: 5,
    field: 'deltagareMedverkan',
    gap: (s) =>
      need(
        s.deltagareMedverkan === 'medverkade' ||
          (s.deltagareMedverkan === 'medverkade_inte' && !blank(s.medverkanSkal)),
        'Punkt 5: Ange om deltagaren medverkade när planen upprättades – och om inte, varför.',
      ),
  },
  {
    item: 6,
    field: 'narstaende',
    gap: (s) =>
      need(s.narstaende !== null, 'Punkt 6: Ange om närstående erbjöds att delta i arbetet med planen.'),
  },
  {
    item: 7,
    field: 'insatser',
    gap: (s) => need(s.insatser.length > 0, 'Punkt 7: Ange vilka insatser som behövs.'),
  },
  { item: 8, field: 'insatser', gap: (s) => huvudmanGap(s.insatser) },
  {
    item: 9,
    field: 'insatser',
    gap: (s) =>
      need(
        s.ingaAtgarderAvAndra || s.insatser.some((i) => huvudmanFor(i.part) === null),
        'Punkt 9: Ange vilka åtgärder som vidtas av någon annan än kommunen eller regionen, eller markera att det inte finns några.',
      ),
  },
  {
    item: 10,
    field: 'overgripandeAnsvar',
    gap: (s) =>
      need(
        s.overgripandeAnsvar !== null,
        'Punkt 10: Ange vem av huvudmännen – kommunen eller regionen – som har det övergripande ansvaret för planen.',
      ),
  },
];

/** The gaps in items 1–10 that the plan's own fields can show (all but the samtycke), in item order. */
export function sipContentGaps(s: SipFields): SipGap[] {
  return CONTENT_RULES.flatMap((r) => {
    const message = r.gap(s);
    return message === null ? [] : [{ item: r.item, message }];
  });
}

/** Rules across fields, checked after every edit and merge; a plan past utkast must stay complete. */
export function sipCrossFieldIssues(s: SipFields): { path: SipField; message: string }[] {
  const issues: { path: SipField; message: string }[] = [];
  if (s.behovIdentifieratDatum && s.arbeteStartatDatum && s.arbeteStartatDatum < s.behovIdentifieratDatum)
    issues.push({
      path: 'arbeteStartatDatum',
      message: 'Arbetet kan inte ha startat innan behovet uppmärksammades.',
    });
  if (s.ingaAtgarderAvAndra && s.insatser.some((i) => huvudmanFor(i.part) === null))
    issues.push({
      path: 'ingaAtgarderAvAndra',
      message:
        'Planen har insatser från andra än kommunen och regionen, så markeringen "inga åtgärder av andra" stämmer inte.',
    });
  if (new Set(s.bekraftade).size !== s.bekraftade.length)
    issues.push({ path: 'bekraftade', message: 'En punkt är bockad två gånger.' });
  if (s.status !== 'utkast')
    for (const r of CONTENT_RULES) {
      const message = r.gap(s);
      if (message !== null) issues.push({ path: r.field, message });
    }
  return issues;
}

export const ValidSipFields = withCrossFieldRules(SipFields, sipCrossFieldIssues);

/** A SIP as stored on the device and the server. `version` is the server's; 0 = never synced. */
export const Sip = SipFields.extend(CASE_RECORD_META);
export type Sip = z.infer<typeof Sip>;

export type SipGate = { ok: true } | { ok: false; missing: SipGap[] };

/** Item 3 as the ärende's samtycken stand: null when a SIP samtycke is in force. */
export function samtyckeGap(lage: SamtyckeLage<SamtyckeWindow>): SipGap | null {
  if (lage.state === 'gallande') return null;
  const message =
    lage.state === 'nekat'
      ? `Punkt 3: Deltagaren har nekat samtycke till SIP (${lage.samtycke.date}). Utan samtycke kan planen inte upprättas.`
      : lage.state === 'aterkallat'
        ? `Punkt 3: Deltagaren har återkallat sitt samtycke till SIP (${lage.samtycke.withdrawnDate}). Registrera ett nytt samtycke om deltagaren samtycker igen.`
        : 'Punkt 3: Det finns inget gällande samtycke från deltagaren till SIP. Registrera samtycket först.';
  return { item: 3, message };
}

/**
 * Whether the plan may be marked upprättad on `onDate`, given the ärende's samtycken: a SIP
 * samtycke in force (item 3) and items 1–10. `missing` names every gap, in item order, in Swedish.
 */
export function canMarkUpprattad(
  sip: SipFields,
  samtycken: readonly SamtyckeWindow[],
  onDate: string,
): SipGate {
  const missing = sipContentGaps(sip);
  const gap = samtyckeGap(samtyckeLage(samtycken, 'sip', onDate));
  if (gap) missing.push(gap);
  missing.sort((a, b) => a.item - b.item);
  return missing.length === 0 ? { ok: true } : { ok: false, missing };
}

/**
 * Who a SIP is printed for. The deltagare's own copy and the kommun's record are always offered;
 * a copy for regionen, the other huvudman, hands the plan across the sekretess between the
 * huvudmän, which only the samtycke lifts (DOMAIN.md §2.4 item 25).
 */
export const SIP_MOTTAGARE = ['deltagaren', 'kommunen', 'regionen'] as const;
export type SipMottagare = (typeof SIP_MOTTAGARE)[number];

export interface SipOffers {
  /** The SIP samtycke as it stands today (what the SIP page says). */
  samtycke: SamtyckeLage<SamtyckeWindow>;
  /** "Markera som upprättad": not while the deltagare has refused (the page says why instead). */
  markUpprattad: boolean;
  markUppfoljd: boolean;
  markAvslutad: boolean;
  /** Sharing and printing for the other huvudman. */
  shareWithOtherHuvudman: boolean;
  printFor: readonly SipMottagare[];
}

/**
 * What a SIP offers on `onDate`. A withdrawn or refused samtycke keeps the plan and its history as
 * they are but stops it from being followed up or handed to the other huvudman; it can still end.
 */
export function sipOffers(
  sip: Pick<SipFields, 'status'>,
  samtycken: readonly SamtyckeWindow[],
  onDate: string,
): SipOffers {
  const samtycke = samtyckeLage(samtycken, 'sip', onDate);
  const inForce = samtycke.state === 'gallande';
  const next = SIP_TRANSITIONS[sip.status];
  return {
    samtycke,
    markUpprattad: next.includes('upprattad') && samtycke.state !== 'nekat',
    markUppfoljd: next.includes('uppfoljd') && inForce,
    markAvslutad: next.includes('avslutad'),
    shareWithOtherHuvudman: inForce,
    printFor: inForce ? SIP_MOTTAGARE : SIP_MOTTAGARE.filter((m) => m !== 'regionen'),
  };
}

export function canTransitionSip(from: SipStatus, to: SipStatus): boolean {
  return SIP_TRANSITIONS[from].includes(to);
}

const DAY_MS = 86_400_000;
const utcDay = (iso: string) =>
  Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));

/** Calendar days from the need being identified to work starting ("utan dröjsmål"); null until both are set. */
export function daysToStart(
  sip: Pick<SipFields, 'behovIdentifieratDatum' | 'arbeteStartatDatum'>,
): number | null {
  if (!sip.behovIdentifieratDatum || !sip.arbeteStartatDatum) return null;
  return Math.round((utcDay(sip.arbeteStartatDatum) - utcDay(sip.behovIdentifieratDatum)) / DAY_MS);
}

/** Fields of a new SIP draft, with the date the need was identified when known. */
export function emptySipFields(behovIdentifieratDatum: string | null = null): SipFields {
  return {
    status: 'utkast',
    behovFranBada: false,
    bedomningAv: null,
    behovIdentifieratDatum,
    arbeteStartatDatum: null,
    deltagareMedverkan: null,
    medverkanSkal: '',
    narstaende: null,
    insatser: [],
    ingaAtgarderAvAndra: false,
    overgripandeAnsvar: null,
    befintligPlan: false,
    samordnare: '',
    behovsbild: '',
    mal: '',
    uppfoljningsdatum: null,
    bekraftade: [],
    anteckningar: '',
  };
}
