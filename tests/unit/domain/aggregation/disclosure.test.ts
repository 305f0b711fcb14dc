import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Figure,
  isSuppressed,
  MIN_CELL,
  protectOneWay,
  protectTwoWay,
  SUPPRESSED,
  Suppressed,
  type TwoWayTable,
} from '../../../../src/domain/aggregation/disclosure';
import { pinnedTargets } from './oracle';

const X = SUPPRESSED;
const sum = (v: readonly number[]) => v.reduce((a, b) => a + b, 0);
const hidden = (f: Figure | undefined) => isSuppressed(f);

/** A count, mostly small, since small counts are where suppression happens. */
const count = fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 14 }));
const table2d = fc
  .tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 4 }))
  .chain(([r, c]) =>
    fc.array(fc.array(count, { minLength: c, maxLength: c }), { minLength: r, maxLength: r }),
  );

/** Every figure of a two-way table with its true value and its lines. */
function figures(counts: number[][], t: TwoWayTable) {
  const rows = counts.length;
  const cols = counts[0]?.length ?? 0;
  const coefOf = (pick: (i: number, j: number) => boolean) =>
    counts.flatMap((row, i) => row.map((_, j) => (pick(i, j) ? 1 : 0)));
  const list: { shown: Figure | undefined; value: number; coef: number[]; inner: boolean }[] = [];
  counts.forEach((row, i) => {
    row.forEach((v, j) => {
      list.push({
        shown: t.cells[i]?.[j],
        value: v,
        coef: coefOf((a, b) => a === i && b === j),
        inner: true,
      });
    });
  });
  for (let i = 0; i < rows; i++)
    list.push({
      shown: t.rowTotals[i],
      value: sum(counts[i] ?? []),
      coef: coefOf((a) => a === i),
      inner: false,
    });
  for (let j = 0; j < cols; j++)
    list.push({
      shown: t.colTotals[j],
      value: sum(counts.map((r) => r[j] ?? 0)),
      coef: coefOf((_, b) => b === j),
      inner: false,
    });
  list.push({ shown: t.total, value: sum(counts.map(sum)), coef: coefOf(() => true), inner: false });
  return list;
}

/** The cells a reader can pin down from what the table shows (brute force, independent of the code). */
function derivable(counts: number[][], t: TwoWayTable, onlySmall: boolean): number[] {
  const all = figures(counts, t);
  const total = sum(counts.map(sum));
  const inner = all.filter((f) => f.inner);
  // Zeros are shown, except in a table hidden whole or one whose inner cells are all hidden.
  const lo = hidden(t.total) || inner.every((f) => hidden(f.shown)) ? 0 : 1;
  return pinnedTargets({
    bounds: inner.map((f) => (hidden(f.shown) ? { lo, hi: total + 2 } : { lo: f.value, hi: f.value })),
    equal: all.filter((f) => !f.inner && !hidden(f.shown)).map((f) => ({ coef: f.coef, rhs: f.value })),
    atLeast: all.filter((f) => !f.inner && hidden(f.shown)).map((f) => ({ coef: f.coef, min: lo })),
    targets: all
      .filter((f) => hidden(f.shown) && f.value >= 1 && (!onlySmall || f.value < MIN_CELL))
      .map((f) => ({ coef: f.coef, value: f.value })),
  });
}

/** Lines of a two-way table: each row and column with its total, and the margins with the grand total. */
function lines(t: TwoWayTable): Figure[][] {
  const cols = t.colTotals.length;
  return [
    ...t.cells.map((row, i) => [...row, t.rowTotals[i] as Figure]),
    ...Array.from({ length: cols }, (_, j) => [
      ...t.cells.map((row) => row[j] as Figure),
      t.colTotals[j] as Figure,
    ]),
    [...t.rowTotals, t.total],
    [...t.colTotals, t.total],
  ];
}

describe('the brute-force reader used by these tests', () => {
  it('recovers a lone hidden cell as the total minus the visible cells', () => {
    const leaky: TwoWayTable = {
      cells: [[X, 0, 10, 12]],
      rowTotals: [25],
      colTotals: [X, 0, 10, 12],
      total: 25,
    };
    expect(derivable([[3, 0, 10, 12]], leaky, false)).toEqual([0, 1]);
  });

  it('recovers two hidden cells of 1 from their known sum', () => {
    const leaky: TwoWayTable = { cells: [[X, X, 0, 5]], rowTotals: [7], colTotals: [X, X, 0, 5], total: 7 };
    expect(derivable([[1, 1, 0, 5]], leaky, false)).toEqual([0, 1, 2, 3]);
  });
});

describe('Suppressed', () => {
  it('is a plain object that survives JSON and parses with its schema', () => {
    const back = JSON.parse(JSON.stringify(SUPPRESSED));
    expect(Suppressed.parse(back)).toEqual(SUPPRESSED);
    expect(isSuppressed(back)).toBe(true);
    expect(isSuppressed(0)).toBe(false);
    expect(isSuppressed({ suppressed: false })).toBe(false);
  });
});

describe('protectOneWay', () => {
  it('shows counts of 0 and of five or more and hides counts of 1 to 4', () => {
    expect(protectOneWay([0, 5, 6, 20])).toEqual({ cells: [0, 5, 6, 20], total: 31 });
  });

  it('hides the next smallest cell when one hidden cell could be recovered as total minus the rest', () => {
    expect(protectOneWay([3, 0, 10, 12])).toEqual({ cells: [X, 0, X, 12], total: 25 });
  });

  it('hides one more cell when two hidden cells of 1 would be fixed by their known sum', () => {
    expect(protectOneWay([1, 1, 0, 5])).toEqual({ cells: [X, X, 0, X], total: 7 });
  });

  it('keeps the total when two small hidden cells can still vary', () => {
    expect(protectOneWay([2, 3])).toEqual({ cells: [X, X], total: 5 });
  });

  it('hides a table whose total is under five whole, zeros included', () => {
    expect(protectOneWay([3, 0, 0])).toEqual({ cells: [X, X, X], total: X });
  });

  it('publishes an empty table as zeros', () => {
    expect(protectOneWay([0, 0])).toEqual({ cells: [0, 0], total: 0 });
    expect(protectOneWay([])).toEqual({ cells: [], total: 0 });
  });

  it('refuses counts that are negative or not whole', () => {
    expect(() => protectOneWay([1, -1])).toThrow(RangeError);
    expect(() => protectOneWay([1.5])).toThrow(RangeError);
  });

  it('shows the true values, only 0 or ≥ 5, and leaves no hidden count derivable (property)', () => {
    fc.assert(
      fc.property(fc.array(count, { minLength: 1, maxLength: 7 }), (counts) => {
        const t = protectOneWay(counts);
        const all = [...t.cells, t.total];
        const values = [...counts, sum(counts)];
        all.forEach((f, i) => {
          if (!hidden(f)) {
            expect(f).toBe(values[i]);
            expect(f === 0 || (f as number) >= MIN_CELL).toBe(true);
          }
        });
        // The single-subtraction leak: a line with exactly one hidden figure.
        expect(all.filter(hidden).length).not.toBe(1);
        expect(
          derivable(
            [counts],
            { cells: [t.cells], rowTotals: [t.total], colTotals: t.cells, total: t.total },
            false,
          ),
        ).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });
});

describe('protectTwoWay', () => {
  it('hides a complement in the row and in the column of a lone small cell', () => {
    const t = protectTwoWay([
      [3, 10, 7],
      [6, 8, 0],
      [12, 9, 9],
    ]);
    expect(t.cells[0]?.[0]).toEqual(X);
    for (const line of lines(t)) expect(line.filter(hidden).length).not.toBe(1);
    expect([t.rowTotals, t.colTotals, t.total]).toEqual([[20, 14, 30], [21, 27, 16], 64]);
  });

  it('publishes linked margins exactly as the one-way tables of the row and column sums', () => {
    const counts = [
      [1, 4, 9],
      [4, 0, 6],
      [0, 2, 30],
    ];
    const t = protectTwoWay(counts, { linkedMargins: true });
    expect(t.rowTotals).toEqual(protectOneWay(counts.map(sum)).cells);
    expect(t.colTotals).toEqual(protectOneWay([5, 6, 45]).cells);
    expect(derivable(counts, t, true)).toEqual([]);
  });

  it('hides a table whose grand total is under five whole', () => {
    const t = protectTwoWay([
      [1, 0],
      [0, 2],
    ]);
    expect(t).toEqual({
      cells: [
        [X, X],
        [X, X],
      ],
      rowTotals: [X, X],
      colTotals: [X, X],
      total: X,
    });
  });

  it('refuses rows of different lengths', () => {
    expect(() => protectTwoWay([[1, 2], [3]])).toThrow(RangeError);
  });

  it('shows true values, only 0 or ≥ 5, no line with a single hidden figure, and nothing derivable (property)', () => {
    fc.assert(
      fc.property(table2d, (counts) => {
        const t = protectTwoWay(counts);
        for (const f of figures(counts, t)) {
          if (hidden(f.shown)) continue;
          expect(f.shown).toBe(f.value);
          expect(f.value === 0 || f.value >= MIN_CELL).toBe(true);
        }
        for (const line of lines(t)) expect(line.filter(hidden).length).not.toBe(1);
        expect(derivable(counts, t, false)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('with linked margins, keeps them equal to the one-way tables and no small count derivable (property)', () => {
    fc.assert(
      fc.property(table2d, (counts) => {
        const t = protectTwoWay(counts, { linkedMargins: true });
        const colSums = (counts[0] ?? []).map((_, j) => sum(counts.map((r) => r[j] ?? 0)));
        expect(t.rowTotals).toEqual(protectOneWay(counts.map(sum)).cells);
        expect(t.colTotals).toEqual(protectOneWay(colSums).cells);
        for (const f of figures(counts, t)) if (!hidden(f.shown)) expect(f.shown).toBe(f.value);
        expect(derivable(counts, t, true)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
