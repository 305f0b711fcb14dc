/**
 * The kärnindikator release of a halvår: per answer slot, n, mean, share 4–5 and the distribution
 * for each case-linked form that has the slot (a `respondent|occasion` group: under vs vid avslut,
 * deltagare vs personal) and for each form and enhet; the half-year round's forms by respondent
 * group, by enhet and in all. Every count is of persons: a case-linked form counts each ärende's
 * latest response of the halvår once, and no figure adds up two forms (one ärende may answer
 * several). Which slots, groups and enheter are listed never depends on the answers.
 */
import { type LikertCell, type LikertSet, publishLikert } from '../../../domain/aggregation/likert-release';
import type { Unit } from '../../../domain/aggregation/release';
import type { KarnindikatorReport, SlotReport } from '../../../domain/aggregation/report';
import { FORMS, type Form, type FormId } from '../../../domain/instrument/forms';
import { SLOT_IDS } from '../../../domain/instrument/matpunkt-ids';
import {
  type AnswerCountRow,
  answerCounts,
  enheterForAggregates,
  roundOfPeriod,
} from '../../store/aggregates';
import type { Sql } from '../../store/sql';

const caseGroup = (f: Form) => `${f.respondent}|${f.occasion}`;

function cellsBySlot(rows: readonly AnswerCountRow[], groupOf: (f: Form) => string) {
  const bySlot = new Map<string, Unit<LikertCell>[]>();
  for (const r of rows) {
    const form = FORMS[r.form_id as FormId];
    if (!form || !(r.answer >= 1 && r.answer <= 5) || r.n <= 0) continue;
    const list = bySlot.get(r.slot) ?? [];
    list.push({
      value: { group: groupOf(form), enhet: r.enhet_id, answer: r.answer },
      count: r.n,
      keySum: r.key_sum,
    });
    bySlot.set(r.slot, list);
  }
  return bySlot;
}

const inGroup = (g: string): LikertSet => ({ member: (c) => c.group === g });

/** Case-linked slots: per form group, and per form group and enhet. */
function caseSlots(rows: readonly AnswerCountRow[], enhetIds: readonly string[]): SlotReport[] {
  const cells = cellsBySlot(rows, caseGroup);
  return SLOT_IDS.flatMap((slot) => {
    const groups = [
      ...new Set(
        Object.values(FORMS)
          .filter((f) => f.kind !== 'halvar' && (f.slots as readonly string[]).includes(slot))
          .map(caseGroup),
      ),
    ];
    if (groups.length === 0) return [];
    const cross = groups.flatMap((g) => enhetIds.map((e) => ({ g, e })));
    const { figures } = publishLikert(cells.get(slot) ?? [], [
      ...groups.map(inGroup),
      ...cross.map(({ g, e }) => ({ member: (c: LikertCell) => c.group === g && c.enhet === e })),
    ]);
    const at = (i: number) => figures[i] as (typeof figures)[number];
    return [
      {
        slot,
        overall: null,
        groups: groups.map((key, i) => ({ key, figures: at(i) })),
        byEnhet: cross.map(({ g, e }, i) => ({ enhet: e, group: g, figures: at(groups.length + i) })),
      },
    ];
  });
}

/** Half-year slots of the round's forms: per respondent group, per enhet, and in all. */
function halvarSlots(
  rows: readonly AnswerCountRow[],
  round: { enhetIds: string[]; formIds: string[] } | null,
): SlotReport[] {
  if (!round) return [];
  const forms = round.formIds.map((id) => FORMS[id as FormId]).filter((f) => f?.kind === 'halvar');
  const cells = cellsBySlot(rows, (f) => f.respondent);
  return SLOT_IDS.flatMap((slot) => {
    const groups = forms
      .filter((f) => (f.slots as readonly string[]).includes(slot))
      .map((f) => f.respondent);
    if (groups.length === 0) return [];
    const { figures } = publishLikert(cells.get(slot) ?? [], [
      { member: () => true },
      ...groups.map(inGroup),
      ...round.enhetIds.map((e) => ({ member: (c: LikertCell) => c.enhet === e })),
    ]);
    const at = (i: number) => figures[i] as (typeof figures)[number];
    return [
      {
        slot,
        overall: at(0),
        groups: groups.map((key, i) => ({ key, figures: at(1 + i) })),
        byEnhet: round.enhetIds.map((enhet, i) => ({
          enhet,
          group: null,
          figures: at(1 + groups.length + i),
        })),
      },
    ];
  });
}

export async function karnindikatorRelease(
  sql: Sql,
  forbundId: string,
  period: string,
  publishedAt: string,
): Promise<KarnindikatorReport> {
  const [enheter, counts, roundCounts, round] = await Promise.all([
    enheterForAggregates(sql, forbundId),
    answerCounts(sql, forbundId, period, 'case'),
    answerCounts(sql, forbundId, period, 'round'),
    roundOfPeriod(sql, forbundId, period),
  ]);
  return {
    publishedAt,
    period,
    caseSlots: caseSlots(
      counts,
      enheter.map((e) => e.id),
    ),
    halvarSlots: halvarSlots(roundCounts, round),
    enheter,
  };
}
