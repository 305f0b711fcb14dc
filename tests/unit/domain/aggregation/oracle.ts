/**
 * A brute-force reader of published tables, independent of the code under test: it searches every
 * whole-number assignment of the hidden cells that agrees with what is shown and reports which
 * hidden figures take only one value. Small tables only.
 */

export interface Linear {
  /** Coefficient per variable. */
  coef: readonly number[];
}

export interface Problem {
  /** Least and greatest value of each unknown (hidden base cell). */
  bounds: readonly { lo: number; hi: number }[];
  /** Shown figures: coef · x = rhs. */
  equal: readonly (Linear & { rhs: number })[];
  /** Hidden derived figures a reader knows to be at least `min`. */
  atLeast: readonly (Linear & { min: number })[];
  /** Hidden figures that must not be derivable, with their true value. */
  targets: readonly (Linear & { value: number })[];
}

const dot = (coef: readonly number[], x: readonly number[]) =>
  coef.reduce((s, c, i) => s + c * (x[i] ?? 0), 0);

/** One assignment that satisfies every constraint, or null; depth-first with interval pruning. */
function solve(
  bounds: Problem['bounds'],
  equal: Problem['equal'],
  atLeast: Problem['atLeast'],
): number[] | null {
  const vars = bounds.length;
  const constraints = [...equal, ...atLeast];
  const want = constraints.map((c, k) =>
    k < equal.length ? (c as { rhs: number }).rhs : (c as { min: number }).min,
  );
  // Least and greatest value each constraint can still gain from the variables i.. onwards.
  const rest = constraints.map(({ coef }) => {
    const lo = new Array<number>(vars + 1).fill(0);
    const hi = new Array<number>(vars + 1).fill(0);
    for (let i = vars - 1; i >= 0; i--) {
      const c = coef[i] ?? 0;
      const b = bounds[i] ?? { lo: 0, hi: 0 };
      lo[i] = (lo[i + 1] ?? 0) + Math.min(c * b.lo, c * b.hi);
      hi[i] = (hi[i + 1] ?? 0) + Math.max(c * b.lo, c * b.hi);
    }
    return { lo, hi };
  });
  const x = new Array<number>(vars).fill(0);
  const partial = constraints.map(() => 0);
  const ok = (i: number) => {
    for (let k = 0; k < constraints.length; k++) {
      const base = partial[k] ?? 0;
      if (base + (rest[k]?.hi[i] ?? 0) < (want[k] ?? 0)) return false;
      if (k < equal.length && base + (rest[k]?.lo[i] ?? 0) > (want[k] ?? 0)) return false;
    }
    return true;
  };
  const visit = (i: number): boolean => {
    if (!ok(i)) return false;
    if (i === vars) return true;
    const b = bounds[i] ?? { lo: 0, hi: 0 };
    for (let v = b.lo; v <= b.hi; v++) {
      x[i] = v;
      for (let k = 0; k < constraints.length; k++)
        partial[k] = (partial[k] ?? 0) + (constraints[k]?.coef[i] ?? 0) * v;
      const found = visit(i + 1);
      for (let k = 0; k < constraints.length; k++)
        partial[k] = (partial[k] ?? 0) - (constraints[k]?.coef[i] ?? 0) * v;
      if (found) return true;
    }
    return false;
  };
  return visit(0) ? x : null;
}

/**
 * Indices of targets that every feasible assignment gives their true value. For each target it
 * asks for an assignment with the target above, then below, its true value.
 */
export function pinnedTargets(p: Problem): number[] {
  const free = p.targets.map(() => false);
  p.targets.forEach((t, k) => {
    for (const sign of [1, -1]) {
      if (free[k]) return;
      const other = { coef: t.coef.map((c) => sign * c), min: sign * t.value + 1 };
      const x = solve(p.bounds, p.equal, [...p.atLeast, other]);
      if (x) {
        p.targets.forEach((u, j) => {
          if (dot(u.coef, x) !== u.value) free[j] = true;
        });
      }
    }
  });
  return p.targets.map((_, k) => k).filter((k) => !free[k]);
}
