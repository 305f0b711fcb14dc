/**
 * The one database seam of the server: PGlite (embedded, a data folder or memory) or a real
 * PostgreSQL server behind the same small interface and the same SQL dialect. Values cross it as
 * the drivers give them, so queries cast what they read where the drivers differ (bigint).
 */
import { createHash } from 'node:crypto';
import { PGlite, parse as pgliteResults, protocol, type Transaction } from '@electric-sql/pglite';
import pg from 'pg';
import { openPgliteFiles } from './pglite-files';

/**
 * Kinds of work that get connections of their own on PostgreSQL, so that a wave of pushes never
 * holds the connections that sign-ins and reads need: `auth` (sign-in and the session check of
 * every request), `push`, `read` (pull, /me). Everything else uses the general pool.
 */
export type Lane = 'auth' | 'push' | 'read';

/**
 * Connections per lane and process on PostgreSQL (15 in all; two processes take 30 of 100). Four
 * pushes at a time, not eight: a wave is CPU-bound, and eight at once made each push, and the
 * push of another förbund waiting for a slot, twice as slow for no more throughput (bench:load on
 * 2 cores: another förbund's push + pull p95 4.5–5.8 s with 8, 0.4–0.8 s with 4; wave p95 the same
 * or better).
 */
export const POSTGRES_POOLS: Record<Lane | 'general', number> = { general: 4, auth: 3, push: 4, read: 4 };

export interface QueryOptions {
  /**
   * On PostgreSQL: prepared once per connection, under a name made from the text, and from then on
   * only bound and run. For statements every request or pull page runs whose good plan is the
   * same whatever the values: a lookup by a unique key, an insert of given rows, a pull page (an
   * ordered index scan per enhet). Planning cost more than running them: the session check
   * planned in 0.25 ms and ran in 0.1; a pull page planned in 2.2 ms and ran in 0.05 when little
   * was new (pg_stat_statements), and a morning wave asks for ~1,000 pages. PostgreSQL plans a
   * prepared statement with its values five times, then keeps one generic plan if that is not
   * dearer by its estimate; a pull page's generic plan never looked cheap enough to it, so the
   * read lane's connections (pulls, /me) take it at once (READ_LANE_SETTINGS). A generic plan is
   * made at a connection's first run and kept until the table's next ANALYZE: on a new server
   * that is while the record table is empty, and such a plan read the whole table by a sequential
   * scan for every page while the first wave filled it (137 ms a page at 20,000 ärenden against
   * 13 ms). So the read lane also plans without sequential scans (every read on it is by key or
   * by index), and the page names the index order for its förbund-wide records (store/records.ts).
   * The other lanes keep PostgreSQL's default: forced there, a push's end took the generic plan
   * of the empty applied_mutation table (now applied_batch), a sequential scan, and kept it
   * while the first wave filled the table (that wave's PostgreSQL CPU 4.3–4.6 → 5.9–6.6 CPU-s in
   * bench:load).
   * A query whose best plan depends on its values (the pseudonym codes of a push) stays
   * unprepared. query-plans.test.ts checks every prepared statement's generic plan: none reads
   * record, applied_batch or survey_response by a sequential scan. On PGlite, whose one
   * connection is the server's, a prepared statement is kept for good and always runs with the
   * read lane's settings (pglitePrepared below).
   */
  prepared?: boolean;
}

export interface Sql {
  readonly kind: 'pglite' | 'postgres';
  /** One statement with $1… parameters. */
  query<T = Record<string, unknown>>(
    text: string,
    params?: unknown[],
    options?: QueryOptions,
  ): Promise<{ rows: T[] }>;
  /** Several statements without parameters (migrations). */
  exec(text: string): Promise<void>;
  /**
   * Runs `fn` in one transaction: committed when it resolves, rolled back when it throws.
   * Called on a transaction it joins the outer one (no savepoint): work is all or nothing.
   */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  /**
   * The same database through the connections of one lane. PGlite has a single connection and
   * answers with itself, as does a transaction (its work stays on its connection).
   */
  lane(lane: Lane): Sql;
  close(): Promise<void>;
}

/** True when a database error is a unique-constraint violation (SQLSTATE 23505). */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23505';
}

/** The embedded database, which can also dump its data folder (an online backup). */
export interface PgliteSql extends Sql {
  /**
   * A gzipped tar of the data folder, taken inside a transaction after a CHECKPOINT: PGlite runs
   * one transaction at a time and queues every other query behind it, so the copy holds every
   * committed transaction and nothing of one under way.
   */
  dump(): Promise<Blob>;
}

/**
 * Embedded Postgres. `dataDir` undefined = in memory (tests); otherwise a folder it owns, created
 * and sized as pglite-files.ts explains.
 */
export async function openPglite(dataDir?: string): Promise<PgliteSql> {
  return pgliteSql(dataDir === undefined ? await PGlite.create() : await openPgliteFiles(dataDir));
}

/** Wraps an open PGlite (e.g. one loaded from a dump in tests); close() closes it. */
/**
 * PGlite answers without real I/O: its promises resolve as microtasks, so a run of queries never
 * let Node read a socket or fire a timer (during a wave of pushes a sign-in was not even read
 * until the wave was over). Each statement and transaction outside a transaction therefore first
 * waits for the event loop to come round; inside a transaction nothing waits.
 */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export function pgliteSql(db: PGlite): PgliteSql {
  const prepared = pglitePrepared(db);
  const self: PgliteSql = {
    kind: 'pglite',
    dump: async () => {
      await nextTurn();
      return db.transaction(async (tx) => {
        await tx.exec('CHECKPOINT');
        return db.dumpDataDir('gzip');
      });
    },
    query: async <T>(text: string, params?: unknown[], options?: QueryOptions) => {
      await nextTurn();
      if (options?.prepared) {
        const run = prepared<T>(text, params, false);
        if (run) return run;
      }
      return { rows: (await db.query<T>(text, params)).rows };
    },
    exec: async (text) => {
      await nextTurn();
      await db.exec(text);
    },
    // PGlite has a single connection and queues every call behind an open transaction, so
    // transactions never interleave; using `db` (not `tx`) inside one would deadlock.
    transaction: async (fn) => {
      await nextTurn();
      return db.transaction((tx) => fn(pgliteTx(tx, prepared)));
    },
    lane: () => self,
    close: () => db.close(),
  };
  return self;
}

/** A prepared statement's run on PGlite, or null when it is to run as any other. */
type PgliteRun = <T>(
  text: string,
  params: unknown[] | undefined,
  inTransaction: boolean,
) => Promise<{ rows: T[] }> | null;

/** The type oid of jsonb. */
const JSONB = 3802;

/**
 * A jsonb parameter in PostgreSQL's binary format: a version byte (1), then the JSON text. A push
 * sends its records as one JSON parameter of ~200 kB (services/batch.ts); as text, PGlite's
 * protocol writer measured its UTF-8 length a character at a time in JavaScript (5 % of a push's
 * server time); Buffer writes it natively. The database parses the same text either way, with the
 * same errors.
 */
function jsonbBinary(text: string): Buffer {
  const out = Buffer.allocUnsafe(Buffer.byteLength(text) + 1);
  out[0] = 1;
  out.write(text, 1);
  return out;
}

/** How many statement texts PGlite keeps prepared at most (the server has about ten). */
const PGLITE_PREPARED_MAX = 100;

/**
 * QueryOptions.prepared on PGlite. PGlite's query() parses and plans every statement anew, and in
 * WebAssembly that cost more than running the statements of a push or a pull: the session check
 * of every request took ~450 µs a run against ~170 µs prepared (a loop over a 5,000-row table).
 * PGlite has no named statements in its API, but it speaks PostgreSQL's wire protocol: a
 * statement is parsed once under a name (Parse, Describe), and from then on each run is one Bind,
 * Execute and Sync, its rows read by PGlite's own parsers and its parameters written by its own
 * serializers, as query() does. The server is the connection's only user, so a statement stays
 * prepared while the database is open.
 *
 * Its generic plan is made at its first run and again after an ANALYZE of a table it reads
 * (store/statistics.ts, every minute) – on a new server while the tables are still empty. So,
 * as on PostgreSQL's read lane (READ_LANE_SETTINGS), each run takes the generic plan and plans it
 * without sequential scans: the settings are set just before and reset just after, in the same
 * message to the database. If the statement fails inside a transaction, the reset fails with it,
 * but the transaction's rollback undoes the settings; outside one the reset runs after the Sync.
 */
function pglitePrepared(db: PGlite): PgliteRun {
  const { serialize } = protocol;
  const names = Object.keys(READ_LANE_SETTINGS);
  const set = serialize.query(
    Object.entries(READ_LANE_SETTINGS)
      .map(([name, value]) => `set ${name} = ${value}`)
      .join('; '),
  );
  const reset = serialize.query(names.map((name) => `reset ${name}`).join('; '));
  const statements = new Map<string, { name: string; types: number[] }>();
  const join = (...parts: Uint8Array[]) => Buffer.concat(parts);
  const run = async <T>(text: string, params: unknown[], inTransaction: boolean) => {
    const options = { syncToFs: !inTransaction };
    let statement = statements.get(text);
    if (!statement) {
      const name = `faltsam_${statements.size + 1}`;
      const described = await db.execProtocol(
        join(serialize.parse({ name, text }), serialize.describe({ type: 'S', name }), serialize.sync()),
        options,
      );
      statement = { name, types: pgliteResults.parseDescribeStatementResults(described.messages) };
      statements.set(text, statement);
    }
    const { types } = statement;
    const values = params.map((v, i) => {
      if (v === null || v === undefined) return null;
      const write = db.serializers[types[i] ?? 0];
      const written = write ? write(v) : String(v);
      return types[i] === JSONB ? jsonbBinary(written) : written;
    });
    const result = await db.execProtocol(
      join(
        set,
        serialize.bind({ statement: statement.name, values }),
        serialize.describe({ type: 'P' }),
        serialize.execute({}),
        serialize.sync(),
        reset,
      ),
      options,
    );
    // One result per statement: the settings (one each), then the prepared statement's.
    const rows = pgliteResults.parseResults(result.messages, db.parsers)[names.length]?.rows;
    return { rows: (rows ?? []) as T[] };
  };
  return <T>(text: string, params: unknown[] | undefined, inTransaction: boolean) => {
    if (!statements.has(text) && statements.size >= PGLITE_PREPARED_MAX) return null;
    // PGlite's own query() holds its transaction lock (outside a transaction) and its query lock
    // for the statement; the wire protocol holds neither by itself.
    const exclusive = () => db.runExclusive(() => run<T>(text, params ?? [], inTransaction));
    return inTransaction ? exclusive() : db._runExclusiveTransaction(exclusive);
  };
}

function pgliteTx(tx: Transaction, prepared: PgliteRun): Sql {
  const self: Sql = {
    kind: 'pglite',
    query: async <T>(text: string, params?: unknown[], options?: QueryOptions) => {
      if (options?.prepared) {
        const run = prepared<T>(text, params, true);
        if (run) return run;
      }
      return { rows: (await tx.query<T>(text, params)).rows };
    },
    exec: async (text) => {
      await tx.exec(text);
    },
    transaction: (fn) => fn(self),
    lane: () => self,
    close: () => Promise.reject(new Error('close() called on a transaction')),
  };
  return self;
}

/**
 * PostgreSQL may end a connection at any time: a restart, a failover, an administrator's
 * pg_terminate_backend. The driver then emits 'error' on the idle connection's pool, or on a
 * connection that is checked out between two statements; with no listener Node ends the process.
 * Here the pool drops that connection and opens a new one on its next use; a request whose
 * statement was cut fails (500, the device sends again). The driver's message names no data.
 */
function keepUpWhenConnectionsEnd(pool: pg.Pool): void {
  pool.on('connect', (client) => {
    client.on('error', (err) => console.error('[faltsam] PostgreSQL ended a connection:', err.message));
  });
  // The same error, passed on by the pool for an idle connection: logged once, above.
  pool.on('error', () => undefined);
}

/**
 * How the read lane's connections plan (QueryOptions.prepared): a prepared statement's generic
 * plan at once, and never a sequential scan where an index serves.
 */
export const READ_LANE_SETTINGS = { plan_cache_mode: 'force_generic_plan', enable_seqscan: 'off' } as const;
const READ_LANE_OPTIONS = Object.entries(READ_LANE_SETTINGS)
  .map(([name, value]) => `-c ${name}=${value}`)
  .join(' ');

/** A PostgreSQL server (DATABASE_URL), through a connection pool per lane (POSTGRES_POOLS). */
export async function openPostgres(url: string, sizes = POSTGRES_POOLS): Promise<Sql> {
  const pools = Object.fromEntries(
    // The name lets `faltsam restore` see whether a server is still connected to the database.
    Object.entries(sizes).map(([lane, max]) => [
      lane,
      new pg.Pool({
        connectionString: url,
        max,
        application_name: 'faltsam',
        // The pull page's prepared statement keeps its generic plan from the first run (see
        // QueryOptions.prepared): on the read lane only.
        ...(lane === 'read' ? { options: READ_LANE_OPTIONS } : {}),
      }),
    ]),
  ) as Record<Lane | 'general', pg.Pool>;
  for (const pool of Object.values(pools)) keepUpWhenConnectionsEnd(pool);
  // Fail at start, with the driver's message, rather than on the first request.
  const probe = await pools.general.connect();
  probe.release();
  const lanes = Object.fromEntries(
    Object.entries(pools).map(([lane, pool]) => [lane, poolSql(pool, () => lanes)]),
  ) as Record<Lane | 'general', Sql>;
  return {
    ...lanes.general,
    close: async () => {
      await Promise.all(Object.values(pools).map((p) => p.end()));
    },
  };
}

// The name of each prepared statement's text, hashed once: the texts are the few constant
// statements marked prepared, and the session check runs for every request.
const statementNames = new Map<string, string>();
const statementName = (text: string) => {
  let name = statementNames.get(text);
  if (name === undefined) {
    name = `faltsam_${createHash('sha256').update(text).digest('hex').slice(0, 32)}`;
    statementNames.set(text, name);
  }
  return name;
};

/** The statement as the driver takes it: named (so prepared once per connection) when asked. */
const statement = (text: string, values: unknown[] | undefined, options?: QueryOptions) => ({
  text,
  values,
  ...(options?.prepared ? { name: statementName(text) } : {}),
});

function poolSql(pool: pg.Pool, lanes: () => Record<Lane | 'general', Sql>): Sql {
  return {
    kind: 'postgres',
    query: async <T>(text: string, params?: unknown[], options?: QueryOptions) => ({
      rows: (await pool.query(statement(text, params, options))).rows as T[],
    }),
    exec: async (text) => {
      await pool.query(text);
    },
    transaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await fn(postgresTx(client));
        await client.query('commit');
        return result;
      } catch (err) {
        await client.query('rollback').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    lane: (lane) => lanes()[lane],
    close: () => Promise.reject(new Error('close() is called on the database, not on a lane')),
  };
}

function postgresTx(client: pg.PoolClient): Sql {
  const self: Sql = {
    kind: 'postgres',
    query: async <T>(text: string, params?: unknown[], options?: QueryOptions) => ({
      rows: (await client.query(statement(text, params, options))).rows as T[],
    }),
    exec: async (text) => {
      await client.query(text);
    },
    transaction: (fn) => fn(self),
    lane: () => self,
    close: () => Promise.reject(new Error('close() called on a transaction')),
  };
  return self;
}
