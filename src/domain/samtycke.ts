/**
 * Samtycke: the deltagare's answer when asked for consent, as its own record (kind, parties covered,
 * date, form, given or refused, who asked and recorded it, and a withdrawal with who recorded it),
 * and the parties of case work shared by meetings, åtgärder and SIP. Invariants: a given samtycke is
 * in force from its date up to, not including, the day it is withdrawn; a withdrawal never precedes
 * it; a refusal is never in force and is never withdrawn. Of an ärende's samtycken of one kind the
 * latest decision counts (samtyckeLage): a refusal after a consent leaves no consent in force.
 */

import { IsoDate } from './arende';
import { Id } from './id';
import { CASE_RECORD_META, withCrossFieldRules } from './record-meta';
import { z } from './zod';

/** PRODUCT.md §2: SIP, upphävande av sekretess mot namngivna parter, deltagande i enkät. */
export const SAMTYCKE_TYPER = ['sip', 'upphavande_sekretess', 'enkat'] as const;
/** The seeds leave the form open (DOMAIN.md §4.6); both are recorded, neither is preferred. */
export const SAMTYCKE_FORMER = ['skriftligt', 'muntligt'] as const;
/**
 * DOMAIN.md §2.4 item 3: "Record given/refused". A refusal is recorded too: the next handläggare
 * needs to know who asked, when and for what (PRODUCT.md §8).
 */
export const SAMTYCKE_BESLUT = ['lamnat', 'nekat'] as const;
export type SamtyckeBeslut = (typeof SAMTYCKE_BESLUT)[number];

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
  /** Given or refused; fixed once recorded (a new answer is a new samtycke). */
  decision: z.enum(SAMTYCKE_BESLUT),
  /** The user who asked, received and recorded the answer (checklist item 3: "vem som tog emot"). */
  recordedBy: Id,
  withdrawnDate: IsoDate.nullable(),
  /** The user who recorded the withdrawal; set with withdrawnDate. */
  withdrawnBy: Id.nullable(),
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
  if (s.decision === 'nekat' && s.withdrawnDate !== null)
    issues.push({
      path: 'withdrawnDate',
      message: 'Ett nekat samtycke kan inte återkallas – det har aldrig gällt.',
    });
  if (s.withdrawnBy !== null && s.withdrawnDate === null)
    issues.push({ path: 'withdrawnDate', message: 'Ange datum då samtycket återkallades.' });
  if (s.kind === 'upphavande_sekretess' && s.parties.length === 0)
    issues.push({ path: 'parties', message: 'Ange vilka parter sekretessen upphävs mot.' });
  return issues;
}

export const ValidSamtyckeFields = withCrossFieldRules(SamtyckeFields, samtyckeCrossFieldIssues);

/**
 * A samtycke as stored on the device and the server. `version` is the server's; 0 = never synced.
 * Records from before refusals and withdrawn-by existed read as given, with no recorder of a withdrawal.
 */
export const Samtycke = SamtyckeFields.extend({
  ...CASE_RECORD_META,
  decision: SamtyckeFields.shape.decision.default('lamnat'),
  withdrawnBy: SamtyckeFields.shape.withdrawnBy.default(null),
});
export type Samtycke = z.infer<typeof Samtycke>;

/** What the rules below read of a samtycke; `decision` absent = given (records from before it). */
export type SamtyckeWindow = Pick<SamtyckeFields, 'kind' | 'date' | 'withdrawnDate'> & {
  decision?: SamtyckeBeslut | undefined;
  /** Breaks ties between decisions of one day: the one recorded later counts. */
  createdAt?: string | undefined;
};

/**
 * True when `s` is in force on `onDate` (ISO dates): given (not refused) on or before it and not
 * yet withdrawn.
 */
export function isSamtyckeActive(
  s: Pick<SamtyckeWindow, 'date' | 'withdrawnDate' | 'decision'>,
  onDate: string,
): boolean {
  return s.decision !== 'nekat' && s.date <= onDate && (s.withdrawnDate === null || onDate < s.withdrawnDate);
}

/**
 * The samtycke of `kind` in force on `onDate`, from one ärende's samtycken; the most recently given
 * one when several are (ties keep list order), null when none is or a later refusal overrides it.
 */
export function activeSamtycke<T extends SamtyckeWindow>(
  list: readonly T[],
  kind: SamtyckeFields['kind'],
  onDate: string,
): T | null {
  const lage = samtyckeLage(list, kind, onDate);
  return lage.state === 'gallande' ? lage.samtycke : null;
}

/**
 * Where the deltagare stands on samtycke of `kind` on `onDate`, from one ärende's samtycken:
 * - gallande: a given samtycke is in force and no refusal came after it;
 * - nekat: the latest decision is a refusal (after any withdrawal);
 * - aterkallat: the latest given samtycke was withdrawn and nothing was decided since;
 * - saknas: the deltagare has not been asked (or only after `onDate`).
 * Decisions are ordered by date, then by when they were recorded.
 */
export type SamtyckeLage<T> =
  | { state: 'gallande'; samtycke: T }
  | { state: 'nekat'; samtycke: T }
  | { state: 'aterkallat'; samtycke: T }
  | { state: 'saknas' };

const decidedKey = (s: SamtyckeWindow) => `${s.date}|${s.createdAt ?? ''}`;
function latestBy<T>(list: readonly T[], key: (t: T) => string): T | null {
  let best: T | null = null;
  for (const x of list) if (best === null || key(x) > key(best)) best = x;
  return best;
}

export function samtyckeLage<T extends SamtyckeWindow>(
  list: readonly T[],
  kind: SamtyckeFields['kind'],
  onDate: string,
): SamtyckeLage<T> {
  const decided = list.filter((s) => s.kind === kind && s.date <= onDate);
  const active = latestBy(
    decided.filter((s) => isSamtyckeActive(s, onDate)),
    decidedKey,
  );
  const refusal = latestBy(
    decided.filter((s) => s.decision === 'nekat'),
    decidedKey,
  );
  if (active && (!refusal || decidedKey(active) > decidedKey(refusal)))
    return { state: 'gallande', samtycke: active };
  const withdrawn = latestBy(
    decided.filter((s) => s.decision !== 'nekat' && s.withdrawnDate !== null && s.withdrawnDate <= onDate),
    (s) => String(s.withdrawnDate),
  );
  // A refusal on the day of a withdrawal is the later word: asked again, the deltagare said no.
  if (refusal && (!withdrawn || refusal.date >= String(withdrawn.withdrawnDate)))
    return { state: 'nekat', samtycke: refusal };
  if (withdrawn) return { state: 'aterkallat', samtycke: withdrawn };
  return { state: 'saknas' };
}

/** Fields of a new samtycke, given today by default and covering no party until chosen. */
export function emptySamtyckeFields(
  kind: SamtyckeFields['kind'],
  date: string,
  recordedBy: string,
  decision: SamtyckeBeslut = 'lamnat',
): SamtyckeFields {
  return {
    kind,
    parties: [],
    date,
    form: 'skriftligt',
    decision,
    recordedBy,
    withdrawnDate: null,
    withdrawnBy: null,
  };
}
