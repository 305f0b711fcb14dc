// The guard's time grows linearly with the text: 1 MB takes less than 15 times as long as 100 KB
// (quadratic would be ~100 times). Time is the process's CPU time, which other processes on a
// busy machine do not inflate; runs of both sizes alternate, each round giving one ratio, and the
// median ratio counts.
import { describe, expect, it } from 'vitest';
import { findIdentifyingData } from '../../../../src/domain/guard';

const KB = 1024;

/** The text repeated to `size` characters. */
const sized = (text: string, size: number) => text.repeat(Math.ceil(size / text.length)).slice(0, size);

/** CPU milliseconds per run, over `times` runs. */
function timeMs(text: string, times: number): number {
  const start = process.cpuUsage();
  for (let i = 0; i < times; i++) findIdentifyingData(text);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / times;
}

/**
 * The median over `rounds` of: the time of `large` (two runs) divided by the time of `small` (ten
 * runs before and ten after), so each side is measured over about the same span.
 */
function medianRatio(small: string, large: string, rounds: number): number {
  const ratios: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const before = timeMs(small, 10);
    const big = timeMs(large, 2);
    ratios.push(big / ((before + timeMs(small, 10)) / 2));
  }
  ratios.sort((a, b) => a - b);
  return ratios[Math.floor(rounds / 2)] ?? Number.NaN;
}

// Each the kind of text that made the old regular expressions quadratic, plus ordinary notes.
const TEXTS: [string, string][] = [
  ['letters without spaces', 'abcdefghijklmnopqrstuvwxyzåäö'],
  ['digits without spaces', '8507091234'],
  ['digit groups and separators', '85 07-09.12 34/070 - 123 +46 (0) '],
  ['at signs and dots', 'a.b@c.d.e@'],
  [
    'case notes with numbers',
    'Möte 2026-03-12 kl 0900-1130 med AF, beviljat 12 500 kr, Dnr 00123-2026, tel. ',
  ],
];

describe('findIdentifyingData in linear time', () => {
  it.each(TEXTS)('%s: 1 MB takes less than 15 times as long as 100 KB', (_, unit) => {
    const small = sized(unit, 100 * KB);
    const large = sized(unit, 1000 * KB);
    timeMs(large, 2); // warm up the JIT on both sizes first
    timeMs(small, 5);
    expect(medianRatio(small, large, 15)).toBeLessThan(15);
  });
});
