/**
 * Slows down password guessing: after `maxFailures` failed sign-ins for one key within `windowMs`,
 * further attempts for that key are refused until the window has passed. In memory, per app
 * instance; a restart forgets it, which is acceptable for a limit measured in minutes.
 *
 * The sign-in route keeps two: one keyed by account (username) and one by client address.
 *  - Per account (10 failures / 15 min): stops guessing one account's password from many addresses.
 *    While it holds, that account cannot sign in from anywhere, even with the right password — the
 *    price of stopping distributed guessing; it lifts by itself after the window.
 *  - Per address (30 failures / 15 min, over all usernames): stops one address from trying many
 *    accounts. It blocks only that address: the same accounts still sign in from elsewhere, and
 *    another address is never blocked by this address's failures.
 * A successful sign-in clears the account's count, never the address's (else one known password
 * would reset an attacker's address budget).
 */
export interface LoginLimiter {
  /** Milliseconds to wait before the next attempt, or 0 when an attempt is allowed now. */
  retryAfterMs(key: string): number;
  recordFailure(key: string): void;
  /** Forgets the key's failures. */
  reset(key: string): void;
}

export function createLoginLimiter({
  clock,
  maxFailures = 10,
  windowMs = 15 * 60 * 1000,
  maxTracked = 10_000,
}: {
  clock: () => Date;
  maxFailures?: number;
  windowMs?: number;
  maxTracked?: number;
}): LoginLimiter {
  const failures = new Map<string, number[]>();
  const norm = (key: string) => key.trim().toLowerCase();
  const recent = (k: string) => {
    const since = clock().getTime() - windowMs;
    const times = (failures.get(k) ?? []).filter((t) => t > since);
    if (times.length === 0) failures.delete(k);
    else failures.set(k, times);
    return times;
  };
  return {
    retryAfterMs(key) {
      const times = recent(norm(key));
      if (times.length < maxFailures) return 0;
      const oldest = times[times.length - maxFailures] ?? 0;
      return Math.max(1, oldest + windowMs - clock().getTime());
    },
    recordFailure(key) {
      const k = norm(key);
      // Bounded memory: when full, forget the oldest-inserted key.
      if (!failures.has(k) && failures.size >= maxTracked) {
        const first = failures.keys().next();
        if (!first.done) failures.delete(first.value);
      }
      failures.set(k, [...recent(k), clock().getTime()]);
    },
    reset(key) {
      failures.delete(norm(key));
    },
  };
}
