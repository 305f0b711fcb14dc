/**
 * Kärnindikator answers of one slot (scale 1–5, a skipped item is no answer) published through
 * ./release: for each set of persons asked for (a form's respondents, an enhet's, both, or all),
 * the number who answered (n), how many gave each answer, how many gave 4–5 ("jakande", the seeds'
 * scoring rule) and the sum of the answers — each a figure with its own cell key. The share is the
 * published 4–5 count over the published n, the mean the published sum over the published n, so
 * neither says anything beyond the figures; both are shown only when n is (≥ 5 persons).
 * Protected attributes: each person's answer (it could have been another) and whether they
 * answered at all (they could have skipped).
 */
import { z } from '../zod';
import { Figure, isSuppressed, isWithheld, SUPPRESSED, WITHHELD } from './cell-key';
import { type FigureSpec, publishRelease, type Unit } from './release';

/** The seeds' scoring rule: 4 or 5 on the scale counts as "jakande" [004:7390–7392]. */
export const JAKANDE_FROM = 4;

export const LikertFigures = z.strictObject({
  /** How many answered. */
  n: Figure,
  /** Published sum / published n, one decimal, 1–5. */
  mean: Figure.nullable(),
  /** Published 4–5 count / published n, 0–1 with three decimals. */
  shareJakande: Figure.nullable(),
  /** Counts of the answers 1..5. */
  distribution: z.array(Figure).length(5),
});
export type LikertFigures = z.infer<typeof LikertFigures>;

/** Persons who gave `answer` to the slot, in a group (a form or respondent group) and an enhet. */
export interface LikertCell {
  group: string;
  enhet: string;
  answer: number;
}

/** A set of persons to publish figures for. */
export interface LikertSet {
  readonly member: (c: LikertCell) => boolean;
}

const ANSWERS = [1, 2, 3, 4, 5] as const;
const PER_SET = 8; // n, answers 1–5, jakande, sum

function specsOf(set: LikertSet): FigureSpec<LikertCell>[] {
  const count = (pick: (c: LikertCell) => boolean, reads: string[]): FigureSpec<LikertCell> => ({
    kind: 'count',
    weight: (c) => (set.member(c) && pick(c) ? 1 : 0),
    reads,
  });
  return [
    count(() => true, []),
    ...ANSWERS.map((k) => count((c) => c.answer === k, ['answer'])),
    count((c) => c.answer >= JAKANDE_FROM, ['answer']),
    { kind: 'sum', weight: (c) => (set.member(c) ? c.answer : 0), reads: ['answer'] },
  ];
}

const round = (x: number, decimals: number) => Math.round(x * 10 ** decimals) / 10 ** decimals;
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** A ratio of a published figure over the published n: hidden as either is, withheld first. */
function ratio(top: Figure, n: Figure, value: (top: number, n: number) => number): Figure {
  if (isWithheld(n) || isWithheld(top)) return WITHHELD;
  if (isSuppressed(n) || isSuppressed(top) || typeof n !== 'number' || typeof top !== 'number')
    return SUPPRESSED;
  return value(top, n);
}

function figuresOf(published: readonly Figure[], base: number): LikertFigures {
  const at = (i: number): Figure => published[base + i] ?? SUPPRESSED;
  const n = at(0);
  return {
    n,
    mean: ratio(at(7), n, (sum, count) => clamp(round(sum / count, 1), 1, 5)),
    shareJakande: ratio(at(6), n, (j, count) => clamp(round(j / count, 3), 0, 1)),
    distribution: ANSWERS.map((_, k) => at(1 + k)),
  };
}

/** The published figures of every set, in order, from the slot's answer counts. */
export function publishLikert(
  cells: readonly Unit<LikertCell>[],
  sets: readonly LikertSet[],
): { figures: LikertFigures[]; withheld: number } {
  for (const c of cells) {
    if (!ANSWERS.includes(c.value.answer as 1)) throw new RangeError(`Answer out of 1–5: ${c.value.answer}`);
  }
  const specs = sets.flatMap(specsOf);
  const answer = {
    name: 'answer',
    alternatives: (c: LikertCell) => ANSWERS.filter((k) => k !== c.answer).map((k) => ({ ...c, answer: k })),
  };
  const result = publishRelease(cells, specs, [answer]);
  return {
    figures: sets.map((_, i) => figuresOf(result.figures, i * PER_SET)),
    withheld: result.withheld,
  };
}
