/**
 * Gallring on a schedule: every förbund that has chosen a period is run every few hours (and once
 * shortly after start), so a closed ärende leaves within hours of its gallringsdatum, or of the
 * last device's sync. Several server processes may each run it; the förbund's write lock orders
 * them and the later one finds nothing left to remove.
 */
import { runGallring } from './services/gallring';
import { forbundWithGallring } from './store/gallring';
import type { Sql } from './store/sql';

export const GALLRING_INTERVAL_MS = 6 * 3600_000;
const FIRST_RUN_DELAY_MS = 60_000;

/** One scheduled round over every förbund with a gallring period; what each removed and held. */
export async function runScheduledGallring(
  sql: Sql,
  now: Date,
): Promise<{ forbundId: string; removed: number; held: number }[]> {
  const out: { forbundId: string; removed: number; held: number }[] = [];
  for (const forbundId of await forbundWithGallring(sql)) {
    const run = await runGallring(sql, { forbundId, now, dryRun: false, userId: null });
    out.push({ forbundId, removed: run.removed.length, held: run.held.length });
  }
  return out;
}

export interface GallringSchedule {
  /** Stops the timer; a round under way finishes first. */
  stop(): Promise<void>;
}

export function startGallringSchedule({
  sql,
  clock = () => new Date(),
  intervalMs = GALLRING_INTERVAL_MS,
  firstDelayMs = FIRST_RUN_DELAY_MS,
  onError = (err: unknown) => console.error('Gallringen misslyckades:', err),
}: {
  sql: Sql;
  clock?: () => Date;
  intervalMs?: number;
  firstDelayMs?: number;
  onError?: (err: unknown) => void;
}): GallringSchedule {
  let stopped = false;
  let running: Promise<void> | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = (ms: number) => {
    timer = setTimeout(() => {
      running = runScheduledGallring(sql, clock())
        .then(() => undefined, onError)
        .finally(() => {
          running = null;
          if (!stopped) schedule(intervalMs);
        });
    }, ms);
    // The schedule never keeps the process alive on its own.
    timer.unref?.();
  };
  schedule(firstDelayMs);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
