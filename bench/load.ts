/**
 * `npm run bench:load` – the morning office sync at scale (issue 19). Not part of `npm run bench`
 * or `npm test`: one run takes several minutes and both cores.
 *
 * Method, per database (PGlite in a data folder; PostgreSQL in a throwaway cluster with
 * production durability, fsync and synchronous commit on, when its binaries are found):
 *  1. A förbund with LOAD_DEVICES handläggare (default 200, 20 per enhet) and a second förbund
 *     with one handläggare are written into the database (bench/lib/load-seed.ts).
 *  2. The server runs as production runs it, in a process of its own (bench/lib/load-server.ts);
 *     each handläggare signs in from a simulated device (bench/lib/load-device.ts: HTTP only).
 *  3. At two sizes – "start" (no ärenden yet) and "100k" (the förbund grown to LOAD_SIZE ärenden,
 *     default 100,000, bulk-loaded while the server is stopped, with their stored answers and
 *     audit rows) – the devices catch up (one pull per enhet, its cursor shared with the enhet's
 *     colleagues), one device pushes 50 ärenden on the idle server (single_push_50), and then
 *     the wave: every device at once pushes LOAD_ARENDEN (default 50) new ärenden in one batch and
 *     pulls until nothing is left. The devices share the two cores with the server, so they do only
 *     the HTTP conversation: their outboxes are made before the clock starts, and of each page
 *     pulled they unzip every byte but parse only the cursor after the records
 *     (LoadDevice.pullAllCursors; a real device parses and stores them on its own processor).
 *     Meanwhile the other förbund's user asks GET /api/me every 200 ms and every fifth time (the
 *     first included) pushes one ärende and pulls (the unrelated requests), from a worker thread
 *     of its own (bench/lib/unrelated-worker.ts), not behind this thread's devices.
 *  4. On PostgreSQL the wave is repeated with two server processes on the same database, half of
 *     the devices on each (…_2proc): the scale-out figures.
 * Printed per database, size and process count: wave_push_p50/p95 (s, budget p95 5), round
 * (push + pull) p50/p95 (s), wave_throughput (ärenden/s), unrelated_me_p95 and
 * unrelated_push_p95 (ms, budget 500), server CPU during the wave (cores; PostgreSQL's own
 * processes apart), the server's resident memory after start, after the wave (idle) and at its peak (MB;
 * PGlite idle budget 400). A device that gets anything but 200 with every mutation applied fails
 * the run. Notes on stderr say the machine's load (uptime) before and after.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { migrate } from '../src/server/store/migrate';
import { openPglite, openPostgres, type Sql } from '../src/server/store/sql';
import { type Cluster, startCluster } from '../tests/helpers/postgres-cluster';
import { LoadDevice, type Outbox, resent } from './lib/load-device';
import { createLoadTenants, growArenden, type LoadTenants } from './lib/load-seed';
import { residentMb, type ServerProcess, startServerProcess, treeCpuMeter } from './lib/load-server';
import { postgresBinaries } from './lib/postgres';
import { emit, note, percentile, round, runFigure } from './lib/report';
import type { UnrelatedTimes } from './lib/unrelated-worker';

const SCOPE = 'load';
const env = process.env;
const DEVICES = Number(env.LOAD_DEVICES ?? 200);
const PER_DEVICE = Number(env.LOAD_ARENDEN ?? 50);
const SIZE = Number(env.LOAD_SIZE ?? 100_000);
const PER_ENHET = 20;
const DATABASES = (env.LOAD_DATABASES ?? 'pglite,postgres').split(',');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Database {
  kind: 'pglite' | 'postgres';
  dataDir: string;
  databaseUrl?: string;
  /** The postmaster, whose process tree is PostgreSQL's CPU. */
  postgresPid?: number;
  open(): Promise<Sql>;
  dispose(): Promise<void>;
}

async function pgliteDatabase(): Promise<Database> {
  const dataDir = await mkdtemp(join(tmpdir(), 'faltsam-load-'));
  return {
    kind: 'pglite',
    dataDir,
    open: () => openPglite(join(dataDir, 'pgdata')),
    dispose: () => rm(dataDir, { recursive: true, force: true }),
  };
}

async function postgresDatabase(cluster: Cluster): Promise<Database> {
  const dataDir = await mkdtemp(join(tmpdir(), 'faltsam-load-'));
  const admin = new pg.Client({ connectionString: cluster.url() });
  await admin.connect();
  await admin.query('create database faltsam_load');
  await admin.end();
  const databaseUrl = cluster.url('faltsam_load');
  return {
    kind: 'postgres',
    dataDir,
    databaseUrl,
    postgresPid: cluster.pid(),
    open: () => openPostgres(databaseUrl),
    dispose: () => rm(dataDir, { recursive: true, force: true }),
  };
}

interface Unrelated {
  me: number[];
  push: number[];
  /** Each push + pull apart: [push ms, pull ms] (a note says which of the two waits). */
  parts: [number, number][];
  /** Stops asking; throws what a request failed with, if one did. */
  stop(): Promise<void>;
}

/**
 * The other förbund's user, asking while the wave runs: in a worker thread (bench/lib/
 * unrelated-worker.ts), so that its requests do not wait behind this thread's 200 devices.
 * Resolves once it has signed in and caught up.
 */
async function unrelatedRequests(device: LoadDevice, password: string): Promise<Unrelated> {
  const worker = new Worker(new URL('./lib/ts-worker.mjs', import.meta.url), {
    workerData: {
      module: new URL('./lib/unrelated-worker.ts', import.meta.url).href,
      url: device.url,
      user: device.user,
      password,
    },
  });
  const messages: unknown[] = [];
  let wake: (() => void) | null = null;
  let failed: unknown = null;
  worker.on('message', (m: unknown) => {
    messages.push(m);
    wake?.();
  });
  worker.on('error', (err) => {
    failed = err;
    wake?.();
  });
  const next = async (): Promise<unknown> => {
    while (messages.length === 0 && !failed) await new Promise<void>((r) => (wake = r));
    if (failed) throw failed;
    return messages.shift();
  };
  await next(); // { ready }
  const result: Unrelated = {
    me: [],
    push: [],
    parts: [],
    async stop() {
      worker.postMessage('stop');
      const times = (await next()) as UnrelatedTimes;
      await worker.terminate();
      Object.assign(result, { me: times.me, push: times.push, parts: times.parts });
      if (times.failure) throw new Error(times.failure);
    },
  };
  return result;
}

async function catchUp(devices: LoadDevice[]): Promise<void> {
  const byEnhet = new Map<string, LoadDevice[]>();
  for (const d of devices) byEnhet.set(d.user.enhet.id, [...(byEnhet.get(d.user.enhet.id) ?? []), d]);
  await Promise.all(
    [...byEnhet.values()].map(async ([first, ...rest]) => {
      if (!first) return;
      await first.pullAll();
      for (const d of rest) d.cursor = first.cursor;
    }),
  );
}

async function wave(
  label: string,
  db: Database,
  servers: ServerProcess[],
  devices: LoadDevice[],
  other: LoadDevice,
  password: string,
): Promise<void> {
  devices.forEach((d, i) => {
    d.url = (servers[i % servers.length] as ServerProcess).url;
  });
  await catchUp(devices);
  const probe = devices[0] as LoadDevice;
  const t = performance.now();
  await probe.pushNew(PER_DEVICE);
  emit({
    metric: `${label}_single_push_${PER_DEVICE}`,
    value: round(performance.now() - t),
    unit: 'ms',
    budget: null,
  });
  await catchUp(devices);

  const unrelated = await unrelatedRequests(other, password);
  const nodeCpu = servers.map((s) => treeCpuMeter(s.pid));
  const pgCpu = db.postgresPid ? treeCpuMeter(db.postgresPid) : undefined;
  let peak = 0;
  const rss = setInterval(() => {
    try {
      peak = Math.max(peak, ...servers.map((s) => residentMb(s.pid)));
    } catch {
      // the server has exited; its exit is reported and the wave fails
    }
  }, 250);
  const pushes: number[] = [];
  const rounds: number[] = [];
  // Each device's outbox is made before the clock starts, as a real device's is before it syncs.
  const outboxes = devices.map((d) => d.outbox(PER_DEVICE));
  const devicesCpu = process.cpuUsage();
  const start = performance.now();
  await Promise.all(
    devices.map(async (d, i) => {
      const t0 = performance.now();
      await d.push(outboxes[i] as Outbox);
      pushes.push(performance.now() - t0);
      await d.pullAllCursors();
      rounds.push(performance.now() - t0);
    }),
  );
  const wall = (performance.now() - start) / 1000;
  const spent = process.cpuUsage(devicesCpu);
  clearInterval(rss);
  const cpu = nodeCpu.reduce((sum, m) => sum + m.stop(), 0);
  const pgSeconds = pgCpu?.stop();
  await unrelated.stop();
  await sleep(5000);
  const idle = Math.max(...servers.map((s) => residentMb(s.pid)));

  const s = (ms: number) => round(ms / 1000, 2);
  emit({ metric: `${label}_wave_push_p50`, value: s(percentile(pushes, 50)), unit: 's', budget: null });
  emit({ metric: `${label}_wave_push_p95`, value: s(percentile(pushes, 95)), unit: 's', budget: 5 });
  emit({ metric: `${label}_wave_round_p50`, value: s(percentile(rounds, 50)), unit: 's', budget: null });
  emit({ metric: `${label}_wave_round_p95`, value: s(percentile(rounds, 95)), unit: 's', budget: 5 });
  emit({
    metric: `${label}_wave_throughput`,
    value: round((devices.length * PER_DEVICE) / wall),
    unit: 'ärenden/s',
    budget: null,
  });
  emit({
    metric: `${label}_unrelated_me_p95`,
    value: round(percentile(unrelated.me, 95)),
    unit: 'ms',
    budget: 500,
  });
  emit({
    metric: `${label}_unrelated_push_p95`,
    value: round(percentile(unrelated.push, 95)),
    unit: 'ms',
    budget: 500,
  });
  emit({ metric: `${label}_server_cpu`, value: round(cpu / wall, 2), unit: 'cores', budget: null });
  if (pgSeconds !== undefined)
    emit({ metric: `${label}_postgres_cpu`, value: round(pgSeconds / wall, 2), unit: 'cores', budget: null });
  // CPU-seconds of the wave: on a shared machine a steadier sign of the server's cost than the
  // wall-clock figures, which a busy neighbour stretches.
  emit({ metric: `${label}_server_cpu_s`, value: round(cpu, 1), unit: 'CPU-s', budget: null });
  if (pgSeconds !== undefined)
    emit({ metric: `${label}_postgres_cpu_s`, value: round(pgSeconds, 1), unit: 'CPU-s', budget: null });
  emit({ metric: `${label}_server_rss_peak`, value: round(peak), unit: 'MB', budget: null });
  emit({
    metric: `${label}_server_rss_after_wave`,
    value: round(idle),
    unit: 'MB',
    budget: db.kind === 'pglite' ? 400 : null,
  });
  note(
    SCOPE,
    `${label}: the simulated devices (this process, sharing the machine with the server) used ${round((spent.user + spent.system) / 1e6, 1)} CPU-s`,
  );
  note(
    SCOPE,
    `${label}: ${devices.length} devices × ${PER_DEVICE} in ${round(wall, 1)} s; unrelated: ${unrelated.me.length} GET /api/me (max ${round(Math.max(...unrelated.me))} ms), ${unrelated.push.length} push+pull (max ${round(Math.max(0, ...unrelated.push))} ms): ${unrelated.parts.map(([a, b]) => `${round(a)}+${round(b)}`).join(', ')} ms`,
  );
}

/** Signs in the devices not signed in yet (their sessions outlive a server restart), 25 at a time. */
async function signIn(devices: LoadDevice[], url: string): Promise<void> {
  const pending = devices.filter((d) => d.token === '');
  for (let i = 0; i < pending.length; i += 25)
    await Promise.all(
      pending.slice(i, i + 25).map((d) => {
        d.url = url;
        return d.login();
      }),
    );
}

async function startServers(db: Database, n: number): Promise<ServerProcess[]> {
  const servers: ServerProcess[] = [];
  for (let i = 0; i < n; i++)
    servers.push(await startServerProcess({ dataDir: db.dataDir, databaseUrl: db.databaseUrl }));
  await sleep(3000);
  return servers;
}

async function runDatabase(db: Database): Promise<void> {
  let sql = await db.open();
  await migrate(sql);
  const tenants: LoadTenants = await createLoadTenants(sql, DEVICES, PER_ENHET);
  await sql.close();
  const devices = tenants.users.map((u) => new LoadDevice('', u, tenants.password));
  const other = new LoadDevice('', tenants.other, tenants.password);
  const processCounts = db.kind === 'postgres' ? [1, 2] : [1];

  for (const size of ['start', `${Math.round(SIZE / 1000)}k`]) {
    if (size !== 'start') {
      sql = await db.open();
      const t = performance.now();
      const added = await growArenden(sql, tenants, SIZE);
      await sql.close();
      note(SCOPE, `${db.kind}: seeded ${added} ärenden in ${round((performance.now() - t) / 1000, 1)} s`);
    }
    for (const n of processCounts) {
      const servers = await startServers(db, n);
      try {
        const label = `load_${db.kind}_${size}${n > 1 ? `_${n}proc` : ''}`;
        emit({
          metric: `${label}_server_rss_start`,
          value: round(residentMb((servers[0] as ServerProcess).pid)),
          unit: 'MB',
          budget: null,
        });
        other.url = (servers[0] as ServerProcess).url;
        await signIn(devices, other.url);
        await statements(db, 'reset');
        const waits = await sampleWaits(db, label);
        await wave(label, db, servers, devices, other, tenants.password);
        await waits.stop();
        await statements(db, label);
      } finally {
        for (const s of servers) await s.stop();
      }
    }
  }
}

/**
 * LOAD_PG_STATEMENTS=1: PostgreSQL's own account of the wave (pg_stat_statements), the statements
 * that took most of its time, on stderr – where the database's CPU went.
 */
async function statements(db: Database, label: string): Promise<void> {
  if (!env.LOAD_PG_STATEMENTS || !db.databaseUrl) return;
  const client = new pg.Client({ connectionString: db.databaseUrl });
  await client.connect();
  try {
    await client.query('create extension if not exists pg_stat_statements');
    if (label === 'reset') {
      await client.query('select pg_stat_statements_reset()');
      return;
    }
    const { rows } = await client.query<{ calls: string; ms: number; rows: string; query: string }>(
      `select calls::text, round(total_exec_time)::float8 as ms, rows::text,
              regexp_replace(left(query, 160), '\\s+', ' ', 'g') as query
         from pg_stat_statements order by total_exec_time desc limit 12`,
    );
    for (const r of rows)
      note(SCOPE, `${label} pg: ${r.ms} ms, ${r.calls} calls, ${r.rows} rows: ${r.query}`);
  } finally {
    await client.end();
  }
}

/**
 * LOAD_PG_WAITS=1: what the server's PostgreSQL backends were doing during the wave – every 50 ms
 * each active one's wait (none: on the CPU or waiting for it) and statement, counted, on stderr.
 */
async function sampleWaits(db: Database, label: string): Promise<{ stop(): Promise<void> }> {
  if (!env.LOAD_PG_WAITS || !db.databaseUrl) return { stop: async () => undefined };
  const client = new pg.Client({ connectionString: db.databaseUrl });
  await client.connect();
  const counts = new Map<string, number>();
  let samples = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const { rows } = await client.query<{ wait: string; query: string }>(
        `select coalesce(wait_event_type || ':' || wait_event, 'cpu') as wait,
                regexp_replace(left(query, 40), '\\s+', ' ', 'g') as query
           from pg_stat_activity where application_name = 'faltsam' and state = 'active'`,
      );
      samples += 1;
      for (const { wait, query } of rows) {
        const key = `${wait} | ${query}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      await sleep(50);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      await client.end();
      for (const [k, n] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, 15))
        note(SCOPE, `${label} waits: ${round(n / samples, 2)} backends on average: ${k}`);
    },
  };
}

function uptime(): string {
  return execFileSync('uptime', { encoding: 'utf8' }).trim();
}

async function main(): Promise<void> {
  note(SCOPE, `machine before: ${uptime()}`);
  for (const kind of DATABASES) {
    if (kind === 'pglite') {
      const db = await pgliteDatabase();
      try {
        await runDatabase(db);
      } finally {
        await db.dispose();
      }
    } else if (kind === 'postgres') {
      const binDir = postgresBinaries(SCOPE);
      if (binDir === undefined) continue;
      const cluster = startCluster(binDir, [
        'fsync = on',
        'synchronous_commit = on',
        'full_page_writes = on',
        'shared_buffers = 128MB',
        ...(env.LOAD_PG_STATEMENTS ? ["shared_preload_libraries = 'pg_stat_statements'"] : []),
      ]);
      // Also when the run dies halfway: no cluster is left running on a shared machine.
      process.once('exit', () => cluster.stop());
      try {
        const db = await postgresDatabase(cluster);
        try {
          await runDatabase(db);
        } finally {
          await db.dispose();
        }
      } finally {
        cluster.stop();
      }
    }
  }
  note(SCOPE, `requests sent again after their connection closed: ${resent.count}`);
  note(SCOPE, `machine after: ${uptime()}`);
}

runFigure(SCOPE, main);
