/**
 * Slows down password guessing: after `maxFailures` failed sign-ins for one username within
 * `windowMs`, further attempts for it are refused until the window has passed. In memory, per app
 * instance; a restart forgets it, which is acceptable for a limit measured in minutes.
 */
export interface LoginLimiter {
  /** Milliseconds to wait before the next attempt, or 0 when an attempt is allowed now. */
  retryAfterMs(username: string): number;
  recordFailure(username: string): void;
  recordSuccess(username: string): void;
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
  const key = (username: string) => username.trim().toLowerCase();
  const recent = (k: string) => {
    const since = clock().getTime() - windowMs;
    const times = (failures.get(k) ?? []).filter((t) => t > since);
    if (times.length === 0) failures.delete(k);
    else failures.set(k, times);
    return times;
  };
  return {
    retryAfterMs(username) {
      const times = recent(key(username));
      if (times.length < maxFailures) return 0;
      const oldest = times[times.length - maxFailures] ?? 0;
      return Math.max(1, oldest + windowMs - clock().getTime());
    },
    recordFailure(username) {
      const k = key(username);
      // Bounded memory: when full, forget the oldest-inserted username.
      if (!failures.has(k) && failures.size >= maxTracked) {
        const first = failures.keys().next();
        if (!first.done) failures.delete(first.value);
      }
      failures.set(k, [...recent(k), clock().getTime()]);
    },
    recordSuccess(username) {
      failures.delete(key(username));
    },
  };
}
