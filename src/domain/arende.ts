/**
 * The ärende: one deltagare, never a hushåll, known only by a pseudonym code. Types come from
 * these schemas; långvarighet is computed from the month counts, never typed in.
 */

import { guardedText } from './guard';
import { Id } from './id';
import { IsoDate } from './iso-date';
import { RECORD_META, withCrossFieldRules } from './record-meta';
import { z } from './zod';

export { IsoDate };

export const STATUSAR = ['aktiv', 'avslutad'] as const;
export const KON = ['kvinna', 'man', 'annat', 'ej_angivet'] as const;
export const ALDERSGRUPPER = ['16-19', '20-24', '25-29', '30-39', '40-49', '50-59', '60-64', '65+'] as const;
export const BARN_I_HUSHALLET = ['ja', 'nej', 'okant'] as const;
/** DOMAIN.md §4.2, the national categorisation [004:5271–5335]. */
export const FORSORJNINGSHINDER = [
  'arbetsloshet',
  'sjukdom',
  'sociala_skal',
  'spraksvarigheter',
  'foraldraledig',
  'arbetar',
  'annat',
] as const;
/** Sub-situations of sjukdom/ohälsa [004:5293–5302]; only meaningful when the hinder is sjukdom. */
export const SJUKDOM_SITUATIONER = [
  'ingen_eller_lag_sjukpenning',
  'vantar_beslut_fk',
  'arbetsformaga_utan_program',
  'program_lagt_aktivitetsstod',
] as const;
export const SGI = ['har', 'nollplacerad', 'okant'] as const;
export const PARTER = ['af', 'fk', 'vardcentral', 'psykiatri', 'ame', 'annan'] as const;
export const AVSLUTSORSAKER = [
  'arbete',
  'studier',
  'annan_offentlig_forsorjning',
  'annan_insats',
  'flyttat',
  'avbrutet',
  'annat',
] as const;

/** Default behovsgrupper of a new förbund, from seed 000 [000:56–66]. Codes are per förbund. */
export const DEFAULT_BEHOVSGRUPPER = [
  { code: 'effektivare_stod_arbete', label: 'Effektivare stöd till arbete' },
  { code: 'forrehabiliterande', label: 'Förrehabiliterande insatser' },
  { code: 'vardsamverkan_sjukersattning', label: 'Vårdsamverkan inför sjukersättning' },
  { code: 'arbete_utan_krav_svenska', label: 'Arbete utan krav på svenska' },
  { code: 'skyddat_arbete', label: 'Skyddat arbete' },
] as const;

export const PSEUDONYM_CODE_RE = /^[A-ZÅÄÖ]{2,4}-[2-9A-HJKMNP-Z]{4}$/;
export const PseudonymCode = z.string().regex(PSEUDONYM_CODE_RE, { message: 'Koden har fel form.' });

const months = (max: number) =>
  z
    .int({ message: 'Ange ett heltal.' })
    .min(0, { message: 'Antalet månader kan inte vara negativt.' })
    .max(max, { message: `Högst ${max} månader.` })
    .nullable();

/** The fields a handläggare edits. Each is merged on its own when two devices edit one ärende. */
export const ArendeFieldsShape = {
  enhetId: Id,
  handlaggareId: Id,
  status: z.enum(STATUSAR),
  startdatum: IsoDate,
  kon: z.enum(KON),
  aldersgrupp: z.enum(ALDERSGRUPPER).nullable(),
  barnIHushallet: z.enum(BARN_I_HUSHALLET),
  forsorjningshinder: z.enum(FORSORJNINGSHINDER).nullable(),
  sjukdomSituationer: z.array(z.enum(SJUKDOM_SITUATIONER)),
  sgi: z.enum(SGI),
  manaderAv12: months(12),
  manaderAv36: months(36),
  behovsgrupp: z.string().min(1).max(60).nullable(),
  parter: z.array(z.enum(PARTER)),
  avslutsdatum: IsoDate.nullable(),
  avslutsorsak: z.enum(AVSLUTSORSAKER).nullable(),
  anteckningar: guardedText(4000, 'Anteckningar'),
} as const;
export const ArendeFields = z.object(ArendeFieldsShape);
export type ArendeFields = z.infer<typeof ArendeFields>;
export type ArendeField = keyof ArendeFields;
export const ARENDE_FIELDS = Object.keys(ArendeFieldsShape) as ArendeField[];

/** Rules that span fields; checked on the whole record after every edit and every merge. */
export function arendeCrossFieldIssues(a: ArendeFields): { path: ArendeField; message: string }[] {
  const issues: { path: ArendeField; message: string }[] = [];
  if (a.manaderAv12 !== null && a.manaderAv36 !== null) {
    if (a.manaderAv36 < a.manaderAv12)
      issues.push({
        path: 'manaderAv36',
        message: 'De senaste 36 månaderna omfattar de senaste 12 – antalet kan inte vara mindre.',
      });
    else if (a.manaderAv36 - a.manaderAv12 > 24)
      issues.push({ path: 'manaderAv36', message: 'Högst 24 av månaderna kan ligga före de senaste 12.' });
  }
  if (a.forsorjningshinder !== 'sjukdom' && a.sjukdomSituationer.length > 0)
    issues.push({
      path: 'sjukdomSituationer',
      message: 'Situationer vid sjukdom anges bara när hindret är sjukdom.',
    });
  if (new Set(a.parter).size !== a.parter.length)
    issues.push({ path: 'parter', message: 'En part är angiven två gånger.' });
  if (a.status === 'avslutad') {
    if (!a.avslutsdatum)
      issues.push({ path: 'avslutsdatum', message: 'Ange avslutsdatum för ett avslutat ärende.' });
    if (!a.avslutsorsak)
      issues.push({ path: 'avslutsorsak', message: 'Ange avslutsorsak för ett avslutat ärende.' });
  } else if (a.avslutsdatum || a.avslutsorsak) {
    issues.push({ path: 'status', message: 'Ett aktivt ärende har inget avslutsdatum eller avslutsorsak.' });
  }
  if (a.avslutsdatum && a.avslutsdatum < a.startdatum)
    issues.push({ path: 'avslutsdatum', message: 'Avslutsdatum kan inte ligga före startdatum.' });
  return issues;
}

export const ValidArendeFields = withCrossFieldRules(ArendeFields, arendeCrossFieldIssues);

/** An ärende as stored on the device and the server. `version` is the server's; 0 = never synced. */
export const Arende = ArendeFields.extend({ ...RECORD_META, code: PseudonymCode });
export type Arende = z.infer<typeof Arende>;

export interface Langvarighet {
  /** ≥ 10 of the last 12 months with försörjningsstöd (Socialstyrelsen 2014) [004:4963–4964]. */
  langvarigt: boolean | null;
  /** ≥ 27 of the last 36 months (Socialstyrelsen 2013) [004:5163–5164]. */
  mycketLangvarigt: boolean | null;
}

/** null where the month count is not known: unknown is never reported as "not långvarigt". */
export function langvarighet(a: Pick<ArendeFields, 'manaderAv12' | 'manaderAv36'>): Langvarighet {
  return {
    langvarigt: a.manaderAv12 === null ? null : a.manaderAv12 >= 10,
    mycketLangvarigt: a.manaderAv36 === null ? null : a.manaderAv36 >= 27,
  };
}

/** Fields of a new ärende before the handläggare has filled anything in. */
export function emptyArendeFields(enhetId: string, handlaggareId: string, today: string): ArendeFields {
  return {
    enhetId,
    handlaggareId,
    status: 'aktiv',
    startdatum: today,
    kon: 'ej_angivet',
    aldersgrupp: null,
    barnIHushallet: 'okant',
    forsorjningshinder: null,
    sjukdomSituationer: [],
    sgi: 'okant',
    manaderAv12: null,
    manaderAv36: null,
    behovsgrupp: null,
    parter: [],
    avslutsdatum: null,
    avslutsorsak: null,
    anteckningar: '',
  };
}
