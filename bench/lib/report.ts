/**
 * The output format of `npm run bench`: one JSON line per figure on stdout, human notes on stderr.
 * Every figure script uses these two functions, so stdout never carries anything but figures.
 */

export interface Figure {
  metric: string;
  value: number;
  unit: string;
  /** The figure's budget in `unit`, or null where there is none. */
  budget: number | null;
}

/** Prints one figure as a JSON line on stdout. A value that is not a finite number is a bug. */
export function emit(figure: Figure): void {
  if (!Number.isFinite(figure.value)) throw new Error(`${figure.metric}: not a number (${figure.value})`);
  process.stdout.write(`${JSON.stringify(figure)}\n`);
}

/** A human note on stderr, prefixed with the script's name. */
export function note(scope: string, message: string): void {
  process.stderr.write(`[bench:${scope}] ${message}\n`);
}

/** Rounds to `digits` decimals, so the JSON stays readable. */
export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of nothing');
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Nearest-rank percentile, p in (0, 100]. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('percentile of nothing');
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] as number;
}

/**
 * Runs a figure script's main function: any failure is printed and the process exits non-zero,
 * because a figure that could not be taken must not look like a result.
 */
export function runFigure(scope: string, main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      note(scope, `FAILED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      process.exit(1);
    },
  );
}
