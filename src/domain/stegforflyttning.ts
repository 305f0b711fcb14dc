/**
 * Stegförflyttning: the deltagare's own view (slot M14) and the handläggare's (slot M15) measured on an
 * ärende over time (DOMAIN.md §4.5: progress needs both a subjective and an objective sign). A measurement
 * is offered again once the last one of its slot is at least the interval old, in calendar months.
 */

import { IsoDate } from './arende';
import { Id } from './id';
import { KNOWN_INSTRUMENT_VERSIONS } from './instrument/version';
import { z } from './zod';

/** Kärnindikator answer slots, kept as plain ids so this module does not depend on the instrument. */
export const STEG_SLOTS = ['M14', 'M15'] as const;
export type StegSlot = (typeof STEG_SLOTS)[number];
/** M14 is answered by the deltagare, M15 by the handläggare. */
export const STEG_SLOT_SVARAR: Record<StegSlot, 'deltagare' | 'handlaggare'> = {
  M14: 'deltagare',
  M15: 'handlaggare',
};

/** PRODUCT.md §2: default 2 months; the seeds suggest 1–3, a förbund may choose up to a year. */
export const DEFAULT_INTERVAL_MONTHS = 2;
export const IntervalMonths = z
  .int({ message: 'Ange ett helt antal månader.' })
  .min(1, { message: 'Minst 1 månad.' })
  .max(12, { message: 'Högst 12 månader.' });

export const StegmatningFieldsShape = {
  item: z.enum(STEG_SLOTS),
  value: z.int({ message: 'Ange ett värde 1–5.' }).min(1, { message: 'Ange ett värde 1–5.' }).max(5, {
    message: 'Ange ett värde 1–5.',
  }),
  date: IsoDate,
  /** The meeting it was taken at, when it was taken at one. */
  moteId: Id.nullable(),
  /**
   * The instrument version the statement was asked in (PRODUCT.md §2: every answer keeps it). Set by
   * the device that showed the statement, kept as sent; one no version of Fältsam knows is refused.
   */
  instrumentVersion: z.enum(KNOWN_INSTRUMENT_VERSIONS, {
    error: 'Mätningen hör till en version av enkäten som Fältsam inte känner till.',
  }),
} as const;
export const StegmatningFields = z.object(StegmatningFieldsShape);
export type StegmatningFields = z.infer<typeof StegmatningFields>;
export type StegmatningField = keyof StegmatningFields;

/** No rule spans two fields of a measurement; kept so every record kind has the same contract. */
export function stegmatningCrossFieldIssues(
  _m: StegmatningFields,
): { path: StegmatningField; message: string }[] {
  return [];
}

/** A measurement as stored on the device and the server. An answer: never edited once saved. */
export const Stegmatning = StegmatningFields.extend({
  id: Id,
  forbundId: Id,
  arendeId: Id,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  version: z.int().nonnegative(),
});
export type Stegmatning = z.infer<typeof Stegmatning>;

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * `isoDate` plus `months` calendar months. A day the target month lacks falls on its last day:
 * 31 Jan + 1 month is 28 Feb (29 in a leap year), so a measurement at month end is not offered late.
 */
export function addCalendarMonths(isoDate: string, months: number): string {
  const y = Number(isoDate.slice(0, 4));
  const m = Number(isoDate.slice(5, 7)) - 1 + months;
  const d = Number(isoDate.slice(8, 10));
  const year = y + Math.floor(m / 12);
  const month = ((m % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${pad(year, 4)}-${pad(month + 1, 2)}-${pad(Math.min(d, lastDay), 2)}`;
}

/**
 * Whether to offer a measurement at a meeting on `meetingDate` (ISO dates): when the slot was never
 * measured, or its last measurement is at least `intervalMonths` calendar months old. Due on the day
 * the interval is reached, so meetings every other month on the same date are offered it each time.
 */
export function shouldOfferMeasurement(
  lastMeasuredAt: string | null,
  meetingDate: string,
  intervalMonths: number = DEFAULT_INTERVAL_MONTHS,
): boolean {
  if (!IntervalMonths.safeParse(intervalMonths).success)
    throw new RangeError(`intervalMonths must be an integer 1–12, got ${intervalMonths}`);
  if (lastMeasuredAt === null) return true;
  return meetingDate >= addCalendarMonths(lastMeasuredAt.slice(0, 10), intervalMonths);
}

/** The slots to offer at a meeting on `meetingDate`, judged on one ärende's measurements. */
export function measurementsDue(
  measurements: readonly Pick<StegmatningFields, 'item' | 'date'>[],
  meetingDate: string,
  intervalMonths: number = DEFAULT_INTERVAL_MONTHS,
): StegSlot[] {
  return STEG_SLOTS.filter((slot) => {
    let last: string | null = null;
    for (const m of measurements) if (m.item === slot && (last === null || m.date > last)) last = m.date;
    return shouldOfferMeasurement(last, meetingDate, intervalMonths);
  });
}

/** One ärende's measurements as a series per slot, oldest first (equal dates keep list order), for a chart. */
export function progressionSeries<T extends Pick<StegmatningFields, 'item' | 'date' | 'value'>>(
  measurements: readonly T[],
): Record<StegSlot, T[]> {
  const byDate = (a: T, b: T) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);
  return {
    M14: measurements.filter((m) => m.item === 'M14').sort(byDate),
    M15: measurements.filter((m) => m.item === 'M15').sort(byDate),
  };
}
