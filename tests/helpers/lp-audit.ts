/**
 * The exact audit of a release as an attacker would run it: the true counts are unknowns (whole
 * numbers ≥ 0), every published figure is a linear constraint on them (a count within the values
 * `possibleTrue` allows, "för få" within 0–4, a withheld figure nothing, a mean or share the
 * bounds its rounding and noise leave), and HiGHS (a MIP solver compiled to WebAssembly) finds the
 * least and greatest value each protected figure can take. A range of one value would be a
 * disclosure. Independent of the code under test: it sees only what is published.
 */
import highsLoader from 'highs';
import {
  type Figure,
  isSuppressed,
  isWithheld,
  MAX_NOISE,
  possibleTrue,
} from '../../src/domain/aggregation/cell-key';

type Highs = Awaited<ReturnType<typeof highsLoader>>;
let highs: Promise<Highs> | null = null;

/** A linear expression: variable index → coefficient. */
export type Expr = Map<number, number>;

export interface Constraint {
  expr: Expr;
  lo?: number;
  hi?: number;
}

export class Model {
  readonly names: string[] = [];
  readonly constraints: Constraint[] = [];

  variable(name: string): number {
    this.names.push(name);
    return this.names.length - 1;
  }

  /** What a published count figure tells about the sum `expr`. */
  count(expr: Expr, shown: Figure | undefined): void {
    if (shown === undefined || isWithheld(shown)) return;
    const { lo, hi } = possibleTrue(isSuppressed(shown) ? null : (shown as number));
    this.constraints.push({ expr, lo, hi });
  }

  between(expr: Expr, lo: number | undefined, hi: number | undefined): void {
    this.constraints.push({ expr, lo, hi });
  }
}

export const sumOf = (vars: readonly number[], coef: (v: number) => number = () => 1): Expr =>
  new Map(vars.map((v) => [v, coef(v)]));

const term = (expr: Expr) =>
  [...expr.entries()]
    .filter(([, c]) => c !== 0)
    .map(([v, c], i) => `${c < 0 ? '-' : i === 0 ? '' : '+'} ${Math.abs(c)} x${v}`)
    .join(' ');

function lpText(model: Model, objective: Expr, sense: 'Minimize' | 'Maximize'): string {
  const rows: string[] = [];
  model.constraints.forEach((c, i) => {
    const t = term(c.expr);
    if (!t) return;
    if (c.lo !== undefined) rows.push(` l${i}: ${t} >= ${c.lo}`);
    if (c.hi !== undefined) rows.push(` u${i}: ${t} <= ${c.hi}`);
  });
  const vars = model.names.map((_, i) => `x${i}`);
  return [
    sense,
    ` obj: ${term(objective) || '0 x0'}`,
    'Subject To',
    ...rows,
    'Bounds',
    ...vars.map((v) => ` ${v} >= 0`),
    'General',
    ` ${vars.join(' ')}`,
    'End',
  ].join('\n');
}

export interface Target {
  name: string;
  expr: Expr;
  truth: number;
}

const valueAt = (expr: Expr, x: readonly number[]) => [...expr].reduce((s, [v, c]) => s + c * (x[v] ?? 0), 0);

/**
 * The targets whose every allowed value is their true one (pinned): for each target not yet seen
 * to move, HiGHS maximises it, then minimises it; every solution found is an assignment the release
 * allows, so each target it gives another value is free, and is not solved for again.
 */
export async function pinned(model: Model, targets: readonly Target[]): Promise<Target[]> {
  highs ??= highsLoader();
  const solver = await highs;
  const free = new Set<number>();
  const out: Target[] = [];
  targets.forEach((t, i) => {
    for (const sense of ['Maximize', 'Minimize'] as const) {
      if (free.has(i)) return;
      const r = solver.solve(lpText(model, t.expr, sense), { output_flag: false });
      if (r.Status === 'Unbounded') {
        free.add(i);
        return;
      }
      if (r.Status !== 'Optimal') throw new Error(`audit model: ${r.Status}`);
      const x = model.names.map((_, v) =>
        Math.round((r.Columns[`x${v}`] as { Primal: number } | undefined)?.Primal ?? 0),
      );
      targets.forEach((u, j) => {
        if (valueAt(u.expr, x) !== u.truth) free.add(j);
      });
    }
    if (!free.has(i)) out.push(t);
  });
  return out;
}

/** The sum behind a published mean (one decimal, clamped to 1–5) over a published n. */
export function meanBounds(mean: Figure | null, n: Figure): { lo?: number; hi?: number } | null {
  if (typeof mean !== 'number' || typeof n !== 'number') return null;
  const lo = mean <= 1 ? undefined : (mean - 0.05) * n - MAX_NOISE;
  const hi = mean >= 5 ? undefined : (mean + 0.05) * n + MAX_NOISE;
  return {
    lo: lo === undefined ? undefined : Math.ceil(lo - 1e-9),
    hi: hi === undefined ? undefined : Math.floor(hi + 1e-9),
  };
}

/**
 * What a share (three decimals, at most 1) of a published n says about the true 4–5 count: the
 * published 4–5 counts it fits (several where the share is 1), each widened by `possibleTrue`.
 * "För få" says 0–4; withheld, or n not shown, says nothing (null).
 */
export function jakandeBounds(share: Figure | null, n: Figure): { lo: number; hi: number } | null {
  if (share === null || isWithheld(share) || typeof n !== 'number') return null;
  if (isSuppressed(share)) return possibleTrue(null);
  const fits = Array.from({ length: n + MAX_NOISE + 2 }, (_, j) => j).filter(
    (j) => j >= 5 && Math.min(1, Math.round((j / n) * 1000) / 1000) === share,
  );
  if (fits.length === 0) throw new Error(`share ${share} of ${n} fits no count`);
  return { lo: possibleTrue(Math.min(...fits)).lo, hi: possibleTrue(Math.max(...fits)).hi };
}
