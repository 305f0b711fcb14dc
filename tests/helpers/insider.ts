/**
 * The strongest reader of a release: one who knows every person but one exactly (an insider of
 * the enhet, a koordinator who added records, an earlier release) and asks which values of that
 * person's attribute, or whether their presence at all, agree with every published figure. Built
 * only from the published JSON and the rules in docs/disclosure-control.md, never from the code
 * that made the release. A person is protected when at least two answers agree.
 */
import { type Figure, isSuppressed, isWithheld, possibleTrue } from '../../src/domain/aggregation/cell-key';
import type { LikertFigures } from '../../src/domain/aggregation/likert-release';
import type { KartlaggningReport, SlotReport } from '../../src/domain/aggregation/report';
import { jakandeBounds, meanBounds } from './lp-audit';

/** A published figure as a test on a set of persons: does their count fit what is shown? */
export interface Published<P> {
  name: string;
  value: (persons: readonly P[]) => number;
  fits: (value: number) => boolean;
}

export function countFits(shown: Figure | undefined): (v: number) => boolean {
  if (shown === undefined || isWithheld(shown)) return () => true;
  const { lo, hi } = possibleTrue(isSuppressed(shown) ? null : (shown as number));
  return (v) => v >= lo && v <= hi;
}

const counting =
  <P>(member: (p: P) => boolean) =>
  (persons: readonly P[]) =>
    persons.filter(member).length;

/** The figures a set of persons fails; empty when the release could have come from them. */
export function misfits<P>(figures: readonly Published<P>[], persons: readonly P[]): string[] {
  return figures.filter((f) => !f.fits(f.value(persons))).map((f) => f.name);
}

/** An ärende as the kartläggning sees it: enhet id and category per dimension. */
export type KlPerson = Record<string, string>;

export function kartlaggningFigures(r: KartlaggningReport): Published<KlPerson>[] {
  const out: Published<KlPerson>[] = [];
  const add = (name: string, member: (p: KlPerson) => boolean, shown: Figure | undefined) =>
    out.push({ name, value: counting(member), fits: countFits(shown) });
  r.enhet.categories.forEach((e, i) => {
    add(`enhet ${e}`, (p) => p.enhet === e, r.enhet.cells[i]);
  });
  add('total', () => true, r.enhet.total);
  for (const t of r.tables) {
    t.total.categories.forEach((c, j) => {
      add(`${t.dimension} ${c}`, (p) => p[t.dimension] === c, t.total.cells[j]);
      t.perEnhet.rows.forEach((e, i) => {
        add(
          `${t.dimension} ${e}×${c}`,
          (p) => p.enhet === e && p[t.dimension] === c,
          t.perEnhet.cells[i]?.[j],
        );
      });
    });
  }
  return out;
}

/** A person's answer to one slot: group (form or respondent group), enhet and answer. */
export interface Answer {
  group: string;
  enhet: string;
  answer: number;
}

function likertOf(name: string, member: (a: Answer) => boolean, f: LikertFigures): Published<Answer>[] {
  const sum = meanBounds(f.mean, f.n);
  return [
    { name: `${name} n`, value: counting(member), fits: countFits(f.n) },
    ...f.distribution.map((shown, k) => ({
      name: `${name} svar ${k + 1}`,
      value: counting((a: Answer) => member(a) && a.answer === k + 1),
      fits: countFits(shown),
    })),
    {
      name: `${name} 4–5`,
      value: counting((a: Answer) => member(a) && a.answer >= 4),
      fits: (v: number) => {
        const b = jakandeBounds(f.shareJakande, f.n);
        return b === null || (v >= b.lo && v <= b.hi);
      },
    },
    {
      name: `${name} summa`,
      value: (ps) => ps.filter(member).reduce((s, a) => s + a.answer, 0),
      fits: (v) => !sum || ((sum.lo === undefined || v >= sum.lo) && (sum.hi === undefined || v <= sum.hi)),
    },
  ];
}

/** Every figure of a published slot (case-linked or half-year) as tests on its respondents. */
export function slotFigures(s: SlotReport): Published<Answer>[] {
  return [
    ...(s.overall ? likertOf(`${s.slot} alla`, () => true, s.overall) : []),
    ...s.groups.flatMap((g) => likertOf(`${s.slot} ${g.key}`, (a) => a.group === g.key, g.figures)),
    ...s.byEnhet.flatMap((g) =>
      likertOf(
        `${s.slot} ${g.group ?? ''}×${g.enhet}`,
        (a) => a.enhet === g.enhet && (g.group === null || a.group === g.group),
        g.figures,
      ),
    ),
  ];
}

/**
 * What the insider can tell about person `target` of `persons`: which of `values` of `attribute`
 * (and absence) agree with the release when everyone else is as they are.
 */
export function whatFits<P>(
  figures: readonly Published<P>[],
  persons: readonly P[],
  target: number,
  variants: readonly (P | null)[],
): (P | null)[] {
  return variants.filter((v) => {
    const world = persons.flatMap((p, i) => (i === target ? (v === null ? [] : [v]) : [p]));
    return misfits(figures, world).length === 0;
  });
}
