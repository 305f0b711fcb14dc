/**
 * Kärnindikatorer for the coordinator: per answer slot, n, mean, share 4–5 and the distribution,
 * broken down by respondent group and occasion (under vs vid avslut, deltagare vs personal) and,
 * in a second table with the same overall, by enhet. Half-year forms of the period's round by
 * respondent group and by enhet. All through the Likert disclosure control; a figure whose
 * respondents may be fewer than MIN_CELL distinct ärenden is hidden whole on top of it: an ärende
 * counts once per form, so a figure over the forms of a slot has at least n / (forms with the slot)
 * persons behind it, and is shown only when that bound reaches MIN_CELL.
 */

import { isSmall, SUPPRESSED } from '../../../domain/aggregation/disclosure';
import type { LikertFigures } from '../../../domain/aggregation/likert-disclosure';
import { type LikertCounts, protectLikertBreakdown } from '../../../domain/aggregation/likert-disclosure';
import type { KarnindikatorReport, SlotReport } from '../../../domain/aggregation/report';
import { FORMS, type FormId } from '../../../domain/instrument/forms';
import { SLOT_IDS } from '../../../domain/instrument/matpunkt-ids';
import { type AnswerCountRow, answerCounts, enheterForAggregates } from '../../store/aggregates';
import type { Sql } from '../../store/sql';
import { getOrSet } from './maps';

type Tally = Map<string, Map<string, number[]>>;

/** slot → group → counts of 1..5 */
function tally(rows: readonly AnswerCountRow[], groupOf: (r: AnswerCountRow) => string | null): Tally {
  const out: Tally = new Map();
  for (const r of rows) {
    const group = groupOf(r);
    const k = r.answer - 1;
    if (group === null || !(k >= 0 && k <= 4)) continue;
    const bySlot = getOrSet(out, r.slot, () => new Map());
    const counts = getOrSet(bySlot, group, () => [0, 0, 0, 0, 0]);
    counts[k] = (counts[k] ?? 0) + r.n;
  }
  return out;
}

const HIDDEN_WHOLE: LikertFigures = Object.freeze({
  n: SUPPRESSED,
  mean: SUPPRESSED,
  shareJakande: SUPPRESSED,
  distribution: [SUPPRESSED, SUPPRESSED, SUPPRESSED, SUPPRESSED, SUPPRESSED],
});

const toCounts = (c: readonly number[] | undefined): LikertCounts => [
  c?.[0] ?? 0,
  c?.[1] ?? 0,
  c?.[2] ?? 0,
  c?.[3] ?? 0,
  c?.[4] ?? 0,
];

/**
 * The published breakdowns of every slot in `slots` that has answers. `groupsOf(slot)` lists the
 * groups to show (those that occur are added). `personsOf(slot, group)` is the number of distinct
 * persons behind a figure when that can be fewer than its n (null = overall); hiding a figure whole
 * only shows less, so it never makes a hidden figure of the table derivable.
 */
function breakdowns(
  t: Tally,
  groupsOf: (slot: string) => readonly string[],
  personsOf?: (slot: string, group: string | null) => number,
): SlotReport[] {
  const out: SlotReport[] = [];
  for (const slot of SLOT_IDS) {
    const bySlot = t.get(slot);
    if (!bySlot) continue;
    const listed = groupsOf(slot);
    const groups = [...listed, ...[...bySlot.keys()].filter((g) => !listed.includes(g)).sort()];
    const published = protectLikertBreakdown(groups.map((g) => toCounts(bySlot.get(g))));
    const fewPersons = (group: string | null) => {
      if (!personsOf) return false;
      return isSmall(personsOf(slot, group));
    };
    out.push({
      slot,
      overall: fewPersons(null) ? HIDDEN_WHOLE : published.overall,
      groups: groups.map((key, i) => ({
        key,
        figures: fewPersons(key) ? HIDDEN_WHOLE : (published.groups[i] ?? HIDDEN_WHOLE),
      })),
    });
  }
  return out;
}

const formOf = (id: string) => FORMS[id as FormId];

/** The most case-linked forms one ärende can have answered a slot in (e.g. M14: under, avslut, intervall). */
function formsWithSlot(slot: string): number {
  return Object.values(FORMS).filter(
    (f) => f.kind !== 'halvar' && (f.slots as readonly string[]).includes(slot),
  ).length;
}

/** Respondent|occasion groups of the case-linked forms that carry a slot, in form order. */
function caseGroupsOf(slot: string): string[] {
  const keys: string[] = [];
  for (const f of Object.values(FORMS)) {
    if (f.kind === 'halvar' || !(f.slots as readonly string[]).includes(slot)) continue;
    const key = `${f.respondent}|${f.occasion}`;
    if (!keys.includes(key)) keys.push(key);
  }
  return keys;
}

function halvarGroupsOf(slot: string): string[] {
  return Object.values(FORMS)
    .filter((f) => f.kind === 'halvar' && (f.slots as readonly string[]).includes(slot))
    .map((f) => f.respondent);
}

export async function karnindikatorReport(
  sql: Sql,
  forbundId: string,
  period: string,
): Promise<KarnindikatorReport> {
  const [enheter, counts, roundCounts] = await Promise.all([
    enheterForAggregates(sql, forbundId),
    answerCounts(sql, forbundId, period, 'case'),
    answerCounts(sql, forbundId, period, 'round'),
  ]);
  const enhetIds = enheter.map((e) => e.id);
  const caseRows = counts.filter((r) => formOf(r.form_id) && formOf(r.form_id).kind !== 'halvar');
  // n per slot and per slot and enhet, for the least number of persons behind each.
  const nBy = new Map<string, number>();
  for (const r of caseRows) {
    for (const key of [`${r.slot}|`, `${r.slot}|${r.enhet_id}`]) nBy.set(key, (nBy.get(key) ?? 0) + r.n);
  }
  const leastPersons = (slot: string, enhet: string | null) =>
    Math.ceil((nBy.get(`${slot}|${enhet ?? ''}`) ?? 0) / Math.max(1, formsWithSlot(slot)));
  const bySvarsgrupp = breakdowns(
    tally(caseRows, (r) => `${formOf(r.form_id).respondent}|${formOf(r.form_id).occasion}`),
    caseGroupsOf,
    // A respondent|occasion group holds each ärende once; only the overall spans several forms.
    (slot, group) => (group === null ? leastPersons(slot, null) : Number.POSITIVE_INFINITY),
  );
  const byEnhet = breakdowns(
    tally(caseRows, (r) => r.enhet_id),
    () => enhetIds,
    (slot, group) => leastPersons(slot, group),
  );
  const roundRows = roundCounts.filter((r) => formOf(r.form_id));
  return {
    period,
    bySvarsgrupp,
    byEnhet,
    halvarByGroup: breakdowns(
      tally(roundRows, (r) => formOf(r.form_id).respondent),
      halvarGroupsOf,
    ),
    halvarByEnhet: breakdowns(
      tally(roundRows, (r) => r.enhet_id),
      () => enhetIds,
    ),
    enheter,
  };
}
