import { formatDate, formatInstantDate } from '../i18n/format-time';

/**
 * A date as the user reads it, in the chosen language, kept on one line (a table cell never breaks
 * "2026-03-05" at its hyphens or "5 Mar 2026" at its spaces). `iso` is a domain date (YYYY-MM-DD);
 * with `instant`, an ISO timestamp shown as its day in the device's time zone.
 */
export function DateText({ iso, instant = false }: { iso: string | null | undefined; instant?: boolean }) {
  if (!iso) return <span class="date">{formatDate(null)}</span>;
  return (
    <time class="date" dateTime={iso}>
      {instant ? formatInstantDate(iso) : formatDate(iso)}
    </time>
  );
}
