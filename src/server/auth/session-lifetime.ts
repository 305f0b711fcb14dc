/**
 * How long a session lives. It slides: every use moves its end to 30 days ahead, so a device that
 * syncs now and then is never asked to sign in again because of a date — only one left unused for
 * 30 days is. An absolute end caps that sliding (a stolen token does not live forever). The cap is
 * drawn for each session between 76 and 90 days after sign-in: the handläggare of a förbund who
 * all signed in on one morning then sign in again spread over two weeks, never all on one morning
 * (each sign-in costs a scrypt hash, ~0.1 s of a core; 200 at once saturated the server).
 */
import { randomInt } from 'node:crypto';

const DAY_MS = 24 * 3600 * 1000;

/** A session unused this long has ended. */
export const SESSION_IDLE_DAYS = 30;
/** No session lives longer than this after sign-in … */
export const SESSION_MAX_DAYS = 90;
/** … and each one ends up to this much earlier, at random. */
export const SESSION_MAX_JITTER_DAYS = 14;
/** A use renews the session only when its end is more than this much closer than 30 days. */
const RENEW_STEP_MS = DAY_MS;

export interface SessionLifetime {
  /** When it ends if not used again (slides forward with use). */
  expiresAt: Date;
  /** When it ends whatever happens. */
  absoluteExpiresAt: Date;
}

/** The lifetime of a session started `now`; `random(n)` is a uniform integer in [0, n). */
export function newSessionLifetime(now: Date, random: (n: number) => number = randomInt): SessionLifetime {
  const jitterMs = random(SESSION_MAX_JITTER_DAYS * 24 * 60) * 60_000;
  const absoluteExpiresAt = new Date(now.getTime() + SESSION_MAX_DAYS * DAY_MS - jitterMs);
  return { expiresAt: slide(now, absoluteExpiresAt), absoluteExpiresAt };
}

/**
 * The new end of a session used `now`, or null when it need not be written (it was renewed less
 * than a day ago, or already reaches its absolute end): a session is written at most once a day,
 * not on every request.
 */
export function renewedExpiry(now: Date, current: SessionLifetime): Date | null {
  const next = slide(now, current.absoluteExpiresAt);
  const gain = next.getTime() - current.expiresAt.getTime();
  if (gain <= 0) return null;
  return gain >= RENEW_STEP_MS || next.getTime() === current.absoluteExpiresAt.getTime() ? next : null;
}

function slide(now: Date, absoluteExpiresAt: Date): Date {
  return new Date(Math.min(now.getTime() + SESSION_IDLE_DAYS * DAY_MS, absoluteExpiresAt.getTime()));
}
