import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { protectOneWayByPersons, protectTwoWayByPersons } from '../../../../src/domain/aggregation/by-units';
import {
  type Figure,
  isSuppressed,
  MIN_CELL,
  protectOneWay,
} from '../../../../src/domain/aggregation/disclosure';
import { pinnedTargets } from './oracle';

const X = { suppressed: true };
const hidden = (f: Figure | undefined) => isSuppressed(f);

interface Event {
  row: number;
  col: number;
  person: number;
}

/** Events (meetings) of a small pool of persons in a rows × cols table; a person may have many. */
const eventsArb = fc
  .tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 12 }))
  .chain(([rows, cols, pool]) =>
    fc
      .array(
        fc.record({
          row: fc.integer({ min: 0, max: rows - 1 }),
          col: fc.integer({ min: 0, max: cols - 1 }),
          person: fc.integer({ min: 0, max: pool - 1 }),
        }),
        { maxLength: 24 },
      )
      .map((events) => ({ rows, cols, events })),
  );

function tableOf(rows: number, cols: number, events: readonly Event[]) {
  const persons = (pick: (e: Event) => boolean) => new Set(events.filter(pick).map((e) => e.person)).size;
  const count = (pick: (e: Event) => boolean) => events.filter(pick).length;
  const R = [...Array(rows).keys()];
  const C = [...Array(cols).keys()];
  return {
    values: R.map((i) => C.map((j) => count((e) => e.row === i && e.col === j))),
    persons: {
      cells: R.map((i) => C.map((j) => persons((e) => e.row === i && e.col === j))),
      rows: R.map((i) => persons((e) => e.row === i)),
      cols: C.map((j) => persons((e) => e.col === j)),
      total: persons(() => true),
    },
  };
}

describe('protectOneWayByPersons', () => {
  it('hides a count of many events when fewer than five persons are behind it, and its complement', () => {
    // 12 meetings of 3 persons, 6 meetings of 6 persons, 5 of 5.
    const t = protectOneWayByPersons([12, 6, 5], { cells: [3, 6, 5], total: 14 });
    expect(t.cells[0]).toEqual(X);
    expect(t.cells.filter(hidden).length).toBe(2);
    expect(t.total).toBe(23);
  });

  it('is protectOneWay when every event is a person of its own', () => {
    for (const counts of [
      [1, 7, 9],
      [0, 3, 3, 8],
      [5, 5],
      [2, 2],
    ]) {
      expect(
        protectOneWayByPersons(counts, { cells: counts, total: counts.reduce((a, b) => a + b, 0) }),
      ).toEqual(protectOneWay(counts));
    }
  });
});

describe('protectTwoWayByPersons', () => {
  it('shows true values, never a figure with 1–4 persons behind it, and nothing hidden derivable (property)', () => {
    fc.assert(
      fc.property(eventsArb, ({ rows, cols, events }) => {
        const { values, persons } = tableOf(rows, cols, events);
        for (const linked of [false, true]) {
          const t = protectTwoWayByPersons(values, persons, { linkedMargins: linked });
          const coef = (pick: (i: number, j: number) => boolean) =>
            values.flatMap((row, i) => row.map((_, j) => (pick(i, j) ? 1 : 0)));
          const figures = [
            ...values.flatMap((row, i) =>
              row.map((v, j) => ({
                shown: t.cells[i]?.[j],
                value: v,
                persons: persons.cells[i]?.[j] ?? 0,
                coef: coef((a, b) => a === i && b === j),
                inner: true,
              })),
            ),
            ...values.map((row, i) => ({
              shown: t.rowTotals[i],
              value: row.reduce((a, b) => a + b, 0),
              persons: persons.rows[i] ?? 0,
              coef: coef((a) => a === i),
              inner: false,
            })),
            ...(values[0] ?? []).map((_, j) => ({
              shown: t.colTotals[j],
              value: values.reduce((s, r) => s + (r[j] ?? 0), 0),
              persons: persons.cols[j] ?? 0,
              coef: coef((_, b) => b === j),
              inner: false,
            })),
            {
              shown: t.total,
              value: events.length,
              persons: persons.total,
              coef: coef(() => true),
              inner: false,
            },
          ];
          for (const f of figures) {
            if (hidden(f.shown)) continue;
            expect(f.shown).toBe(f.value);
            expect(f.persons === 0 || f.persons >= MIN_CELL).toBe(true);
          }
          const inner = figures.filter((f) => f.inner);
          const lo = hidden(t.total) || inner.every((f) => hidden(f.shown)) ? 0 : 1;
          const pinned = pinnedTargets({
            bounds: inner.map((f) =>
              hidden(f.shown) ? { lo, hi: events.length + 2 } : { lo: f.value, hi: f.value },
            ),
            equal: figures
              .filter((f) => !f.inner && !hidden(f.shown))
              .map((f) => ({ coef: f.coef, rhs: f.value })),
            atLeast: figures
              .filter((f) => !f.inner && hidden(f.shown))
              .map((f) => ({ coef: f.coef, min: lo })),
            targets: figures
              .filter((f) => hidden(f.shown) && f.persons >= 1 && f.persons < MIN_CELL)
              .map((f) => ({ coef: f.coef, value: f.value })),
          });
          expect(pinned).toEqual([]);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('publishes linked margins as the one-way tables of the row and column sums', () => {
    const { values, persons } = tableOf(2, 2, [
      ...Array.from({ length: 6 }, (_, p) => ({ row: 0, col: 0, person: p })),
      ...Array.from({ length: 6 }, () => ({ row: 0, col: 1, person: 9 })),
      ...Array.from({ length: 7 }, (_, p) => ({ row: 1, col: 1, person: 20 + p })),
    ]);
    const t = protectTwoWayByPersons(values, persons, { linkedMargins: true });
    expect(t.colTotals).toEqual(
      protectOneWayByPersons([6, 13], { cells: persons.cols, total: persons.total }).cells,
    );
    expect(t.cells[0]?.[1]).toEqual(X);
  });
});
