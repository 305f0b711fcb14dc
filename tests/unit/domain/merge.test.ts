import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type MergeInput, mergeChanges, sameValue } from '../../../src/domain/merge';

const FIELDS = ['status', 'kon', 'manaderAv12', 'parter', 'anteckningar', 'avslutsdatum'] as const;
type Field = (typeof FIELDS)[number];

/** Values of the kinds record fields hold: strings, numbers, null, lists of codes. */
const value = fc.oneof(
  fc.constantFrom('aktiv', 'avslutad', 'kvinna', 'man', ''),
  fc.integer({ min: 0, max: 36 }),
  fc.constant(null),
  fc.array(fc.constantFrom('af', 'fk', 'ame'), { maxLength: 3 }),
  fc.string({ maxLength: 8 }),
);

/** A server record with per-field versions, an edit's base version, and the edit. */
const scenario = fc
  .record({
    current: fc.record(Object.fromEntries(FIELDS.map((f) => [f, value])) as Record<Field, typeof value>),
    versions: fc.record(
      Object.fromEntries(FIELDS.map((f) => [f, fc.integer({ min: 1, max: 6 })])) as Record<
        Field,
        fc.Arbitrary<number>
      >,
    ),
    baseVersion: fc.integer({ min: 1, max: 6 }),
    changes: fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: FIELDS.length }),
  })
  .map(
    ({ current, versions, baseVersion, changes }): MergeInput => ({
      current,
      fieldVersions: versions,
      baseVersion,
      changes,
    }),
  );

const changedOnServer = (input: MergeInput, field: string) =>
  (input.fieldVersions[field] ?? 0) > (input.baseVersion ?? 0);

describe('mergeChanges', () => {
  const current = { status: 'aktiv', kon: 'kvinna', manaderAv12: 4, parter: ['af'] };
  // status and kon last changed at version 3; manaderAv12 and parter at 5.
  const fieldVersions = { status: 3, kon: 3, manaderAv12: 5, parter: 5 };

  it.each([
    {
      case: 'a field changed only on the device takes the device value',
      baseVersion: 4,
      changes: { kon: 'man' },
      next: { ...current, kon: 'man' },
      changed: ['kon'],
      conflicts: [],
    },
    {
      case: 'a field changed only on the server keeps the server value',
      baseVersion: 4,
      changes: {},
      next: current,
      changed: [],
      conflicts: [],
    },
    {
      case: 'a field changed on both sides keeps the server value and reports both',
      baseVersion: 4,
      changes: { manaderAv12: 6 },
      next: current,
      changed: [],
      conflicts: [{ field: 'manaderAv12', local: 6, server: 4 }],
    },
    {
      case: 'a field changed on both sides to the same value is no conflict',
      baseVersion: 4,
      changes: { manaderAv12: 4, parter: ['af'] },
      next: current,
      changed: [],
      conflicts: [],
    },
    {
      case: 'a field the server changed at exactly the base version is not a conflict',
      baseVersion: 5,
      changes: { manaderAv12: 6 },
      next: { ...current, manaderAv12: 6 },
      changed: ['manaderAv12'],
      conflicts: [],
    },
    {
      case: 'fields merge one by one in one edit',
      baseVersion: 4,
      changes: { status: 'avslutad', parter: ['af', 'fk'] },
      next: { ...current, status: 'avslutad' },
      changed: ['status'],
      conflicts: [{ field: 'parter', local: ['af', 'fk'], server: ['af'] }],
    },
    {
      case: 'a field the record did not have yet is added',
      baseVersion: 4,
      changes: { avslutsdatum: null },
      next: { ...current, avslutsdatum: null },
      changed: ['avslutsdatum'],
      conflicts: [],
    },
  ])('$case', ({ baseVersion, changes, next, changed, conflicts }) => {
    expect(mergeChanges({ current, fieldVersions, baseVersion, changes })).toEqual({
      next,
      changed,
      conflicts,
    });
  });

  it('applies every field of a create, with nothing to conflict with', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...FIELDS), value), (changes) => {
        expect(mergeChanges({ current: null, fieldVersions: {}, baseVersion: null, changes })).toEqual({
          next: changes,
          changed: Object.keys(changes).sort(),
          conflicts: [],
        });
      }),
    );
  });

  it('keeps the server value of every field the edit does not touch', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const { next } = mergeChanges(input);
        for (const f of FIELDS) if (!(f in input.changes)) expect(next[f]).toEqual(input.current?.[f]);
      }),
    );
  });

  it('takes the device value of a field the server has not changed since the base', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const { next, changed, conflicts } = mergeChanges(input);
        for (const [f, local] of Object.entries(input.changes)) {
          if (changedOnServer(input, f)) continue;
          expect(next[f]).toEqual(local);
          expect(changed.includes(f)).toBe(!sameValue(local, input.current?.[f]));
          expect(conflicts.map((c) => c.field)).not.toContain(f);
        }
      }),
    );
  });

  it('keeps the server value of a field changed on both sides and reports both values', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const { next, changed, conflicts } = mergeChanges(input);
        for (const [f, local] of Object.entries(input.changes)) {
          if (!changedOnServer(input, f)) continue;
          const server = input.current?.[f];
          expect(next[f]).toEqual(server);
          expect(changed).not.toContain(f);
          const conflict = conflicts.find((c) => c.field === f);
          if (sameValue(local, server)) expect(conflict).toBeUndefined();
          else expect(conflict).toEqual({ field: f, local, server });
        }
      }),
    );
  });

  it('reports changed and conflicting fields in field-name order, each at most once', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const { changed, conflicts } = mergeChanges(input);
        const fields = [...changed, ...conflicts.map((c) => c.field)];
        expect(new Set(fields).size).toBe(fields.length);
        expect(changed).toEqual([...changed].sort());
        expect(conflicts.map((c) => c.field)).toEqual(conflicts.map((c) => c.field).sort());
      }),
    );
  });

  it('gives the same result whatever the order of the keys in the edit', () => {
    fc.assert(
      fc.property(
        scenario.chain((input) =>
          fc.tuple(fc.constant(input), fc.shuffledSubarray(Object.keys(input.changes), { minLength: 0 })),
        ),
        ([input, order]) => {
          const rest = Object.keys(input.changes).filter((k) => !order.includes(k));
          const reordered = Object.fromEntries([...order, ...rest].map((k) => [k, input.changes[k]]));
          const a = mergeChanges(input);
          const b = mergeChanges({ ...input, changes: reordered });
          expect(b).toEqual(a);
          expect(Object.keys(b.next).sort()).toEqual(Object.keys(a.next).sort());
        },
      ),
    );
  });

  it('changes nothing when the same edit arrives again after it was applied', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const first = mergeChanges(input);
        const again = mergeChanges({ ...input, current: first.next });
        expect(again.next).toEqual(first.next);
        expect(again.changed).toEqual([]);
      }),
    );
  });

  it('does not modify its inputs', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const before = structuredClone(input);
        mergeChanges(input);
        expect(input).toEqual(before);
      }),
    );
  });
});

describe('sameValue', () => {
  it.each([
    ['equal strings', 'a', 'a', true],
    ['different numbers', 1, 2, false],
    ['null and undefined', null, undefined, false],
    ['equal lists', ['af', 'fk'], ['af', 'fk'], true],
    ['lists in another order', ['af', 'fk'], ['fk', 'af'], false],
    ['a list and an object with the same entries', ['af'], { 0: 'af' }, false],
    ['nested objects', { a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }, true],
    ['objects with a missing key', { a: 1 }, { a: 1, b: undefined }, false],
  ])('compares %s', (_name, a, b, expected) => {
    expect(sameValue(a, b)).toBe(expected);
    expect(sameValue(b, a)).toBe(expected);
  });

  it('agrees with deep equality on any two JSON values', () => {
    const json = fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.parse(JSON.stringify(v)) as unknown);
    fc.assert(
      fc.property(json, json, (a, b) => {
        expect(sameValue(a, b)).toBe(isDeepStrictEqual(a, b));
      }),
    );
  });

  it('holds for every value and its deep copy', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(sameValue(v, structuredClone(v))).toBe(true);
      }),
    );
  });
});

describe('mergeChanges with writers', () => {
  it('does not report a conflict against the same device’s own earlier change', () => {
    const out = mergeChanges({
      current: { a: 11 },
      fieldVersions: { a: 1 },
      fieldWriters: { a: 'device-1' },
      writer: 'device-1',
      baseVersion: 0,
      changes: { a: 12 },
    });
    expect(out).toEqual({ next: { a: 12 }, changed: ['a'], conflicts: [] });
  });

  it('still reports a conflict when another device changed the field since the base', () => {
    const out = mergeChanges({
      current: { a: 11 },
      fieldVersions: { a: 2 },
      fieldWriters: { a: 'device-2' },
      writer: 'device-1',
      baseVersion: 1,
      changes: { a: 12 },
    });
    expect(out.conflicts).toEqual([{ field: 'a', local: 12, server: 11 }]);
    expect(out.next).toEqual({ a: 11 });
  });
});
