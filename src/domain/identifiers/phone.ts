/**
 * Swedish phone numbers by the national numbering plan: a trunk 0, then an area code (08; 0xx;
 * 0xxx) and a subscriber number of 5–8 digits, 8–10 digits in all; mobile numbers 07x + 7 digits.
 * Internationally +46 or 0046, with or without the trunk 0 ("+46 (0)70 …"), and any other +country
 * number of 9–15 digits. Times ("08.15-15.30", "0815–1530") and dates ("08-11-2026") that happen to
 * start with 0 are told apart by their shape, since they are the commonest numbers in case notes.
 */
import * as chars from './chars';
import type { DigitWindow } from './digit-window';

// Copied once from the module namespace: see the note in scanner.ts.
const { DASH, DOT, SLASH } = chars;

/** Whether `len` digits at `at` read as a time of day HMM or HHMM. */
function isHhmm(w: DigitWindow, at: number, len: number): boolean {
  const v = w.num(at, len);
  return Math.floor(v / 100) <= 24 && v % 100 <= 59;
}

function isDayMonthYear(day: number, month: number, year: number): boolean {
  return day >= 1 && day <= 31 && month >= 1 && month <= 12 && year >= 1900 && year <= 2099;
}

/** The window opens with a time ("08.15"), a range of times ("0815–1530") or a date ("08/11 2026"). */
export function startsWithTimeOrDate(w: DigitWindow): boolean {
  if (w.groups < 2) return false;
  const s0 = w.sizes[0] ?? 0;
  const s1 = w.sizes[1] ?? 0;
  const mark = w.marks[1];
  if (s0 <= 2 && s1 === 2 && mark === DOT && w.num(0, s0) <= 24 && w.num(s0, 2) <= 59) return true;
  // 0815–1530, 900-1300: the second time always has four digits ("0921-123 45" is a number).
  if (s0 >= 3 && s0 <= 4 && s1 === 4 && (mark === DASH || mark === SLASH)) {
    if (isHhmm(w, 0, s0) && isHhmm(w, s0, s1)) return true;
  }
  if (w.groups < 3) return false;
  const s2 = w.sizes[2] ?? 0;
  if (s0 <= 2 && s1 <= 2 && s2 === 4) return isDayMonthYear(w.num(0, s0), w.num(s0, s1), w.num(s0 + s1, 4));
  if (s0 === 4 && s1 === 2 && s2 === 2) return isDayMonthYear(w.num(6, 2), w.num(4, 2), w.num(0, 4));
  return false;
}

/** The national significant number from `from` on (one trunk 0 dropped): 7–9 digits, mobile 9. */
function swedishSignificant(w: DigitWindow, from: number): boolean {
  const at = w.digits[from] === 0 ? from + 1 : from;
  const first = w.digits[at];
  const len = w.nd - at;
  if (first === undefined || first === 0) return false;
  return first === 7 ? len === 9 : len >= 7 && len <= 9;
}

/** A year and month inside ("0600 2019-01"): a time and a month, not a subscriber number. */
function holdsYearMonth(w: DigitWindow): boolean {
  let at = 0;
  for (let k = 0; k + 1 < w.groups; k++) {
    const size = w.sizes[k] ?? 0;
    if (size === 4 && w.sizes[k + 1] === 2 && w.marks[k + 1] === DASH) {
      const year = w.num(at, 4);
      const month = w.num(at + 4, 2);
      if (year >= 1990 && year <= 2039 && month >= 1 && month <= 12) return true;
    }
    at += size;
  }
  return false;
}

/** "01234-2026": a reference number and its year (a diarienummer), not an area code and subscriber. */
function isNumberAndYear(w: DigitWindow): boolean {
  const first = w.sizes[0] ?? 0;
  if (w.groups !== 2 || first < 5 || w.sizes[1] !== 4 || (w.marks[1] !== DASH && w.marks[1] !== SLASH))
    return false;
  const year = w.num(first, 4);
  return year >= 1900 && year <= 2099;
}

/** 0… numbers: lengths of the plan, the area code a group of its own or the start of a longer one. */
function swedishNational(w: DigitWindow): boolean {
  const total = w.nd;
  if (w.digits[1] === 7 ? total !== 10 : total < 8 || total > 10) return false;
  const first = w.sizes[0] ?? 0;
  if (first === 1) return false;
  if (first === 2 && w.digits[1] !== 8) return false; // only Stockholm's area code has two digits
  if (first <= 4 && first < total && total - first < 5) return false; // subscriber numbers have ≥ 5
  for (let k = 1; k < w.groups; k++) if ((w.sizes[k] ?? 0) < 2) return false;
  return !startsWithTimeOrDate(w) && !isNumberAndYear(w) && !holdsYearMonth(w);
}

/** Whether the window is a phone number by its digits and grouping alone. */
export function isPhoneNumber(w: DigitWindow): boolean {
  const d = w.digits;
  if (w.plus) return d[0] === 4 && d[1] === 6 ? swedishSignificant(w, 2) : w.nd >= 9;
  if (d[0] !== 0 || w.nd < 8) return false;
  if (d[1] === 0) return d[2] === 4 && d[3] === 6 && swedishSignificant(w, 4) && !startsWithTimeOrDate(w);
  return swedishNational(w);
}

/** Behind a phone label ("tel", "mobil"), 7–15 digits count unless they are a time or a date. */
export function isNearMissPhone(w: DigitWindow): boolean {
  return w.nd >= 7 && !startsWithTimeOrDate(w);
}
