/**
 * The planner's statistics, kept fresh on both databases. Without them PostgreSQL guesses: the
 * push's pseudonym-code check (`data ->> 'code' = any(…)`) was estimated at a quarter of the
 * table and read all of it. PostgreSQL's autovacuum analyses a table once a tenth of it has
 * changed; PGlite runs no autovacuum at all, so the server does the same itself: after migrations
 * (migrate.ts) and then every minute it analyses each table changed by more than 50 rows + 10 %
 * since its last analysis (autovacuum's own rule). On PGlite it also vacuums a table once a fifth
 * of its rows are dead (updated or deleted), which nothing else would ever do there.
 *
 * With two server processes on one PostgreSQL only one analyses at a time (a try-lock; the other
 * skips its turn). On PostgreSQL the analysis never waits for a lock: a table autovacuum is working
 * on (its lock conflicts with ANALYZE's) is skipped until the next turn (SKIP_LOCKED), so the
 * schedule never holds a connection waiting while pushes run.
 */
import type { Sql } from './sql';

// Any constant, distinct from migrate.ts's lock.
const STATISTICS_LOCK = 7_051_772;
const TABLE_NAME = /^[a-z_][a-z0-9_]*$/;

interface TableActivity {
  relname: string;
  analyze: boolean;
  vacuum: boolean;
}

/** The tables due for ANALYZE (and, on PGlite, VACUUM) by autovacuum's default thresholds. */
async function dueTables(sql: Sql): Promise<TableActivity[]> {
  const { rows } = await sql.query<TableActivity>(
    `select relname,
            n_mod_since_analyze > 50 + 0.1 * n_live_tup as analyze,
            n_dead_tup > 50 + 0.2 * n_live_tup as vacuum
       from pg_stat_user_tables
      where schemaname = 'public'
        and (n_mod_since_analyze > 50 + 0.1 * n_live_tup or n_dead_tup > 50 + 0.2 * n_live_tup)`,
  );
  return rows.filter((r) => TABLE_NAME.test(r.relname));
}

/**
 * Analyses (and on PGlite vacuums) the tables that need it; returns the names of those it found due
 * (on PostgreSQL one that another session holds locked is skipped, not waited for).
 */
export async function refreshStatistics(sql: Sql): Promise<string[]> {
  if (sql.kind === 'pglite') {
    const due = await dueTables(sql);
    for (const t of due) await sql.exec(`${t.vacuum ? 'vacuum (analyze)' : 'analyze'} ${t.relname}`);
    return due.map((t) => t.relname);
  }
  // PostgreSQL vacuums by itself; a transaction holds the try-lock while this one analyses.
  return sql.transaction(async (tx) => {
    const { rows } = await tx.query<{ ok: boolean }>('select pg_try_advisory_xact_lock($1) as ok', [
      STATISTICS_LOCK,
    ]);
    if (!rows[0]?.ok) return [];
    const due = (await dueTables(tx)).filter((t) => t.analyze);
    for (const t of due) await tx.exec(`analyze (skip_locked) ${t.relname}`);
    return due.map((t) => t.relname);
  });
}

export interface StatisticsKeeper {
  /** Stops the schedule and waits for a refresh under way. */
  stop(): Promise<void>;
}

/**
 * Runs refreshStatistics every `everyMs` (first after `firstMs`) until stopped. A failure is
 * logged and tried again next time: stale statistics make queries slower, never wrong.
 */
export function keepStatistics(sql: Sql, { everyMs = 60_000, firstMs = 5_000 } = {}): StatisticsKeeper {
  let running: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const tick = () => {
    running = refreshStatistics(sql)
      .catch((err: unknown) => console.error('[faltsam] refreshing planner statistics failed', err))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, everyMs).unref();
      });
  };
  timer = setTimeout(tick, firstMs).unref();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
