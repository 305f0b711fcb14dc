/**
 * What the service worker tells the open pages about its own push of the sealed outbox. While the
 * worker holds the sync lock on a connection that never answers, a page's round waits for that
 * lock and its status says nothing; when the worker's request reaches its deadline it posts this
 * report, and the page shows the same cause its own round would have ("Servern svarade inte inom
 * 20 sekunder.") at once, instead of a deadline later when its own round has timed out too.
 * Plain checks and no imports: the worker's side runs in sw.js, which must stay small; the page's
 * side is worker-status.ts.
 */
export const WORKER_REPORT = 'faltsam-worker-sync';

export interface WorkerReport {
  type: typeof WORKER_REPORT;
  kind: 'timeout';
  /** The deadline that passed, in milliseconds. */
  ms: number;
  /** When it passed (ISO 8601). */
  at: string;
}

export function deadlineReport(ms: number, at: Date): WorkerReport {
  return { type: WORKER_REPORT, kind: 'timeout', ms, at: at.toISOString() };
}

/** The report in a message event's data, or null for anything else (never throws). */
export function parseWorkerReport(data: unknown): WorkerReport | null {
  if (typeof data !== 'object' || data === null) return null;
  const r = data as Record<string, unknown>;
  if (r.type !== WORKER_REPORT || r.kind !== 'timeout') return null;
  const { ms, at } = r;
  if (typeof ms !== 'number' || !Number.isInteger(ms) || ms < 1 || ms > 3_600_000) return null;
  if (typeof at !== 'string' || at.length > 40 || Number.isNaN(Date.parse(at))) return null;
  return { type: WORKER_REPORT, kind: 'timeout', ms, at: new Date(at).toISOString() };
}
