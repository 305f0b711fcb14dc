/**
 * Swedish wording for "when": relative for the last hour ("för 5 minuter sedan"), then
 * "i dag 14:32", "i går 09:05" and finally a full date. Pure; the caller passes `now`.
 */
import { t } from './sv';

const LOCALE = 'sv-SE';
const clock = new Intl.DateTimeFormat(LOCALE, { hour: '2-digit', minute: '2-digit' });
const date = new Intl.DateTimeFormat(LOCALE, { day: 'numeric', month: 'long', year: 'numeric' });
const relative = new Intl.RelativeTimeFormat('sv', { numeric: 'always' });

function dayKey(d: Date): string {
  return `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;
}

export function formatWhen(iso: string, now: Date): string {
  const then = new Date(iso);
  if (Number.isNaN(then.getTime())) return iso;
  const seconds = (now.getTime() - then.getTime()) / 1000;
  if (seconds >= -60 && seconds < 60) return t.time.justNow;
  if (seconds > 0 && seconds < 3600) {
    return `${relative.format(-Math.floor(seconds / 60), 'minute')} (${clock.format(then)})`;
  }
  if (dayKey(then) === dayKey(now)) return `${t.time.today} ${clock.format(then)}`;
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (dayKey(then) === dayKey(yesterday)) return `${t.time.yesterday} ${clock.format(then)}`;
  return `${date.format(then)} ${clock.format(then)}`;
}

/** Today's date on the device's own calendar, as the domain's YYYY-MM-DD. */
export function todayIso(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}
