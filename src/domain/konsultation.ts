/**
 * Konsultationsteam (DOMAIN.md §3.4, PRODUCT.md §2): a förbund-wide meeting where the parties
 * discuss de-identified cases, and the case summaries raised at it. Invariants: a summary never
 * holds a pseudonym code or a link to an ärende, its dates go to the month only (ÅÅÅÅ-MM), and
 * every free text passes the free-text guard plus a check for anything shaped like an ärende code.
 * Age band and kommun/enhet are optional; the server refuses them where fewer than MIN_SUCH_ARENDEN
 * active ärenden share them (see `identifyingFieldIssues`).
 */

import { ALDERSGRUPPER, IsoDate } from './arende';
import { guardedText } from './guard';
import { Id } from './id';
import { RECORD_META, withCrossFieldRules } from './record-meta';
import { Samverkanspart } from './samtycke';
import { z } from './zod';

/**
 * Who sits in the team and raises cases: one representative per samverkanspart [002:206–209] —
 * kommunerna (socialtjänst, AME, other), AF, FK, the region (primärvård, psykiatri, other) and the
 * förbund. The deltagare, närstående and a god man are never at the table: the case is de-identified.
 */
export const KonsultationsPart = Samverkanspart.exclude(['deltagare', 'narstaende', 'god_man']);
export type KonsultationsPart = z.infer<typeof KonsultationsPart>;
export const KONSULTATION_PARTER = KonsultationsPart.options;

/**
 * What came of a case at the meeting. The seeds' template is unknown (DOMAIN.md §8.4 item 33); these
 * follow what the seeds say the team gives: "konkret stöd, lösningar och nya kontaktvägar" [001:88–92].
 */
export const KONSULTATION_UTFALL = [
  'rad_losning',
  'ny_kontaktvag',
  'gemensam_planering',
  'tas_upp_igen',
  'ingen_losning',
] as const;
export type KonsultationUtfall = (typeof KONSULTATION_UTFALL)[number];

export const UTFALL_LABEL: Record<KonsultationUtfall, string> = {
  rad_losning: 'Råd eller lösning',
  ny_kontaktvag: 'Ny kontaktväg mellan parter',
  gemensam_planering: 'Gemensam planering eller flerpartsmöte',
  tas_upp_igen: 'Tas upp igen på ett senare möte',
  ingen_losning: 'Ingen lösning hittades',
};

/** Fewer active ärenden than this sharing an age band and kommun could point at one person. */
export const MIN_SUCH_ARENDEN = 5;

/** A month, never a day: ÅÅÅÅ-MM. */
export const Manad = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, {
  message: 'Ange bara år och månad (ÅÅÅÅ-MM), aldrig en dag – så att ärendet inte kan kännas igen.',
});

// Shaped like a pseudonym code (NOR-4K7P): capitals, a hyphen and four of the code alphabet.
const CODE_LIKE = /(?<![\p{L}\d])[A-ZÅÄÖ]{2,4}-[2-9A-HJKMNP-Z]{4}(?![\p{L}\d])/gu;

/** Where in `text` something looks like an ärende's pseudonym code. */
export function findCodeLike(text: string): { index: number; length: number }[] {
  return [...text.matchAll(CODE_LIKE)].map((m) => ({ index: m.index, length: m[0].length }));
}

/** Guarded free text that also refuses anything shaped like an ärende code. */
export function deIdentifiedText(maxLength: number, field: string) {
  return guardedText(maxLength, field).superRefine((value, ctx) => {
    const found = findCodeLike(value)[0];
    if (found)
      ctx.addIssue({
        code: 'custom',
        message: `Fältet ${field} innehåller något som liknar en ärendekod (tecken ${found.index + 1}–${found.index + found.length}). Ärenden i konsultationsteamet ska vara avidentifierade – ta bort koden och spara igen.`,
      });
  });
}

export const KonsultationsmoteFieldsShape = {
  datum: IsoDate,
  narvarande: z
    .array(KonsultationsPart)
    .min(1, { message: 'Välj minst en part som var med på mötet.' })
    .max(KONSULTATION_PARTER.length),
  anteckningar: deIdentifiedText(4000, 'Anteckningar från mötet'),
} as const;
export const KonsultationsmoteFields = z.object(KonsultationsmoteFieldsShape);
export type KonsultationsmoteFields = z.infer<typeof KonsultationsmoteFields>;

export function konsultationsmoteCrossFieldIssues(
  m: KonsultationsmoteFields,
): { path: keyof KonsultationsmoteFields; message: string }[] {
  return new Set(m.narvarande).size === m.narvarande.length
    ? []
    : [{ path: 'narvarande', message: 'Varje part kan bara vara med en gång.' }];
}

/** A konsultationsteam meeting as stored; förbund-wide (no enhet). `version` 0 = never synced. */
export const Konsultationsmote = KonsultationsmoteFields.extend(RECORD_META);
export type Konsultationsmote = z.infer<typeof Konsultationsmote>;

export const KonsultationsfallFieldsShape = {
  /** The meeting it was raised at; fixed once saved. */
  moteId: Id,
  /** Its number on the meeting's list (1, 2 …), as the protokoll refers to it; fixed once saved. */
  nr: z.int().min(1).max(99),
  lyftAv: KonsultationsPart,
  /** Since when the person has been known to the raising party, to the month. */
  aktuellSedan: Manad.nullable(),
  aldersgrupp: z.enum(ALDERSGRUPPER).nullable(),
  /** The kommun or enhet, only where enough active ärenden share it (checked by the server). */
  enhetId: Id.nullable(),
  sammanfattning: deIdentifiedText(2000, 'Avidentifierad sammanfattning')
    .trim()
    .min(1, { message: 'Beskriv ärendet kort, utan uppgifter som kan identifiera personen.' }),
  fraga: deIdentifiedText(1000, 'Frågan till teamet')
    .trim()
    .min(1, { message: 'Skriv frågan som ställdes till teamet.' }),
  rad: deIdentifiedText(2000, 'Råd och lösning'),
  uppfoljning: deIdentifiedText(1000, 'Uppföljning'),
  /** When the follow-up is due, to the month. */
  uppfoljningManad: Manad.nullable(),
  utfall: z.enum(KONSULTATION_UTFALL, { message: 'Välj vad ärendet ledde till.' }),
} as const;
export const KonsultationsfallFields = z.object(KonsultationsfallFieldsShape);
export type KonsultationsfallFields = z.infer<typeof KonsultationsfallFields>;

export function konsultationsfallCrossFieldIssues(
  f: KonsultationsfallFields,
): { path: keyof KonsultationsfallFields; message: string }[] {
  if (f.aktuellSedan !== null && f.uppfoljningManad !== null && f.uppfoljningManad < f.aktuellSedan)
    return [
      {
        path: 'uppfoljningManad',
        message: 'Uppföljningen kan inte ligga före månaden ärendet blev aktuellt.',
      },
    ];
  return [];
}

export const ValidKonsultationsfallFields = withCrossFieldRules(
  KonsultationsfallFields,
  konsultationsfallCrossFieldIssues,
);

/** A de-identified case summary as stored: no pseudonym code, no ärende, no day. */
export const Konsultationsfall = KonsultationsfallFields.extend(RECORD_META);
export type Konsultationsfall = z.infer<typeof Konsultationsfall>;

/** The free-text fields, every one guarded on device and server. */
export const KONSULTATION_FRITEXT = {
  konsultationsmote: ['anteckningar'],
  konsultationsfall: ['sammanfattning', 'fraga', 'rad', 'uppfoljning'],
} as const;

export function emptyKonsultationsmote(datum: string): KonsultationsmoteFields {
  return { datum, narvarande: [], anteckningar: '' };
}

/** A new case summary's fields before the user fills them in; `utfall` is chosen, never defaulted. */
export type KonsultationsfallDraft = Omit<KonsultationsfallFields, 'moteId' | 'nr' | 'utfall'> & {
  utfall: KonsultationUtfall | '';
};

export function emptyKonsultationsfall(lyftAv: KonsultationsPart = 'socialtjanst'): KonsultationsfallDraft {
  return {
    lyftAv,
    aktuellSedan: null,
    aldersgrupp: null,
    enhetId: null,
    sammanfattning: '',
    fraga: '',
    rad: '',
    uppfoljning: '',
    uppfoljningManad: null,
    utfall: '',
  };
}

/** How many active ärenden share the summary's age band and/or kommun (null: that field is empty). */
export interface SuchArenden {
  aldersgrupp: number | null;
  enhet: number | null;
  both: number | null;
}

/**
 * Which of age band and kommun/enhet must be left empty: those where fewer than MIN_SUCH_ARENDEN
 * active ärenden of the förbund share the value, or, both given, share the combination.
 */
export function identifyingFieldIssues(
  counts: SuchArenden,
  labels: { aldersgrupp: string; enhet: string },
): { path: 'aldersgrupp' | 'enhetId'; message: string }[] {
  const few = (n: number | null) => n !== null && n < MIN_SUCH_ARENDEN;
  const why = `färre än ${MIN_SUCH_ARENDEN} aktiva ärenden`;
  const tail = 'så personen skulle kunna kännas igen. Lämna fältet tomt.';
  const issues: { path: 'aldersgrupp' | 'enhetId'; message: string }[] = [];
  if (few(counts.aldersgrupp))
    issues.push({
      path: 'aldersgrupp',
      message: `Åldersgruppen ${labels.aldersgrupp} kan inte anges: förbundet har ${why} i den åldersgruppen, ${tail}`,
    });
  if (few(counts.enhet))
    issues.push({
      path: 'enhetId',
      message: `${labels.enhet} kan inte anges: där finns ${why}, ${tail}`,
    });
  if (issues.length === 0 && few(counts.both)) {
    const message = `Åldersgruppen ${labels.aldersgrupp} och ${labels.enhet} kan inte anges tillsammans: där finns ${why} i den åldersgruppen, ${tail.replace('fältet', 'ett av fälten')}`;
    issues.push({ path: 'aldersgrupp', message }, { path: 'enhetId', message });
  }
  return issues;
}
