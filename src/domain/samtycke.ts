/**
 * Samtycke: the deltagare's consent as its own record (kind, parties covered, date, form, who recorded
 * it), and the parties of case work shared by meetings, åtgärder and SIP. Invariant: a samtycke is in
 * force from its date up to, not including, the day it is withdrawn; a withdrawal never precedes it.
 */
import { z } from 'zod';
import { IsoDate } from './arende';
import { Id } from './id';
import { CASE_RECORD_META, withCrossFieldRules } from './record-meta';

/** PRODUCT.md §2: SIP, upphävande av sekretess mot namngivna parter, deltagande i enkät. */
export const SAMTYCKE_TYPER = ['sip', 'upphavande_sekretess', 'enkat'] as const;
/** The seeds leave the form open (DOMAIN.md §4.6); both are recorded, neither is preferred. */
export const SAMTYCKE_FORMER = ['skriftligt', 'muntligt'] as const;

/**
 * Everyone who can take part in case work (DOMAIN.md §4.4). A superset of the ärende's PARTER, so
 * those codes mean the same here; the kommun and region entries decide who is a SIP huvudman.
 */
export const SAMVERKANSPARTER = [
  'deltagare',
  'narstaende',
  'socialtjanst',
  'ame',
  'kommun_ovrig',
  'af',
  'fk',
  'vardcentral',
  'psykiatri',
  'region_ovrig',
  'samordningsforbund',
  'personligt_ombud',
  'god_man',
  'annan',
] as const;
export const Samverkanspart = z.enum(SAMVERKANSPARTER);
export type Samverkanspart = z.infer<typeof Samverkanspart>;

export const PART_LABEL: Record<Samverkanspart, string> = {
  deltagare: 'Deltagaren',
  narstaende: 'Närstående',
  socialtjanst: 'Socialtjänsten',
  ame: 'Arbetsmarknadsenheten (AME)',
  kommun_ovrig: 'Kommunen, annan verksamhet',
  af: 'Arbetsförmedlingen',
  fk: 'Försäkringskassan',
  vardcentral: 'Vårdcentral/hälsocentral',
  psykiatri: 'Psykiatrin',
  region_ovrig: 'Regionen, annan verksamhet',
  samordningsforbund: 'Samordningsförbundet',
  personligt_ombud: 'Personligt ombud',
  god_man: 'God man/förvaltare',
  annan: 'Annan part',
};

/** The deltagare gives the samtycke, so is never one of the parties it covers. */
export const SamtyckePart = Samverkanspart.exclude(['deltagare']);

export const SamtyckeFieldsShape = {
  kind: z.enum(SAMTYCKE_TYPER),
  parties: z.array(SamtyckePart).max(SAMVERKANSPARTER.length),
  date: IsoDate,
  form: z.enum(SAMTYCKE_FORMER),
  /** The user who received and recorded the samtycke (checklist item 3: "vem som tog emot"). */
  recordedBy: Id,
  withdrawnDate: IsoDate.nullable(),
} as const;
export const SamtyckeFields = z.object(SamtyckeFieldsShape);
export type SamtyckeFields = z.infer<typeof SamtyckeFields>;
export type SamtyckeField = keyof SamtyckeFields;

export function samtyckeCrossFieldIssues(s: SamtyckeFields): { path: SamtyckeField; message: string }[] {
  const issues: { path: SamtyckeField; message: string }[] = [];
  if (s.withdrawnDate !== null && s.withdrawnDate < s.date)
    issues.push({
      path: 'withdrawnDate',
      message: 'Ett samtycke kan inte återkallas före det datum det gavs.',
    });
  if (new Set(s.parties).size !== s.parties.length)
    issues.push({ path: 'parties', message: 'En part är angiven två gånger.' });
  if (s.kind === 'upphavande_sekretess' && s.parties.length === 0)
    issues.push({ path: 'parties', message: 'Ange vilka parter sekretessen upphävs mot.' });
  return issues;
}

export const ValidSamtyckeFields = withCrossFieldRules(SamtyckeFields, samtyckeCrossFieldIssues);

/** A samtycke as stored on the device and the server. `version` is the server's; 0 = never synced. */
export const Samtycke = SamtyckeFields.extend(CASE_RECORD_META);
export type Samtycke = z.infer<typeof Samtycke>;

type SamtyckeWindow = Pick<SamtyckeFields, 'kind' | 'date' | 'withdrawnDate'>;

/** True when `s` is in force on `onDate` (ISO dates): given on or before it and not yet withdrawn. */
export function isSamtyckeActive(s: Pick<SamtyckeFields, 'date' | 'withdrawnDate'>, onDate: string): boolean {
  return s.date <= onDate && (s.withdrawnDate === null || onDate < s.withdrawnDate);
}

/**
 * The samtycke of `kind` in force on `onDate`, from one ärende's samtycken; the most recently given
 * one when several are (ties keep list order), null when none is.
 */
export function activeSamtycke<T extends SamtyckeWindow>(
  list: readonly T[],
  kind: SamtyckeFields['kind'],
  onDate: string,
): T | null {
  let best: T | null = null;
  for (const s of list) {
    if (s.kind !== kind || !isSamtyckeActive(s, onDate)) continue;
    if (best === null || s.date > best.date) best = s;
  }
  return best;
}

/** Fields of a new samtycke, given today by default and covering no party until chosen. */
export function emptySamtyckeFields(
  kind: SamtyckeFields['kind'],
  date: string,
  recordedBy: string,
): SamtyckeFields {
  return { kind, parties: [], date, form: 'skriftligt', recordedBy, withdrawnDate: null };
}
