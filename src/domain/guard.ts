/**
 * The free-text guard: Fältsam never stores personnummer, samordningsnummer, phone numbers or
 * e-mail addresses of deltagare. One pure function, used by the device before saving and by the
 * server before accepting, so both sides refuse exactly the same texts.
 */
import { z } from 'zod';

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

/** Luhn check over the ten digits YYMMDDNNNC, as Skatteverket specifies for personnummer. */
export function luhnValid(tenDigits: string): boolean {
  if (!/^\d{10}$/.test(tenDigits)) return false;
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    let d = Number(tenDigits[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return sum % 10 === 0;
}

// 10 or 12 digits, optionally with '-', '+', a space or an en dash (which word processors put for
// '-') before the last four. Not preceded or followed by another digit, so longer numbers (e.g. an
// ärende number of 14 digits) do not match.
const PNR_RE = /(?<![\d])((?:18|19|20)?\d{2})(\d{2})(\d{2})[-+ –]?(\d{4})(?![\d])/g;
// Swedish numbers (0…, +46…, 0046…) and other international numbers (+NN…), with a space or a
// hyphen or en dash (spaced or not) between groups: 7–13 digits in all. Never starting right after
// a digit and '-', '.', ':' or '/': there the 0 is the day of a date or the minutes of a time, and
// "2026-11-05 12 500 kr" or "kl 14.05 2026-11-23" are not phone numbers.
const PHONE_RE =
  /(?<![\w+]|\d[-–./:])(?:\+\d{2,3}|00\d{2,3}|0)(?: ?[-–] ?| )?\(?\d{1,4}\)?(?:(?: ?[-–] ?| )?\d){4,10}(?!\d)/g;
const EMAIL_RE = /[\p{L}0-9._%+-]+@[\p{L}0-9-]+(?:\.[\p{L}0-9-]+)*\.\p{L}{2,}/gu;

function classifyPnr(m: RegExpExecArray): GuardKind | null {
  const yy = (m[1] ?? '').slice(-2);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12) return null;
  const isPnrDay = day >= 1 && day <= 31;
  const isSamordDay = day >= 61 && day <= 91;
  if (!isPnrDay && !isSamordDay) return null;
  if (!luhnValid(`${yy}${m[2]}${m[3]}${m[4]}`)) return null;
  return isSamordDay ? 'samordningsnummer' : 'personnummer';
}

function overlaps(a: GuardFinding, index: number, length: number): boolean {
  return index < a.index + a.length && a.index < index + length;
}

/** Every identifying datum found in `text`, in order of position. Pure; never throws. */
export function findIdentifyingData(text: string): GuardFinding[] {
  const found: GuardFinding[] = [];
  for (const m of text.matchAll(PNR_RE)) {
    const kind = classifyPnr(m);
    if (kind) found.push({ kind, index: m.index, length: m[0].length });
  }
  for (const m of text.matchAll(EMAIL_RE)) {
    found.push({ kind: 'epost', index: m.index, length: m[0].length });
  }
  for (const m of text.matchAll(PHONE_RE)) {
    const digits = m[0].replace(/\D/g, '').length;
    if (digits < 7 || digits > 13) continue;
    // A number already reported as personnummer, or part of an e-mail address, is not reported twice.
    if (found.some((f) => overlaps(f, m.index, m[0].length))) continue;
    found.push({ kind: 'telefon', index: m.index, length: m[0].length });
  }
  return found.sort((a, b) => a.index - b.index);
}

/** A Swedish sentence that says what was found, where, and why it is refused. */
export function guardMessage(findings: readonly GuardFinding[]): string {
  const parts = findings.map((f) => `${KIND_LABEL[f.kind]} (tecken ${f.index + 1}–${f.index + f.length})`);
  const what = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} och ${parts.at(-1)}`;
  return `Texten innehåller ${what}. Fältsam får inte lagra uppgifter som kan identifiera en deltagare – ta bort dem och spara igen.`;
}

/** A zod string that refuses identifying data with the guard's message. */
export function guardedText(maxLength: number) {
  return z
    .string()
    .max(maxLength, { message: `Texten får vara högst ${maxLength} tecken.` })
    .superRefine((value, ctx) => {
      const findings = findIdentifyingData(value);
      if (findings.length > 0) ctx.addIssue({ code: 'custom', message: guardMessage(findings) });
    });
}
