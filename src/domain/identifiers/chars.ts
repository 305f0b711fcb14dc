/**
 * Character classes of the identifier scanner, by UTF-16 code unit. Pure look-ups with no
 * allocation, so the scanner's cost per character stays a small constant.
 */

/** The separator mark inside a joiner between two digit groups; NONE when only spaces/brackets. */
export const NONE = 0;
export const DASH = 1;
export const DOT = 2;
export const SLASH = 3;
export const PLUS = 4;

/** The digit's value (ASCII or full-width, as some keyboards type), or -1. */
export function digitValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 0xff10 && c <= 0xff19) return c - 0xff10;
  return -1;
}

/** Spaces people put between digit groups, including the no-break and thin spaces of word processors. */
export function isSpace(c: number): boolean {
  return (
    c === 0x20 ||
    c === 0x09 ||
    c === 0xa0 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** Which separator mark `c` is (hyphens and dashes of every kind count as one), or NONE. */
export function separatorMark(c: number): number {
  switch (c) {
    case 0x2d: // -
    case 0x2010: // ‐
    case 0x2011: // non-breaking hyphen
    case 0x2012: // ‒
    case 0x2013: // –
    case 0x2014: // —
    case 0x2212: // −
    case 0xfe63:
    case 0xff0d:
      return DASH;
    case 0x2e:
    case 0xff0e:
      return DOT;
    case 0x2f:
    case 0xff0f:
      return SLASH;
    case 0x2b:
    case 0xff0b:
      return PLUS;
    default:
      return NONE;
  }
}

export function isBracket(c: number): boolean {
  return c === 0x28 || c === 0x29; // ( )
}

/** Letters that can make up a Swedish label word (ASCII and Latin-1/Latin Extended-A letters). */
export function isWordLetter(c: number): boolean {
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
  return c >= 0xc0 && c <= 0x17f && c !== 0xd7 && c !== 0xf7;
}

/** What the scanner does with a character: reads a chain, reads a word, or steps over it. */
export const OTHER = 0;
export const DIGIT = 1;
export const LETTER = 2;

const CLASSES = new Uint8Array(0x180);
for (let c = 0; c < CLASSES.length; c++)
  CLASSES[c] = digitValue(c) >= 0 ? DIGIT : isWordLetter(c) ? LETTER : OTHER;

/** DIGIT, LETTER or OTHER, by table for the Latin range: the scanner asks once per character. */
export function classOf(c: number): number {
  if (c < 0x180) return CLASSES[c] ?? OTHER;
  return c >= 0xff10 && c <= 0xff19 ? DIGIT : OTHER;
}
