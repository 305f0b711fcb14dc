/**
 * Synthetic identifiers for the free-text guard's tests and corpus (bench/guard-corpus.ts): every
 * personnummer is built from a generated date and serial with its Luhn digit computed here, every
 * phone number from generated digits behind real prefixes, every e-mail address from made-up
 * words. Nothing here is, or is taken from, a real person's data.
 *
 * Each format has a name (the recall figure is given per name) and an arbitrary; the corpus
 * samples them with a fixed seed, the property tests run them under fast-check.
 */
import fc from 'fast-check';

export const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The Luhn check digit for the nine digits YYMMDDNNN. */
export function checkDigit(nineDigits: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let d = Number(nineDigits[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export interface IdParts {
  year: number;
  month: number;
  day: number;
  serial: number;
  samordning: boolean;
}

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** A birth date from 1900 on and a serial; the day is valid for its month (leap years included). */
export const idParts = (samordning: fc.Arbitrary<boolean> = fc.boolean()): fc.Arbitrary<IdParts> =>
  fc
    .record({
      year: fc.integer({ min: 1900, max: 2010 }),
      month: fc.integer({ min: 1, max: 12 }),
      dayFraction: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
      serial: fc.integer({ min: 0, max: 999 }),
      samordning,
    })
    .map(({ dayFraction, ...p }) => ({ ...p, day: 1 + Math.floor(dayFraction * daysIn(p.year, p.month)) }));

/** The digits of a number: [YYYY or YY, MM, DD (+60), NNNC], check digit shifted by `checkOffset`. */
export function idGroups(p: IdParts, century: boolean, checkOffset = 0): [string, string, string, string] {
  const dd = pad(p.day + (p.samordning ? 60 : 0));
  const nine = `${pad(p.year % 100)}${pad(p.month)}${dd}${pad(p.serial, 3)}`;
  const check = (checkDigit(nine) + checkOffset) % 10;
  const year = century ? String(p.year) : pad(p.year % 100);
  return [year, pad(p.month), dd, `${pad(p.serial, 3)}${check}`];
}

/** A way of writing one: the separator inside the date and before the last four. */
export interface IdFormat {
  name: string;
  century: boolean;
  dateSep: string;
  serialSep: string;
}

export function formatId(p: IdParts, f: Omit<IdFormat, 'name'>, checkOffset = 0): string {
  const [y, m, d, last] = idGroups(p, f.century, checkOffset);
  return `${y}${f.dateSep}${m}${f.dateSep}${d}${f.serialSep}${last}`;
}

/** Separators that look like others in a name are spelled out. */
export const showSep = (sep: string) => sep.replace(/\u00a0/g, '[nbsp]').replace(/‑/g, '[nb-bindestreck]');

const fmt = (century: boolean, dateSep: string, serialSep: string): IdFormat => {
  const y = century ? 'YYYY' : 'YY';
  const [d, s] = [showSep(dateSep), showSep(serialSep)];
  return { name: `${y}${d}MM${d}DD${s}XXXX`, century, dateSep, serialSep };
};

/** The named formats of the issue and the ones people write besides. */
export const ID_FORMATS: readonly IdFormat[] = [
  ...['-', '', '+', ' ', '–', ' - ', ' – ', '.', '/', '‑', '\u00a0', '- ', ' -'].map((s) =>
    fmt(false, '', s),
  ),
  ...['-', '', ' ', '–', ' - ', '+', '.'].map((s) => fmt(true, '', s)),
  fmt(true, '-', '-'),
  fmt(true, '.', '-'),
  fmt(true, '/', '-'),
  fmt(true, ' ', ' '),
  fmt(true, '-', ' - '),
  fmt(true, '.', '.'),
  fmt(false, '.', '-'),
  fmt(false, '-', '-'),
  fmt(false, ' ', ' '),
  fmt(false, '/', '-'),
  fmt(false, '.', '.'),
  fmt(false, '-', ' '),
];

/** Every separator anywhere: the hidden corpus is not this list, so the tests mix freely too. */
const ANY_SEP = ['', '-', '+', ' ', '–', '—', '.', '/', ' - ', ' – ', '‑', '\u00a0', ' . ', ' / ', '-  '];
const ANY_DATE_SEP = ['', '-', '.', '/', ' ', '–', ' - ', ' . '];
export const anyIdFormat: fc.Arbitrary<IdFormat> = fc
  .record({
    century: fc.boolean(),
    dateSep: fc.constantFrom(...ANY_DATE_SEP),
    serialSep: fc.constantFrom(...ANY_SEP),
  })
  .map((f) => ({ ...f, name: 'blandade avskiljare' }));

export interface Generated {
  /** Which named format (for recall per format). */
  format: string;
  kind: 'personnummer' | 'samordningsnummer' | 'telefon' | 'epost';
  value: string;
}

export const idNumber = (format: fc.Arbitrary<IdFormat>, samordning?: boolean): fc.Arbitrary<Generated> =>
  fc
    .tuple(idParts(samordning === undefined ? fc.boolean() : fc.constant(samordning)), format)
    .map(([p, f]) => ({
      format: f.name,
      kind: p.samordning ? 'samordningsnummer' : 'personnummer',
      value: formatId(p, f),
    }));
