/**
 * Reporting periods. A halvår is January–June (H1) or July–December (H2) of a calendar year and is
 * written like '2026H2'. Input is a calendar date as the user means it (Swedish time), never an
 * instant: converting a UTC timestamp to the right day is the caller's job.
 */
import { z } from '../zod';

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

/** A calendar month, ÅÅÅÅ-MM: the kartläggning's reference period (its last day). */
export const MANAD_RE = /^\d{4}-(0[1-9]|1[0-2])$/;
export const Manad = z.string().regex(MANAD_RE, { message: 'Ange en månad som ÅÅÅÅ-MM.' });
export type Manad = z.infer<typeof Manad>;

/** The last day of a month: '2026-02' → '2026-02-28'. */
export function monthEnd(month: Manad): string {
  if (!MANAD_RE.test(month)) throw new RangeError(`Not a month (ÅÅÅÅ-MM): ${month}`);
  const last = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0));
  return last.toISOString().slice(0, 10);
}

const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Days after a period's last day before its release is made: time for devices that worked
 * offline to sync what they recorded in the period. The release is then made once and kept.
 */
export const RELEASE_GRACE_DAYS = 5;

/** Whether the period (halvår or month) is closed and its grace over on `today` (ÅÅÅÅ-MM-DD). */
export function isReleasable(period: string, today: string): boolean {
  const last = HALVAR_RE.test(period) ? halvarBounds(period).last : monthEnd(period);
  return addDays(last, RELEASE_GRACE_DAYS) < today;
}

/** The `count` most recent releasable halvår on `today`, newest first. */
export function releasableHalvar(today: string, count: number): Halvar[] {
  const out: Halvar[] = [];
  let p = halvar(today);
  while (out.length < count) {
    if (isReleasable(p, today)) out.push(p);
    const year = Number(p.slice(0, 4));
    p = p.endsWith('H2') ? `${year}H1` : `${year - 1}H2`;
  }
  return out;
}

/** The `count` most recent releasable months on `today`, newest first. */
export function releasableMonths(today: string, count: number): Manad[] {
  const out: Manad[] = [];
  let y = Number(today.slice(0, 4));
  let m = Number(today.slice(5, 7));
  while (out.length < count) {
    const p = `${y}-${String(m).padStart(2, '0')}`;
    if (isReleasable(p, today)) out.push(p);
    m -= 1;
    if (m === 0) {
      m = 12;
      y -= 1;
    }
  }
  return out;
}
