/**
 * Reporting periods. A halvår is January–June (H1) or July–December (H2) of a calendar year and is
 * written like '2026H2'. Input is a calendar date as the user means it (Swedish time), never an
 * instant: converting a UTC timestamp to the right day is the caller's job.
 */
import { z } from 'zod';

export const HALVAR_RE = /^\d{4}H[12]$/;
export const Halvar = z.string().regex(HALVAR_RE, { message: 'Ange ett halvår som ÅÅÅÅH1 eller ÅÅÅÅH2.' });
export type Halvar = z.infer<typeof Halvar>;

const DATE_RE = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** The halvår of a date: '2026-08-01' → '2026H2'. Throws on anything but ÅÅÅÅ-MM-DD. */
export function halvar(date: string): Halvar {
  const m = DATE_RE.exec(date);
  if (!m) throw new RangeError(`Not a date (ÅÅÅÅ-MM-DD): ${date}`);
  return `${m[1]}H${Number(m[2]) <= 6 ? 1 : 2}`;
}

/** First and last date of a halvår, both inclusive. */
export function halvarBounds(period: Halvar): { first: string; last: string } {
  if (!HALVAR_RE.test(period)) throw new RangeError(`Not a halvår (ÅÅÅÅH1/ÅÅÅÅH2): ${period}`);
  const year = period.slice(0, 4);
  return period.endsWith('H1')
    ? { first: `${year}-01-01`, last: `${year}-06-30` }
    : { first: `${year}-07-01`, last: `${year}-12-31` };
}
