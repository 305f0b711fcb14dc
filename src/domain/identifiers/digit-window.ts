/**
 * A candidate number: a few consecutive digit groups of the text with what stood between them
 * ("850709" "-" "1234", or "070" "-" "123" " " "45" " " "67"). The scanner fills one reusable
 * window group by group, so checking a candidate allocates nothing.
 */
import * as chars from './chars';

// Copied once from the module namespace: see the note in scanner.ts.
const { digitValue, NONE } = chars;

/** No identifier has more digits than this (0046 (0)70 123 45 67 has 14). */
export const MAX_DIGITS = 15;

export class DigitWindow {
  readonly digits = new Uint8Array(MAX_DIGITS);
  /** Digits in each group. */
  readonly sizes = new Int32Array(MAX_DIGITS);
  /** The separator mark (chars.ts) of the joiner before group k, for k ≥ 1. */
  readonly marks = new Int32Array(MAX_DIGITS);
  /** Whether the joiner before group k has a space (or bracket) in it: "850709 - 1234". */
  readonly spaced = new Uint8Array(MAX_DIGITS);
  nd = 0;
  groups = 0;
  /** A "+" right before the first digit: an international number. */
  plus = false;

  reset(plus: boolean): void {
    this.nd = 0;
    this.groups = 0;
    this.plus = plus;
  }

  /** Adds the group text[start, end); false (and nothing added) when it would exceed MAX_DIGITS. */
  append(text: string, start: number, end: number, mark: number, spaced: boolean): boolean {
    if (this.nd + (end - start) > MAX_DIGITS) return false;
    for (let i = start; i < end; i++) this.digits[this.nd++] = digitValue(text.charCodeAt(i));
    this.sizes[this.groups] = end - start;
    this.marks[this.groups] = this.groups === 0 ? NONE : mark;
    this.spaced[this.groups] = spaced ? 1 : 0;
    this.groups++;
    return true;
  }

  /** The number formed by `len` digits from `at`. */
  num(at: number, len: number): number {
    let v = 0;
    for (let i = at; i < at + len; i++) v = v * 10 + (this.digits[i] ?? 0);
    return v;
  }

  /** The group that starts `offset` digits into the window, or -1 when no group starts there. */
  groupAt(offset: number): number {
    let seen = 0;
    for (let k = 0; k < this.groups; k++) {
      if (seen === offset) return k;
      seen += this.sizes[k] ?? 0;
    }
    return -1;
  }

  /** The digit offsets where a new group starts, as a bit set (MAX_DIGITS < 31). */
  splitMask(): number {
    let mask = 0;
    let seen = 0;
    for (let k = 0; k < this.groups - 1; k++) {
      seen += this.sizes[k] ?? 0;
      mask |= 1 << seen;
    }
    return mask;
  }
}
