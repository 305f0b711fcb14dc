/**
 * Releases: the coordinator's figures are published per area for fixed reference periods — the
 * kartläggning per month (as of its last day), everything else per halvår — made once when the
 * period has closed (plus RELEASE_GRACE_DAYS for offline devices to sync), stored, and served
 * unchanged from then on. No other period or date can be asked for, so asking twice, or after
 * adding records, gives the same answer. A release is made by the schedule, or by the first
 * request for it; whichever comes first stores it and the other reads that one.
 */
import {
  isReleasable,
  MANAD_RE,
  releasableHalvar,
  releasableMonths,
} from '../../../domain/aggregation/periods';
import { AGGREGATE_AREAS, type AggregateArea, type ReleasePeriods } from '../../../domain/aggregation/report';
import { ApiError } from '../../errors';
import { findRelease, forbundIds, storeRelease } from '../../store/aggregates';
import type { Sql } from '../../store/sql';
import { kartlaggningReleaseOf } from './kartlaggning';
import { karnindikatorRelease } from './likert';
import { motenRelease } from './moten';
import { progressionRelease } from './progression';
import { sipRelease } from './sip';

/** How far back releases can be read (and are made): halvår and months. */
export const RELEASE_WINDOW = { halvar: 4, manader: 12 } as const;

const MAKERS: Record<
  AggregateArea,
  (sql: Sql, forbundId: string, period: string, publishedAt: string) => Promise<{ publishedAt: string }>
> = {
  karnindikatorer: karnindikatorRelease,
  kartlaggning: kartlaggningReleaseOf,
  progression: progressionRelease,
  sip: sipRelease,
  moten: motenRelease,
};

export const stockholmDay = (now: Date): string =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(now);

/** The periods whose releases can be read on `now`, newest first. */
export function releasePeriods(now: Date): ReleasePeriods {
  const today = stockholmDay(now);
  return {
    halvar: releasableHalvar(today, RELEASE_WINDOW.halvar),
    manader: releasableMonths(today, RELEASE_WINDOW.manader),
  };
}

const monthly = (area: AggregateArea) => area === 'kartlaggning';

/** Checks a requested period: its form (400), and that its release can be read (404). */
export function checkPeriod(area: AggregateArea, period: string, now: Date): void {
  const periods = releasePeriods(now);
  const listed = monthly(area) ? periods.manader : periods.halvar;
  const wellFormed = monthly(area) ? MANAD_RE.test(period) : /^\d{4}H[12]$/.test(period);
  if (!wellFormed) {
    const message = monthly(area) ? 'Ange en månad som ÅÅÅÅ-MM.' : 'Ange ett halvår som ÅÅÅÅH1 eller ÅÅÅÅH2.';
    throw new ApiError(400, 'ogiltig_begaran', message, { period: message });
  }
  if (!listed.includes(period)) {
    const open = !isReleasable(period, stockholmDay(now));
    throw new ApiError(
      404,
      'ingen_publicering',
      open
        ? `Resultaten för ${period} publiceras när perioden har avslutats.`
        : `Det finns ingen publicering för ${period}.`,
    );
  }
}

/** The release of an area and period: the stored one, else made now and stored. */
export async function readRelease(
  sql: Sql,
  forbundId: string,
  area: AggregateArea,
  period: string,
  now: Date,
): Promise<unknown> {
  const stored = await findRelease(sql, forbundId, area, period);
  if (stored !== null) return stored;
  checkPeriod(area, period, now);
  const made = await MAKERS[area](sql, forbundId, period, now.toISOString());
  await storeRelease(sql, forbundId, area, period, made);
  return findRelease(sql, forbundId, area, period);
}

/** Makes every release of every förbund that can be made on `now` and is not stored yet. */
export async function makeDueReleases(sql: Sql, now: Date): Promise<number> {
  const periods = releasePeriods(now);
  let made = 0;
  for (const forbundId of await forbundIds(sql)) {
    for (const area of AGGREGATE_AREAS) {
      for (const period of monthly(area) ? periods.manader : periods.halvar) {
        if ((await findRelease(sql, forbundId, area, period)) !== null) continue;
        await storeRelease(
          sql,
          forbundId,
          area,
          period,
          await MAKERS[area](sql, forbundId, period, now.toISOString()),
        );
        made++;
      }
    }
  }
  return made;
}

/**
 * Makes due releases every `everyMs` (default an hour), so a period's release is made soon after
 * it closes even if nobody asks for it. Returns a stop function that waits for a run under way.
 */
export function startReleaseSchedule(
  sql: Sql,
  clock: () => Date,
  onError: (error: unknown) => void,
  everyMs = 3_600_000,
): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(() => makeDueReleases(sql, clock())).catch(onError);
  }, everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
