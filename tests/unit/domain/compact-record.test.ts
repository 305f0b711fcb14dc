import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyArendeFields } from '../../../src/domain/arende';
import { compactRecord, expandRecord } from '../../../src/domain/compact-record';
import { ENTITIES, ENTITY_NAMES, type EntityName } from '../../../src/domain/entities';
import { emptyMoteFields } from '../../../src/domain/mote';
import { emptySipFields } from '../../../src/domain/sip';

const F = '00000000-0000-4000-8000-0000000000f1';
const meta = (id: string) => ({
  id,
  forbundId: F,
  createdAt: '2026-09-01T08:00:00.000Z',
  updatedAt: '2026-09-02T08:00:00.000Z',
  version: 3,
});
const A = '00000000-0000-4000-8000-00000000a001';

/** Valid records of three kinds, as the server stores them. */
const SAMPLES: [EntityName, Record<string, unknown>][] = [
  [
    'arende',
    {
      ...emptyArendeFields(
        '00000000-0000-4000-8000-000000000001',
        '00000000-0000-4000-8000-0000000000a1',
        '2026-09-01',
      ),
      ...meta(A),
      code: 'NOR-4K7P',
    },
  ],
  [
    'mote',
    { ...emptyMoteFields('2026-03-10'), ...meta('00000000-0000-4000-8000-00000000b001'), arendeId: A },
  ],
  ['sip', { ...emptySipFields('2026-02-20'), ...meta('00000000-0000-4000-8000-00000000c001'), arendeId: A }],
];

describe('compact pull records', () => {
  it('the samples are valid records (so the property below tests real ones)', () => {
    for (const [entity, r] of SAMPLES)
      expect(ENTITIES[entity].record.safeParse(r).success, entity).toBe(true);
  });

  it('round-trips exactly, whichever nullable fields are null, and carries neither forbundId nor nulls', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SAMPLES),
        fc.array(fc.nat(), { maxLength: 10 }),
        ([entity, base], picks) => {
          const record = { ...base };
          const keys = Object.keys(record);
          for (const p of picks) {
            const k = keys[p % keys.length] as string;
            if (
              (
                ENTITIES[entity].record.shape as Record<
                  string,
                  { safeParse(v: unknown): { success: boolean } }
                >
              )[k]?.safeParse(null).success
            )
              record[k] = null;
          }
          const compact = compactRecord(entity, record);
          expect('forbundId' in compact).toBe(false);
          expect(Object.values(compact)).not.toContain(null);
          expect(JSON.stringify(compact).length).toBeLessThan(JSON.stringify(record).length);
          expect(expandRecord(entity, JSON.parse(JSON.stringify(compact)), F)).toEqual(record);
        },
      ),
      { seed: 151_515, numRuns: 300 },
    );
  });

  it('takes the förbund from the page, whatever a record says, and adds no prototype', () => {
    const [entity, base] = SAMPLES[0] as [EntityName, Record<string, unknown>];
    const hostile = JSON.parse(
      JSON.stringify({ ...compactRecord(entity, base), forbundId: 'another' }).replace(
        '{',
        '{"__proto__":{"x":1},',
      ),
    );
    const expanded = expandRecord(entity, hostile, F);
    expect(expanded.forbundId).toBe(F);
    expect(Object.getPrototypeOf(expanded)).toBe(Object.prototype);
    expect(ENTITIES[entity].record.parse(expanded)).not.toHaveProperty('x');
  });

  it('no pulled record kind has a nullable field below the top level (the database strips nulls at every level)', () => {
    // store/records.ts compacts pull pages with jsonb_strip_nulls, which removes null fields of
    // nested objects too; expandRecord restores only top-level ones. A nested nullable field would
    // come back missing, so it must not exist (or the SQL must change).
    type Node = { _zod: { def: Record<string, unknown> & { type: string } } };
    const nestedNullable = (t: Node, path: string, top: boolean): string[] => {
      const def = t._zod.def;
      if (def.type === 'nullable' && !top) return [path];
      const inner = (def.innerType ?? def.in) as Node | undefined;
      if (inner) return nestedNullable(inner, path, top);
      if (def.type === 'array') return nestedNullable(def.element as Node, `${path}[]`, false);
      if (def.type === 'object')
        return Object.entries(def.shape as Record<string, Node>).flatMap(([k, v]) =>
          nestedNullable(v, `${path}.${k}`, top && path === ''),
        );
      if (def.type === 'record' || def.type === 'union' || def.type === 'intersection')
        return [`${path} (${def.type}: check by hand)`];
      return [];
    };
    const found = ENTITY_NAMES.filter((e) => !ENTITIES[e].appendOnly).flatMap((e) =>
      Object.entries(ENTITIES[e].record.shape as Record<string, Node>).flatMap(([k, v]) =>
        nestedNullable(v, `${e}.${k}`, true),
      ),
    );
    expect(found).toEqual([]);
  });
});
