/**
 * Personnummer and samordningsnummer (Skatteverket): YYMMDD + three serial digits + a Luhn check
 * digit, optionally with the century first; a samordningsnummer adds 60 to the day. The date and
 * the check digit together tell an identifier from another 10- or 12-digit number: a random one
 * passes both about once in 140.
 */
import type { DigitWindow } from './digit-window';

export type PnrKind = 'personnummer' | 'samordningsnummer';

// How the groups of a written personnummer break, as bit sets of digit offsets: the date whole or
// in its parts (YY|MM|DD, CCYY|MM|DD), and the last four apart or not.
// "070-123 45 67" and "08-1234 5678" break elsewhere and are no personnummer.
const bits = (...offsets: number[]) => offsets.reduce((m, o) => m | (1 << o), 0);
const DATE_SPLITS_10 = [0, bits(2, 4)];
const DATE_SPLITS_12 = [0, bits(4, 6)];

/** Birth years from this one on, written as a date, a space and four digits, are read as "date + number". */
const RECENT_YEAR = 2015;

/** Luhn over ten digits starting at `from` (weights 2,1,2,1,…), as for personnummer. */
export function luhnOk(digits: ArrayLike<number>, from: number): boolean {
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    let d = (digits[from + i] ?? 0) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return sum % 10 === 0;
}

function daysInMonth(month: number, leap: boolean): number {
  if (month === 2) return leap ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isLeap(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/** The date's two joiners have the same mark: "85.07.09", "85 07 09"; not "49 01/07" or "18.00-08.15". */
function sameJoiners(w: DigitWindow, a: number, b: number): boolean {
  return a > 0 && b > 0 && w.marks[a] === w.marks[b];
}

/**
 * The kind of identifier the window is – a valid date (day + 60 for samordningsnummer) and a valid
 * check digit – or null. Unlabelled, "2026-11-05 1250" (a recent date, a space, four digits) is a
 * date followed by a time or an amount, not a child's personnummer.
 */
export function personnummerKind(w: DigitWindow, labelled: boolean): PnrKind | null {
  if (w.nd !== 10 && w.nd !== 12) return null;
  const off = w.nd - 10;
  const splits = w.splitMask();
  const dateSplits = splits & ~bits(off + 6);
  if (!(w.nd === 10 ? DATE_SPLITS_10 : DATE_SPLITS_12).includes(dateSplits)) return null;
  // A date in parts has separators of one sort.
  if (dateSplits !== 0 && !sameJoiners(w, w.groupAt(off + 2), w.groupAt(off + 4))) return null;
  const yy = w.num(off, 2);
  let leap = yy % 4 === 0; // without the century either may apply; 2000 was a leap year
  let year = -1;
  if (off === 2) {
    const century = w.num(0, 2);
    if (century < 18 || century > 20) return null;
    year = century * 100 + yy;
    leap = isLeap(year);
  }
  const month = w.num(off + 2, 2);
  const dd = w.num(off + 4, 2);
  if (month < 1 || month > 12) return null;
  const samordning = dd > 60;
  const day = samordning ? dd - 60 : dd;
  if (day < 1 || day > daysInMonth(month, leap)) return null;
  if (!luhnOk(w.digits, off)) return null;
  if (!labelled && year >= RECENT_YEAR) {
    const serial = w.groupAt(off + 6);
    if (serial > 0 && w.spaced[serial] === 1) return null;
  }
  return samordning ? 'samordningsnummer' : 'personnummer';
}

/** Behind a personnummer label, any 9–13 digits count: a mistyped number is still personal data. */
export function isNearMissPersonnummer(w: DigitWindow): boolean {
  return w.nd >= 9 && w.nd <= 13;
}
