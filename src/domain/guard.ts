/**
 * The free-text guard: Fältsam never stores personnummer, samordningsnummer, phone numbers or
 * e-mail addresses of deltagare. One pure function, used by the device before saving and by the
 * server before accepting, so both sides refuse exactly the same texts.
 *
 * Invariants: linear time in the length of the text (one scan for numbers, one for "@"; see
 * identifiers/scanner.ts), and nothing found is ever repeated – findings carry a kind and a
 * position, never the matched characters, so no message, log line or audit entry can echo them.
 */
import { findEmails } from './identifiers/email';
import { luhnOk } from './identifiers/personnummer';
import { findNumbers } from './identifiers/scanner';
import { z } from './zod';

export type GuardKind = 'personnummer' | 'samordningsnummer' | 'telefon' | 'epost';

export interface GuardFinding {
  kind: GuardKind;
  /** Start offset in the text and length of the match (never the matched value itself). */
  index: number;
  length: number;
}

const KIND_LABEL: Record<GuardKind, string> = {
  personnummer: 'ett personnummer',
  samordningsnummer: 'ett samordningsnummer',
  telefon: 'ett telefonnummer',
  epost: 'en e-postadress',
};

/** Positions listed in a message; a text full of numbers gets "och 40 till", not 43 positions. */
const LISTED = 3;

/** Luhn check over the ten digits YYMMDDNNNC, as Skatteverket specifies for personnummer. */
export function luhnValid(tenDigits: string): boolean {
  if (!/^\d{10}$/.test(tenDigits)) return false;
  return luhnOk(Array.from(tenDigits, Number), 0);
}

/** Every identifying datum found in `text`, in order of position. Pure; never throws. */
export function findIdentifyingData(text: string): GuardFinding[] {
  const emails = findEmails(text);
  const numbers = findNumbers(text, emails);
  if (emails.length === 0) return numbers;
  // Both lists are in order and never overlap: merge them.
  const found: GuardFinding[] = [];
  let n = 0;
  for (const e of emails) {
    while (n < numbers.length && (numbers[n]?.index ?? 0) < e.index) found.push(numbers[n++] as GuardFinding);
    found.push({ kind: 'epost', index: e.index, length: e.length });
  }
  while (n < numbers.length) found.push(numbers[n++] as GuardFinding);
  return found;
}

/**
 * A Swedish sentence naming the field, the kinds found and where (character positions, so the
 * user finds them in a long note), and why the text is refused. `field` is the field's label as
 * the form shows it; without one the message speaks of "Texten".
 */
export function guardMessage(findings: readonly GuardFinding[], field?: string): string {
  const listed = findings
    .slice(0, LISTED)
    .map((f) => `${KIND_LABEL[f.kind]} (tecken ${f.index + 1}–${f.index + f.length})`);
  const more = findings.length - listed.length;
  if (more > 0) listed.push(`${more} till`);
  const what = listed.length === 1 ? listed[0] : `${listed.slice(0, -1).join(', ')} och ${listed.at(-1)}`;
  const subject = field ? `Fältet ${field}` : 'Texten';
  const them = findings.length === 1 ? 'det' : 'dem';
  return `${subject} innehåller något som ser ut som ${what}. Fältsam får inte lagra uppgifter som kan identifiera en deltagare – ta bort ${them} och spara igen.`;
}

// Texts the guard recently found clean. The server validates a mutation's changes and then the
// merged record, the device a form on every change; each text is still scanned once. Only clean
// texts are kept (they are stored anyway), at most MEMO_SIZE of them, oldest dropped first.
const MEMO_SIZE = 256;
const MEMO_MIN_LENGTH = 64;
const recentlyClean = new Set<string>();

function findingsOf(text: string): GuardFinding[] {
  if (text.length < MEMO_MIN_LENGTH) return findIdentifyingData(text);
  if (recentlyClean.has(text)) return [];
  const findings = findIdentifyingData(text);
  if (findings.length === 0) {
    if (recentlyClean.size >= MEMO_SIZE) recentlyClean.delete(recentlyClean.values().next().value as string);
    recentlyClean.add(text);
  }
  return findings;
}

/**
 * A zod string for the free-text field labelled `field` (as its form shows it; every schema names
 * it, the messages then say which field): at most `maxLength` characters and no identifying data.
 * The length is checked first and stops validation (`abort`), so a value of a megabyte is refused
 * without being scanned.
 */
export function guardedText(maxLength: number, field?: string) {
  const subject = field ? `Fältet ${field}` : 'Texten';
  return z
    .string()
    .max(maxLength, { message: `${subject} får vara högst ${maxLength} tecken.`, abort: true })
    .superRefine((value, ctx) => {
      const findings = findingsOf(value);
      if (findings.length > 0) ctx.addIssue({ code: 'custom', message: guardMessage(findings, field) });
    });
}
