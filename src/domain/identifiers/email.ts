/**
 * E-mail addresses, found from each "@": the local part is read backwards and the domain forwards,
 * both stopping at the next "@", so no character is read more than a few times whatever the text.
 * Letters of any script count (å, ä, ö in both parts), the domain needs at least two labels and a
 * top-level domain of two or more letters; subdomains are any number of further labels.
 */

export interface Span {
  index: number;
  length: number;
}

const MAX_LOCAL = 64;
const MAX_DOMAIN = 253;
const UNICODE_LETTER_OR_DIGIT = /^[\p{L}\p{M}\p{N}]$/u;
const UNICODE_LETTER = /^[\p{L}\p{M}]$/u;

function isAlnum(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0x80) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  // Non-ASCII: one code unit at a time, so a lone surrogate (broken text) is simply not a letter.
  return UNICODE_LETTER_OR_DIGIT.test(text.charAt(i));
}

function isLocalChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  // . _ % + - '
  return c === 0x2e || c === 0x5f || c === 0x25 || c === 0x2b || c === 0x2d || c === 0x27 || isAlnum(text, i);
}

function isDomainChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c === 0x2e || c === 0x2d || isAlnum(text, i);
}

/** Where the local part before the "@" at `at` starts, or -1 when there is none. */
function localStart(text: string, at: number): number {
  let i = at;
  while (i > 0 && at - i < MAX_LOCAL && isLocalChar(text, i - 1)) i--;
  // Sentence punctuation before an address is not part of it.
  while (i < at && (text.charCodeAt(i) === 0x2e || text.charCodeAt(i) === 0x27)) i++;
  return i < at ? i : -1;
}

/**
 * Where a valid domain after the "@" at `at` ends, or -1: labels separated by single dots, the
 * last of two or more letters. A full stop or hyphen at the end belongs to the sentence.
 */
function domainEnd(text: string, at: number): number {
  let end = at + 1;
  while (end < text.length && end - at <= MAX_DOMAIN && isDomainChar(text, end)) end++;
  while (end > at + 1 && (text.charCodeAt(end - 1) === 0x2e || text.charCodeAt(end - 1) === 0x2d)) end--;
  let dots = 0;
  let tldStart = at + 1;
  for (let i = at + 1; i < end; i++) {
    if (text.charCodeAt(i) !== 0x2e) continue;
    if (i === tldStart) return -1; // an empty label: ".." or "@."
    dots++;
    tldStart = i + 1;
  }
  if (dots === 0 || end - tldStart < 2) return -1;
  for (let i = tldStart; i < end; i++) if (!isLetter(text, i)) return -1;
  return end;
}

function isLetter(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c < 0x80 ? (c >= 65 && c <= 90) || (c >= 97 && c <= 122) : UNICODE_LETTER.test(text.charAt(i));
}

/** Every e-mail address in `text`, in order, not overlapping. */
export function findEmails(text: string): Span[] {
  const found: Span[] = [];
  let from = 0;
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    if (at < from) continue;
    const start = localStart(text, at);
    if (start < from || start === -1) continue;
    const end = domainEnd(text, at);
    if (end === -1) continue;
    found.push({ index: start, length: end - start });
    from = end;
  }
  return found;
}
