/**
 * record.field_writers as stored (src/server/store/field-writers.ts): whatever map a write holds,
 * hostile field names included, reads back as the same map, so conflict detection (which compares
 * a field's writer with the pushing device) sees exactly what it saw before; rows stored as they
 * were before the compact form read back unchanged; and a new record's writers take a few bytes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeFieldWriters, encodeFieldWriters } from '../../../src/server/store/field-writers';

/** Through the database: stored as JSON text, read back parsed. */
const viaJson = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

const fieldName = fc.oneof(
  fc.constantFrom('*', '__proto__', 'constructor', 'toString', '', 'kon', 'anteckningar', '_'),
  fc.string({ maxLength: 12 }),
);
const writer = fc.oneof(fc.constantFrom('*', '', '[]'), fc.uuid(), fc.string({ maxLength: 8 }));

describe('field_writers as stored', () => {
  it('reads back every map as it was written, with any field names and writers', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fieldName, fc.integer({ min: 1, max: 50 })),
        fc.dictionary(fieldName, writer),
        fc.boolean(),
        (versions, extraWriters, complete) => {
          // Written by the server, every field with a version has a writer; older rows may not.
          const writers = complete
            ? Object.fromEntries(
                Object.keys(versions).map((f) => [
                  f,
                  Object.hasOwn(extraWriters, f) ? (extraWriters[f] as string) : 'device-a',
                ]),
              )
            : extraWriters;
          const stored = viaJson(encodeFieldWriters(writers, versions));
          expect(decodeFieldWriters(stored, viaJson(versions))).toStrictEqual(viaJson(writers));
        },
      ),
    );
  });

  it('reads rows stored before the compact form (any map of strings, or none) unchanged', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fieldName, fc.integer({ min: 1, max: 50 })),
        fc.dictionary(fieldName, writer),
        (versions, old) => {
          expect(decodeFieldWriters(viaJson(old), versions)).toStrictEqual(viaJson(old));
        },
      ),
    );
    expect(decodeFieldWriters(null, { kon: 1 })).toEqual({});
  });

  it('stores a record written by one device as that device once, and names only the fields another changed', () => {
    const fields = ['kon', 'aldersgrupp', 'anteckningar', 'status', 'code'];
    const a = '3f1c2b9e-0d4a-4c7e-9b1a-2e5f6a7b8c9d';
    const b = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
    const versions = Object.fromEntries(fields.map((f) => [f, 1]));
    const byA = Object.fromEntries(fields.map((f) => [f, a]));
    expect(encodeFieldWriters(byA, versions)).toEqual({ '*': [a] });
    expect(encodeFieldWriters({ ...byA, kon: b }, { ...versions, kon: 2 })).toEqual({ '*': [a], kon: b });
    expect(JSON.stringify(encodeFieldWriters(byA, versions)).length).toBeLessThan(50);
  });
});
