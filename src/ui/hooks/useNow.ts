/** The current time, refreshed on an interval so relative times ("för 5 minuter sedan") stay true. */
import { useEffect, useState } from 'preact/hooks';

export function useNow(intervalMs = 30_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
