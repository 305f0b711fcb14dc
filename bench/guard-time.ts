/**
 * Figures – the free-text guard's time (src/domain/guard.ts, findIdentifyingData):
 *   guard_1mb_ms              1 MB of case notes (budget 50)
 *   guard_1mb_no_spaces_ms    1 MB of letters without a space, what froze the server before (budget 50)
 *   guard_1mb_hostile_max_ms  the slowest of the 1 MB hostile texts (budget 50; each noted on
 *                             stderr): one digit run, digit groups and separators, single digits,
 *                             "@" and dots, and text that is nothing but identifiers
 *   guard_linear_ratio        time of 1 MB / time of 100 KB of case notes (budget 15; linear ≈ 10)
 * Method: the case notes are the corpus's ordinary sentences (tests/helpers/case-sentences.ts,
 * fixed seed) joined until the size is reached. Each text is warmed up twice, then the median of 9
 * runs counts, in CPU time of this process (process.cpuUsage): the guard is one synchronous
 * function, so on an idle machine that is its wall time, and on a shared one other processes do
 * not inflate it. In Node, as on the server; the device runs the same function.
 */
import fc from 'fast-check';
import { findIdentifyingData } from '../src/domain/guard';
import { ordinarySentence } from '../tests/helpers/case-sentences';
import { emit, median, note, round, runFigure } from './lib/report';

const SCOPE = 'guard-time';
const KB = 1024;
const MB = 1024 * KB;

const sized = (unit: string, size: number) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);

function caseNotes(size: number): string {
  const sentences = fc.sample(ordinarySentence, { seed: 4711, numRuns: 2000 });
  return sized(sentences.join(' '), size);
}

function medianMs(text: string): number {
  findIdentifyingData(text);
  findIdentifyingData(text);
  const times: number[] = [];
  for (let i = 0; i < 9; i++) {
    const start = process.cpuUsage();
    findIdentifyingData(text);
    const used = process.cpuUsage(start);
    times.push((used.user + used.system) / 1000);
  }
  return median(times);
}

const NO_SPACES = 'letters without a space';
const HOSTILE: [string, string][] = [
  [NO_SPACES, 'abcdefghijklmnopqrstuvwxyzåäö'],
  ['one digit run', '8507091234'],
  ['digit groups and separators', '85 07-09.12 34/070 - 123 +46 (0) '],
  ['single digits and spaces', '0 '],
  ['"@" and dots', 'a.b@c.d.e@'],
  ['identifiers only', '850709-1234 070-123 45 67 anna@exempel.se '],
];

async function main(): Promise<void> {
  const notes = caseNotes(MB);
  const notesMs = medianMs(notes);
  const smallMs = medianMs(caseNotes(100 * KB));
  let hostileMax = 0;
  let noSpacesMs = 0;
  for (const [name, unit] of HOSTILE) {
    const ms = medianMs(sized(unit, MB));
    hostileMax = Math.max(hostileMax, ms);
    if (name === NO_SPACES) noSpacesMs = ms;
    note(SCOPE, `1 MB of ${name}: ${round(ms)} ms`);
  }
  note(SCOPE, `100 KB of case notes: ${round(smallMs, 2)} ms`);
  emit({ metric: 'guard_1mb_ms', value: round(notesMs), unit: 'ms', budget: 50 });
  emit({ metric: 'guard_1mb_no_spaces_ms', value: round(noSpacesMs), unit: 'ms', budget: 50 });
  emit({ metric: 'guard_1mb_hostile_max_ms', value: round(hostileMax), unit: 'ms', budget: 50 });
  emit({ metric: 'guard_linear_ratio', value: round(notesMs / smallMs, 1), unit: 'ratio', budget: 15 });
}

runFigure(SCOPE, main);
