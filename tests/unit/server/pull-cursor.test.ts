/**
 * Pull cursors (src/server/services/pull.ts): what the server gives out is read back as the same
 * position, a device's cursor from before transaction ids is read as (0, change_seq), and anything
 * else – hostile strings included – is refused, never misread and never a crash.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCursor, parseCursor } from '../../../src/server/services/pull';

const u64 = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n });
const i63 = fc.bigInt({ min: 0n, max: 2n ** 63n - 1n });

describe('pull cursor', () => {
  it('reads back every position it gives out', () => {
    fc.assert(
      fc.property(u64, i63, (xid, seq) => {
        const p = { xid: xid.toString(), seq: seq.toString() };
        expect(parseCursor(formatCursor(p))).toEqual(p);
      }),
      { seed: 1919, numRuns: 500 },
    );
  });

  it('reads a bare change_seq (a cursor from before migration 009) as transaction 0', () => {
    fc.assert(
      fc.property(i63, (seq) => {
        expect(parseCursor(seq.toString())).toEqual({ xid: '0', seq: seq.toString() });
      }),
      { seed: 2019 },
    );
    expect(parseCursor('')).toEqual({ xid: '0', seq: '0' });
    expect(parseCursor('007')).toEqual({ xid: '0', seq: '7' });
  });

  it('refuses anything else without throwing', () => {
    const hostile = fc.oneof(
      fc.string(),
      fc.string({ unit: 'binary' }),
      fc.constantFrom(
        '-1',
        '1.',
        '.1',
        '1.2.3',
        '1e3',
        '0x10',
        ' 1',
        '1 ',
        '١٢',
        '1\u0000',
        '\ud800',
        '18446744073709551616.0',
        '1.9223372036854775808',
        '9223372036854775808',
        '9'.repeat(10_000),
      ),
    );
    fc.assert(
      fc.property(hostile, (s) => {
        const parsed = parseCursor(s);
        if (parsed === null) return;
        // Whatever is accepted is digits only and names a position within the column types.
        expect(s).toMatch(/^(\d+(\.\d+)?)?$/);
        expect(BigInt(parsed.xid)).toBeLessThan(2n ** 64n);
        expect(BigInt(parsed.seq)).toBeLessThan(2n ** 63n);
      }),
      { seed: 3019, numRuns: 2000 },
    );
    for (const s of [
      '-1',
      '1.',
      '.1',
      '1.2.3',
      '18446744073709551616.0',
      '1.9223372036854775808',
      '9223372036854775808',
    ])
      expect(parseCursor(s), s).toBeNull();
  });
});
