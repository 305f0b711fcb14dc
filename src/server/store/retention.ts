/**
 * Storage limitation (GDPR art. 5(1)(e)) for what the server keeps about people's use of it:
 *
 * - A session row is needed while the session can be used, and for a while after it ended so a
 *   device that comes back is told why ("utloggad av en administratör", "utgången" …) instead of a
 *   bare "okänd session". After `sessionGraceDays` that reason helps nobody, and the row (with its
 *   device's push credential, by cascade) is deleted; the device is then simply asked to sign in.
 * - Audit rows hold no content, but they say who worked on which ärende when. They are kept for
 *   `auditDays` (AUDIT_RETENTION_DAYS; the source documents are silent on log retention, so a
 *   förbund sets it from its dokumenthanteringsplan) and then deleted.
 *
 * Deletion runs in bounded chunks so that a first run over years of rows never holds a long
 * transaction (pulls wait for the oldest running transaction; see services/pull.ts).
 */
import type { Sql } from './sql';

export interface RetentionPolicy {
  /** Days an ended session is kept after it ended (revoked, or past its expiry). */
  sessionGraceDays: number;
  /** Days an audit row is kept. */
  auditDays: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = { sessionGraceDays: 30, auditDays: 3 * 365 };

const CHUNK = 5_000;
const DAY_MS = 86_400_000;

export interface Pruned {
  sessions: number;
  auditEvents: number;
}

async function deleteInChunks(sql: Sql, statement: string, before: Date): Promise<number> {
  let total = 0;
  for (;;) {
    const { rows } = await sql.query<{ n: number }>(statement, [before.toISOString(), CHUNK]);
    const n = Number(rows[0]?.n ?? 0);
    total += n;
    if (n < CHUNK) return total;
  }
}

/** Deletes ended sessions and audit rows older than the policy allows; returns how many. */
export async function pruneExpired(sql: Sql, now: Date, policy: RetentionPolicy): Promise<Pruned> {
  const sessions = await deleteInChunks(
    sql,
    `with gone as (
       delete from session where token_hash in (
         select token_hash from session
          where coalesce(revoked_at, expires_at) < $1::timestamptz
          limit $2)
       returning 1)
     select count(*)::int as n from gone`,
    new Date(now.getTime() - policy.sessionGraceDays * DAY_MS),
  );
  const auditEvents = await deleteInChunks(
    sql,
    `with gone as (
       delete from audit_event where id in (
         select id from audit_event where at < $1::timestamptz order by at limit $2)
       returning 1)
     select count(*)::int as n from gone`,
    new Date(now.getTime() - policy.auditDays * DAY_MS),
  );
  return { sessions, auditEvents };
}

/** The policy from the environment (AUDIT_RETENTION_DAYS, SESSION_RETENTION_DAYS), else the default. */
export function retentionFromEnv(env: Record<string, string | undefined>): RetentionPolicy {
  const days = (name: string, fallback: number, min: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = /^[0-9]{1,5}$/.test(raw) ? Number(raw) : Number.NaN;
    if (!(n >= min && n <= 36_500))
      throw new Error(`${name} måste vara ett heltal antal dagar mellan ${min} och 36500 (var "${raw}").`);
    return n;
  };
  return {
    sessionGraceDays: days('SESSION_RETENTION_DAYS', DEFAULT_RETENTION.sessionGraceDays, 1),
    auditDays: days('AUDIT_RETENTION_DAYS', DEFAULT_RETENTION.auditDays, 30),
  };
}

/**
 * Prunes once shortly after start and then every `everyMs` (default six hours) until stopped. A
 * failure is logged and tried again next time. Returns a stop function that waits for a run.
 */
export function startRetentionSchedule(
  sql: Sql,
  clock: () => Date,
  policy: RetentionPolicy,
  onError: (error: unknown) => void,
  { everyMs = 6 * 3_600_000, firstMs = 30_000 } = {},
): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    running = pruneExpired(sql, clock(), policy)
      .catch(onError)
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, everyMs).unref();
      });
  };
  timer = setTimeout(tick, firstMs).unref();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}
