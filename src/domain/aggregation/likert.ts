/**
 * Likert aggregation of kärnindikator answers (scale 1–5, a skipped item is an absent slot): per
 * slot and group, the counts of each answer in one pass over the responses, published only through
 * ./likert-disclosure. A breakdown always holds every group that occurs, because leaving one out
 * would let it be worked out as the overall minus the rest.
 */
import { z } from 'zod';
import {
  type LikertCounts,
  type LikertFigures,
  protectLikert,
  protectLikertBreakdown,
} from './likert-disclosure';

export const LikertAnswer = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]);
export type LikertAnswer = z.infer<typeof LikertAnswer>;
export const LikertResponse = z.object({ slots: z.record(z.string(), LikertAnswer) });
export type LikertResponse = z.infer<typeof LikertResponse>;

/** The seeds' scoring rule: 4 or 5 on the scale counts as "jakande" [004:7390–7392]. */
export const JAKANDE_FROM = 4;

/** slot → group → counts of the answers 1..5. Unprotected: for computing, never for display. */
export type LikertTally = Map<string, Map<string, number[]>>;

/** Counts every answer once, in one pass. `groupOf` is called once per response. */
export function tallyLikert<R extends LikertResponse>(
  responses: readonly R[],
  groupOf: (r: R) => string,
): LikertTally {
  // Group first, so that each answer costs one lookup; turned slot-first at the end.
  const byGroup = new Map<string, Map<string, number[]>>();
  for (const response of responses) {
    const group = groupOf(response);
    let slotsOfGroup = byGroup.get(group);
    if (!slotsOfGroup) {
      slotsOfGroup = new Map();
      byGroup.set(group, slotsOfGroup);
    }
    const slots = response.slots;
    for (const slot in slots) {
      const k = (slots[slot] as number) - 1;
      if (!(k >= 0 && k <= 4 && k === Math.floor(k))) throw new RangeError(`Answer out of 1–5 in ${slot}.`);
      let counts = slotsOfGroup.get(slot);
      if (!counts) {
        counts = [0, 0, 0, 0, 0];
        slotsOfGroup.set(slot, counts);
      }
      counts[k] = (counts[k] ?? 0) + 1;
    }
  }
  const tally: LikertTally = new Map();
  for (const [group, slotsOfGroup] of byGroup) {
    for (const [slot, counts] of slotsOfGroup) {
      let bySlot = tally.get(slot);
      if (!bySlot) {
        bySlot = new Map();
        tally.set(slot, bySlot);
      }
      bySlot.set(group, counts);
    }
  }
  return tally;
}

/** n, mean and share jakande of counts. Unprotected: for computing, never for display. */
export function likertStats(counts: readonly number[]): {
  n: number;
  mean: number | null;
  shareJakande: number | null;
} {
  let n = 0;
  let weighted = 0;
  let jakande = 0;
  counts.forEach((c, k) => {
    n += c;
    weighted += c * (k + 1);
    if (k + 1 >= JAKANDE_FROM) jakande += c;
  });
  return { n, mean: n === 0 ? null : weighted / n, shareJakande: n === 0 ? null : jakande / n };
}

export const NO_ANSWERS: LikertFigures = Object.freeze({
  n: 0,
  mean: null,
  shareJakande: null,
  distribution: [0, 0, 0, 0, 0],
});

export interface SlotBreakdown {
  slot: string;
  overall: LikertFigures;
  /** Every group that occurs, plus those asked for; a group without answers to the slot has n = 0. */
  groups: Record<string, LikertFigures>;
}

export interface SummarizeOptions<R> {
  /** The group of a response: occasion, respondent group, `halvar(date)`, enhet, or a combination. */
  groupOf?: (r: R) => string;
  /** Groups to list first and always, in this order (others that occur follow, sorted). */
  groups?: readonly string[];
  /** Slots to report, in this order; default every slot that occurs, sorted. */
  slots?: readonly string[];
}

const toCounts = (c: readonly number[] | undefined): LikertCounts => [
  c?.[0] ?? 0,
  c?.[1] ?? 0,
  c?.[2] ?? 0,
  c?.[3] ?? 0,
  c?.[4] ?? 0,
];

/** Published figures per slot, overall and per group, after disclosure control. */
export function summarizeLikert<R extends LikertResponse>(
  responses: readonly R[],
  options: SummarizeOptions<R> = {},
): SlotBreakdown[] {
  const groupOf = options.groupOf ?? (() => '');
  const tally = tallyLikert(responses, groupOf);
  const slots = options.slots ?? [...tally.keys()].sort();
  const seen = new Set<string>();
  for (const bySlot of tally.values()) for (const g of bySlot.keys()) seen.add(g);
  const listed = options.groups ?? [];
  const groups = options.groupOf ? [...listed, ...[...seen].filter((g) => !listed.includes(g)).sort()] : [];
  return slots.map((slot) => {
    const bySlot = tally.get(slot);
    if (!options.groupOf) return { slot, overall: protectLikert(toCounts(bySlot?.get(''))), groups: {} };
    const published = protectLikertBreakdown(groups.map((g) => toCounts(bySlot?.get(g))));
    return {
      slot,
      overall: published.overall,
      groups: Object.fromEntries(groups.map((g, i) => [g, published.groups[i] ?? NO_ANSWERS])),
    };
  });
}

/** Two published figures side by side, each from its own slot and group of a breakdown. */
export function compareGroups(
  breakdowns: readonly SlotBreakdown[],
  a: { slot: string; group: string },
  b: { slot: string; group: string },
): [LikertFigures, LikertFigures] {
  const pick = (p: { slot: string; group: string }) =>
    breakdowns.find((s) => s.slot === p.slot)?.groups[p.group] ?? NO_ANSWERS;
  return [pick(a), pick(b)];
}

/**
 * "Under" against "vid avslut" from a breakdown by occasion. Ind 1–5 word the two occasions as
 * different slots (M01 under, M02 vid avslut), so the second slot defaults to the first.
 */
export function compareOccasions(
  byOccasion: readonly SlotBreakdown[],
  underSlot: string,
  avslutSlot: string = underSlot,
  keys: { under: string; vidAvslut: string } = { under: 'under', vidAvslut: 'vid_avslut' },
): { under: LikertFigures; vidAvslut: LikertFigures } {
  const [under, vidAvslut] = compareGroups(
    byOccasion,
    { slot: underSlot, group: keys.under },
    { slot: avslutSlot, group: keys.vidAvslut },
  );
  return { under, vidAvslut };
}

/** Deltagare against personal for a statement both answer (M12), from a breakdown by respondent group. */
export function compareRespondents(
  byRespondent: readonly SlotBreakdown[],
  slot: string,
  keys: { deltagare: string; personal: string } = { deltagare: 'deltagare', personal: 'personal' },
): { deltagare: LikertFigures; personal: LikertFigures } {
  const [deltagare, personal] = compareGroups(
    byRespondent,
    { slot, group: keys.deltagare },
    { slot, group: keys.personal },
  );
  return { deltagare, personal };
}
