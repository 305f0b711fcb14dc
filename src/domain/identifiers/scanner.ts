/**
 * One pass over the text that finds personnummer, samordningsnummer and phone numbers.
 *
 * The text is read once, left to right, as words and *chains*: digit groups joined by short
 * joiners (spaces, at most one of - – . / +, brackets), e.g. "19 850709 - 1234" or
 * "+46 (0)70-123 45 67". Each group that may start a number is checked with the few windows of
 * following groups that hold at most MAX_DIGITS digits; a window must stand apart from the groups
 * around it (only spaces between) so that "2026-03-01–2026-09-01" yields no number from its middle.
 * Work per character is therefore bounded by a constant and the whole scan is linear; the chain
 * is kept in a ring of 32 groups, so memory does not grow with the text either.
 *
 * A label word just before a chain ("pnr:", "Tel.", "Dnr") is remembered for that chain.
 */
import * as chars from './chars';
import { DigitWindow, MAX_DIGITS } from './digit-window';
import type { Span } from './email';
import type { Label } from './labels';
import * as labels from './labels';
import type { PnrKind } from './personnummer';
import * as personnummer from './personnummer';
import * as phone from './phone';

// Local copies: the hot loop then calls plain functions, not a module namespace's getters (which
// is what a CommonJS transform, as tsx applies on the server, makes of imported bindings).
const { classOf, digitValue, isBracket, isSpace, isWordLetter, separatorMark, NONE, PLUS, DIGIT, LETTER } =
  chars;
const { hashStep, meaningOf } = labels;
const { isNearMissPersonnummer, personnummerKind } = personnummer;
const { isNearMissPhone, isPhoneNumber } = phone;
const MAX_WINDOW = MAX_DIGITS;

export type NumberKind = PnrKind | 'telefon';

export interface NumberFinding {
  kind: NumberKind;
  index: number;
  length: number;
}

const RING = 32;
const MASK = RING - 1;
/** The longest joiner: " - ", "  –  ", ") - (". */
const MAX_JOINER = 6;
/** How far (in characters) after its label a number may start: "Personnummer (enligt FK): 85…". */
const LABEL_REACH = 24;

interface Choice {
  kind: NumberKind;
  end: number;
}

export class NumberScanner {
  private readonly start = new Int32Array(RING);
  private readonly end = new Int32Array(RING);
  /** The separator mark of the joiner before the group (NONE: spaces or brackets only). */
  private readonly mark = new Int32Array(RING);
  private readonly spaced = new Uint8Array(RING);
  /** A "+" right before the group's first digit that opens an international number. */
  private readonly plus = new Uint8Array(RING);
  /** Digits in the chain up to and including the group. */
  private readonly cum = new Float64Array(RING);
  private first = 0;
  private head = 0;
  private tail = -1;
  private consumed = -1;
  private chainLabel: Label | null = null;
  private joinMark = NONE;
  private joinSpaced = false;
  /** The chain follows a digit and ':' or ',' (see openChain). */
  private continuesNumber = false;
  private label: Label | null = null;
  private labelEnd = -1;
  private skipAt = 0;
  private readonly window = new DigitWindow();
  private readonly found: NumberFinding[] = [];

  constructor(
    private readonly text: string,
    /** Spans already reported (e-mail addresses): numbers inside them are not reported again. */
    private readonly skip: readonly Span[],
  ) {}

  run(): NumberFinding[] {
    const { text } = this;
    let i = 0;
    while (i < text.length) {
      const kind = classOf(text.charCodeAt(i));
      if (kind === DIGIT) i = this.readChain(i);
      else if (kind === LETTER) i = this.readWord(i);
      else i++;
    }
    return this.found;
  }

  /** A word: letters, with dots or hyphens inside ("pers.nr", "p-nr"). Updates the pending label. */
  private readWord(from: number): number {
    const { text } = this;
    let to = from + 1;
    let hash = hashStep(0, text.charCodeAt(from));
    while (to < text.length) {
      const c = text.charCodeAt(to);
      if (isWordLetter(c)) {
        hash = hashStep(hash, c);
        to++;
      } else if ((c === 0x2e || c === 0x2d) && isWordLetter(text.charCodeAt(to + 1))) {
        hash = hashStep(hash, text.charCodeAt(to + 1));
        to += 2;
      } else break;
    }
    const meaning = meaningOf(text, from, to, hash);
    if (meaning === 'filler') return to;
    this.label = meaning;
    this.labelEnd = to;
    return to;
  }

  /** Reads the chain starting at `from`; returns where the scan continues (after its last digit). */
  private readChain(from: number): number {
    const { text } = this;
    this.openChain(from);
    let at = from;
    for (;;) {
      let end = at;
      while (end < text.length && digitValue(text.charCodeAt(end)) >= 0) end++;
      this.pushGroup(at, end, this.joinMark, this.joinSpaced);
      const next = this.readJoiner(end);
      if (next < 0) {
        this.closeChain();
        return end;
      }
      at = next;
    }
  }

  /**
   * The joiner after a group ending at `end`: where the next group starts, or -1 when none follows.
   * Sets joinMark and joinSpaced. A full stop and a space end a sentence, not a number.
   */
  private readJoiner(end: number): number {
    const { text } = this;
    let k = end;
    let brackets = 0;
    this.joinMark = NONE;
    this.joinSpaced = false;
    for (; k < text.length && k - end < MAX_JOINER; k++) {
      const c = text.charCodeAt(k);
      if (isSpace(c)) this.joinSpaced = true;
      else if (isBracket(c) && brackets < 2) brackets++;
      else if (this.joinMark === NONE && separatorMark(c) !== NONE) {
        this.joinMark = separatorMark(c);
        if (c === 0x2e && !this.joinSpaced && isSpace(text.charCodeAt(k + 1))) return -1;
      } else break;
    }
    return k > end && k < text.length && digitValue(text.charCodeAt(k)) >= 0 ? k : -1;
  }

  private openChain(from: number): void {
    this.joinMark = NONE;
    this.joinSpaced = false;
    this.first = this.tail + 1;
    this.head = this.first;
    const near = this.label !== null && from - this.labelEnd <= LABEL_REACH;
    this.chainLabel = near ? this.label : null;
    this.label = null;
    // After "14:" or "3," the digits are minutes or decimals ("kl 14:08 0000-0000"), no phone number.
    const { text } = this;
    const c = text.charCodeAt(from - 1);
    this.continuesNumber =
      (c === 0x3a || c === 0x2c) && from >= 2 && digitValue(text.charCodeAt(from - 2)) >= 0;
  }

  private pushGroup(start: number, end: number, mark: number, spaced: boolean): void {
    const g = ++this.tail;
    const r = g & MASK;
    const before = start > 0 ? this.text.charCodeAt(start - 1) : 0;
    this.start[r] = start;
    this.end[r] = end;
    this.mark[r] = mark;
    this.spaced[r] = spaced ? 1 : 0;
    // "+46…" at the start of a chain, or " +46…" after another number.
    this.plus[r] = separatorMark(before) === PLUS && (g === this.first || spaced) ? 1 : 0;
    this.cum[r] = (g === this.first ? 0 : (this.cum[(g - 1) & MASK] ?? 0)) + (end - start);
    // A start whose windows can no longer grow is checked now, so the ring never overflows.
    while (this.head < g && this.digitsFrom(this.head) > MAX_WINDOW) this.evaluate(this.head++, false);
  }

  /** Digits from group h to the last group pushed. */
  private digitsFrom(h: number): number {
    const r = h & MASK;
    const before = (this.cum[r] ?? 0) - ((this.end[r] ?? 0) - (this.start[r] ?? 0));
    return (this.cum[this.tail & MASK] ?? 0) - before;
  }

  private closeChain(): void {
    while (this.head <= this.tail) this.evaluate(this.head++, true);
  }

  /**
   * Whether a number may begin after the joiner before group g: none (the chain's start), spaces
   * only, or a spaced mark ("2020-12-07 – 070-123 45 67"). "2026-08-11" has no number from "08".
   */
  private opensAt(g: number): boolean {
    return g === this.first || this.apart(g) || this.plus[g & MASK] === 1;
  }

  /** Whether a number may end with group g: the chain ends there, or the joiner after it is apart. */
  private closesAt(g: number, chainEnded: boolean): boolean {
    return g < this.tail ? this.apart(g + 1) : chainEnded;
  }

  /** The joiner before group g sets it apart: spaces only, or spaces around its mark (" – "). */
  private apart(g: number): boolean {
    const r = g & MASK;
    return this.mark[r] === NONE || this.spaced[r] === 1;
  }

  private insideSkipped(pos: number): boolean {
    const { skip } = this;
    while (
      this.skipAt < skip.length &&
      (skip[this.skipAt]?.index ?? 0) + (skip[this.skipAt]?.length ?? 0) <= pos
    )
      this.skipAt++;
    const span = skip[this.skipAt];
    return span !== undefined && span.index <= pos;
  }

  /** Checks the windows that start at group s and reports the best number found there. */
  private evaluate(s: number, chainEnded: boolean): void {
    if (s <= this.consumed || !this.opensAt(s)) return;
    const rs = s & MASK;
    const start = this.start[rs] ?? 0;
    if (this.insideSkipped(start)) return;
    const choice = this.choose(s, chainEnded);
    if (!choice) return;
    const plus = this.plus[rs] === 1 && choice.kind === 'telefon';
    // "(08) 123 45 67": the area code's brackets belong to the number, a sentence's do not.
    const bracket =
      choice.kind === 'telefon' &&
      choice.end > s &&
      this.text.charCodeAt(start - 1) === 0x28 &&
      this.text.charCodeAt(this.end[rs] ?? 0) === 0x29;
    const index = start - (plus || bracket ? 1 : 0);
    const end = this.end[choice.end & MASK] ?? 0;
    // Digits running into an e-mail address ("+46 1234@x.se") are reported as the address alone.
    const next = this.skip[this.skipAt];
    if (next !== undefined && next.index < end) return;
    this.found.push({ kind: choice.kind, index, length: end - index });
    this.consumed = choice.end;
    this.chainLabel = null;
  }

  private size(g: number): number {
    const r = g & MASK;
    return (this.end[r] ?? 0) - (this.start[r] ?? 0);
  }

  /** Whether group g begins with "00" (an international prefix such as 0046). */
  private startsWithZeros(g: number): boolean {
    const at = this.start[g & MASK] ?? 0;
    return this.size(g) >= 2 && this.text.charCodeAt(at) === 0x30 && this.text.charCodeAt(at + 1) === 0x30;
  }

  private isThreeDigits(at: number): boolean {
    const { text } = this;
    return (
      digitValue(text.charCodeAt(at)) >= 0 &&
      digitValue(text.charCodeAt(at + 1)) >= 0 &&
      digitValue(text.charCodeAt(at + 2)) >= 0 &&
      digitValue(text.charCodeAt(at + 3)) < 0
    );
  }

  /**
   * Whether a phone number starting at group s is ruled out by what comes before the chain:
   * minutes or decimals ("14:08 …"), or a number label ("Dnr 02804-22 07 …", "kl 0815 …").
   */
  private notPhone(s: number, label: Label | null): boolean {
    if (s !== this.first) return false;
    return this.continuesNumber || (label === 'inte-telefon' && !this.window.plus);
  }

  /** Whether a currency or percent follows at `pos`: "0605 155 975 kr" is an amount. */
  private amountAt(pos: number): boolean {
    const { text } = this;
    let i = pos;
    // Thousands may follow first ("0046-1000 100 000 kr"); a few groups, so the look stays short.
    for (let k = 0; k < 4 && isSpace(text.charCodeAt(i)) && this.isThreeDigits(i + 1); k++) i += 4;
    // Öre: "389,42 kr".
    if (text.charCodeAt(i) === 0x2c && digitValue(text.charCodeAt(i + 1)) >= 0) {
      i += 2;
      if (digitValue(text.charCodeAt(i)) >= 0) i++;
    }
    if (i < text.length && isSpace(text.charCodeAt(i))) i++;
    const a = text.charCodeAt(i) | 0x20; // lower case for letters
    const b = text.charCodeAt(i + 1) | 0x20;
    if (a === 0x6b && b === 0x72) return true; // kr, kronor
    if (a === 0x74 && b === 0x6b) return true; // tkr
    if (a === 0x73 && b === 0x65 && (text.charCodeAt(i + 2) | 0x20) === 0x6b) return true; // SEK
    return text.charCodeAt(i) === 0x25 || (text.charCodeAt(i) === 0x3a && text.charCodeAt(i + 1) === 0x2d); // % :-
  }

  /** The kind and last group of the number starting at group s, or null. */
  private choose(s: number, chainEnded: boolean): Choice | null {
    const w = this.window;
    const label = this.chainLabel;
    const pnrLabel = label === 'personnummer' || label === 'samordningsnummer';
    w.reset(this.plus[s & MASK] === 1);
    // Single digits stand in no Swedish number except after a country code ("+46 8 …", "0046 (0)70"),
    // so "1 2 3 4 …" costs one look per digit, not fifteen.
    const singles = w.plus || label !== null || this.startsWithZeros(s);
    if (!singles && this.size(s) === 1) return null;
    let pnr: Choice | null = null;
    let phone = -1;
    let nearPnr = -1;
    let nearPhone = -1;
    for (let g = s; g <= this.tail; g++) {
      const r = g & MASK;
      if (!singles && g > s && this.size(g) === 1) break;
      if (!w.append(this.text, this.start[r] ?? 0, this.end[r] ?? 0, this.mark[r] ?? 0, this.spaced[r] === 1))
        break;
      if (!this.closesAt(g, chainEnded)) continue;
      const kind = personnummerKind(w, pnrLabel);
      const isPhone = !this.notPhone(s, label) && isPhoneNumber(w);
      if (kind) pnr = { kind: label === 'telefon' && isPhone ? 'telefon' : kind, end: g };
      if (isPhone) phone = g;
      if (pnrLabel && isNearMissPersonnummer(w) && (nearPnr < 0 || w.nd === 10 || w.nd === 12)) nearPnr = g;
      if (label === 'telefon' && isNearMissPhone(w)) nearPhone = g;
    }
    if (pnr) return pnr;
    if (pnrLabel && (nearPnr >= 0 || phone >= 0)) return { kind: label, end: nearPnr >= 0 ? nearPnr : phone };
    if (phone >= 0 && !this.amountAt(this.end[phone & MASK] ?? 0)) return { kind: 'telefon', end: phone };
    if (nearPhone >= 0) return { kind: 'telefon', end: nearPhone };
    return null;
  }
}

/** Every personnummer, samordningsnummer and phone number in `text` outside `skip`, in order. */
export function findNumbers(text: string, skip: readonly Span[]): NumberFinding[] {
  // A finding is only ever made from a chain of digits (readChain, entered on a DIGIT), so a text
  // without one has none. Most free text has no digit; the scanner's rings are not even made
  // then (they were ~2 % of the server's time of a push, bench/push-server.ts profile).
  for (let i = 0; i < text.length; i++)
    if (classOf(text.charCodeAt(i)) === DIGIT) return new NumberScanner(text, skip).run();
  return [];
}
