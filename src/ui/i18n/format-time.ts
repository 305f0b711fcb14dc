/**
 * Dates, times and numbers in the chosen language, all through Intl (locale.ts: sv-SE or en-GB).
 * A domain date (YYYY-MM-DD) is a calendar day and is shown as that day everywhere; an instant
 * (an ISO timestamp) is shown in the device's own time zone, so 23:30 UTC on 4 March is 5 March
 * in Stockholm. "When" reads relative for the last hour ("för 5 minuter sedan"), then "i dag
 * 14:32", "i går 09:05" and finally a full date. Pure apart from the language; callers pass `now`.
 */
import { currentLocale } from './locale';
import { t } from './messages';

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>();

function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>(
  key: string,
  make: (locale: string) => T,
): T {
  const locale = currentLocale();
  const id = `${locale}|${key}`;
  let f = cache.get(id) as T | undefined;
  if (!f) {
    f = make(locale);
    cache.set(id, f);
  }
  return f;
}

const clock = () =>
  cached('clock', (l) => new Intl.DateTimeFormat(l, { hour: '2-digit', minute: '2-digit', hour12: false }));
const longDate = () =>
  cached('long', (l) => new Intl.DateTimeFormat(l, { day: 'numeric', month: 'long', year: 'numeric' }));
const relative = () => cached('relative', (l) => new Intl.RelativeTimeFormat(l, { numeric: 'always' }));

/** Swedes write a date 2026-03-05; in English it is 5 Mar 2026 (never the ambiguous 05/03). */
const dayFormat = (timeZone: string | undefined) =>
  cached(`day|${timeZone ?? ''}`, (l) =>
    l === 'sv-SE'
      ? new Intl.DateTimeFormat(l, { year: 'numeric', month: '2-digit', day: '2-digit', timeZone })
      : new Intl.DateTimeFormat(l, { year: 'numeric', month: 'short', day: 'numeric', timeZone }),
  );

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date of the domain (YYYY-MM-DD) in the chosen language; '–' when there is none. */
export function formatDate(isoDate: string | null | undefined): string {
  if (!isoDate) return '–';
  const m = ISO_DATE.exec(isoDate);
  if (!m) return isoDate;
  // Noon UTC of that day, formatted in UTC: the same calendar day whatever the device's zone.
  const at = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12));
  return Number.isNaN(at.getTime()) ? isoDate : dayFormat('UTC').format(at);
}

/**
 * The calendar day of an instant (e.g. when a SIP was started) in the device's time zone – the
 * day the user lived it, not the day in UTC. `timeZone` is for tests and servers only.
 */
export function formatInstantDate(iso: string, timeZone?: string): string {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : dayFormat(timeZone).format(at);
}

/** Date and time of an instant, short, in the device's time zone (the admin's lists). */
export function formatDateTime(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return `${formatInstantDate(iso)} ${clock().format(at)}`;
}

/** A clock time with seconds (how long to wait before the next try). */
export function formatClock(iso: string): string {
  const at = new Date(iso);
  return Number.isNaN(at.getTime())
    ? iso
    : cached(
        'clockSeconds',
        (l) =>
          new Intl.DateTimeFormat(l, {
            hour: '2-digit',
            minute: '2-digit',
            second: '2-digit',
            hour12: false,
          }),
      ).format(at);
}

/** A number in the chosen language (1 000,5 or 1,000.5); `digits` fixes the decimals. */
export function formatNumber(n: number, digits?: number): string {
  const key = digits === undefined ? 'n' : `n${digits}`;
  return cached(
    key,
    (l) =>
      new Intl.NumberFormat(
        l,
        digits === undefined ? {} : { minimumFractionDigits: digits, maximumFractionDigits: digits },
      ),
  ).format(n);
}

function dayKey(d: Date): string {
  return `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;
}

export function formatWhen(iso: string, now: Date): string {
  const then = new Date(iso);
  if (Number.isNaN(then.getTime())) return iso;
  const seconds = (now.getTime() - then.getTime()) / 1000;
  if (seconds >= -60 && seconds < 60) return t.time.justNow;
  if (seconds > 0 && seconds < 3600) {
    return `${relative().format(-Math.floor(seconds / 60), 'minute')} (${clock().format(then)})`;
  }
  if (dayKey(then) === dayKey(now)) return `${t.time.today} ${clock().format(then)}`;
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (dayKey(then) === dayKey(yesterday)) return `${t.time.yesterday} ${clock().format(then)}`;
  return `${longDate().format(then)} ${clock().format(then)}`;
}

/** Today's date on the device's own calendar, as the domain's YYYY-MM-DD. */
export function todayIso(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}
