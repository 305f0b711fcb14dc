/**
 * pull_server – what a pulled record costs the server, the figure behind a morning wave's pulls
 * (issue 19: every record an enhet pushes is pulled by each of its ~20 handläggare, ~190,000
 * records in the wave of bench/load.ts, about half of the wave's CPU).
 *
 * Method, per database (PGlite in a data folder; PostgreSQL in a throwaway cluster when its
 * binaries are found): a förbund of 200 handläggare in enheter of 20 (bench/lib/load-seed.ts)
 * holding 10,000 ärenden, 1,000 per enhet; the server runs in a process of its own
 * (bench/lib/load-server.ts); 40 handläggare of two enheter each pull everything from cursor 0 in
 * pages of 500 (bench/lib/load-device.ts; Node's fetch asks for gzip, as browsers do), one after
 * the other on an otherwise idle server, three times. Printed: the CPU the server process and
 * PostgreSQL's processes used per pulled record, in µs (median of the three; budget null – these
 * explain bench:load's wave figures, they are not a user's wait). PULL_DATABASES=pglite,postgres.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from '../src/server/store/migrate';
import { openPglite, openPostgres, type Sql } from '../src/server/store/sql';
import { startCluster } from '../tests/helpers/postgres-cluster';
import { LoadDevice } from './lib/load-device';
import { createLoadTenants, growArenden } from './lib/load-seed';
import { startServerProcess, treeCpuMeter } from './lib/load-server';
import { postgresBinaries } from './lib/postgres';
import { emit, median, note, round, runFigure } from './lib/report';

const SCOPE = 'pull-server';
const PULLERS = 40;
const RUNS = 3;

async function measure(
  kind: string,
  dataDir: string,
  open: () => Promise<Sql>,
  url?: string,
  pgPid?: number,
) {
  const sql = await open();
  await migrate(sql);
  const tenants = await createLoadTenants(sql, 200, 20);
  await growArenden(sql, tenants, 10_000);
  await sql.close();
  const server = await startServerProcess({ dataDir, ...(url ? { databaseUrl: url } : {}) });
  try {
    const devices = tenants.users
      .slice(0, PULLERS)
      .map((u) => new LoadDevice(server.url, u, tenants.password));
    for (const d of devices) await d.login();
    const serverUs: number[] = [];
    const postgresUs: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const serverCpu = treeCpuMeter(server.pid, 100);
      const postgresCpu = pgPid === undefined ? undefined : treeCpuMeter(pgPid, 100);
      let records = 0;
      for (const d of devices) {
        d.cursor = '0';
        records += await d.pullAll();
      }
      serverUs.push((serverCpu.stop() * 1e6) / records);
      if (postgresCpu) postgresUs.push((postgresCpu.stop() * 1e6) / records);
      note(SCOPE, `${kind}: run ${run + 1} pulled ${records} records`);
    }
    emit({
      metric: `pull_server_${kind}_cpu_us_per_record`,
      value: round(median(serverUs)),
      unit: 'µs',
      budget: null,
    });
    if (postgresUs.length > 0)
      emit({
        metric: 'pull_postgres_cpu_us_per_record',
        value: round(median(postgresUs)),
        unit: 'µs',
        budget: null,
      });
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  for (const kind of (process.env.PULL_DATABASES ?? 'pglite,postgres').split(',')) {
    const dataDir = await mkdtemp(join(tmpdir(), 'faltsam-pull-'));
    try {
      if (kind === 'pglite') {
        await measure(kind, dataDir, () => openPglite(join(dataDir, 'pgdata')));
        continue;
      }
      const binDir = postgresBinaries(SCOPE);
      if (binDir === undefined) continue;
      const cluster = startCluster(binDir, ['shared_buffers = 128MB']);
      process.once('exit', () => cluster.stop());
      try {
        const url = cluster.url();
        await measure(kind, dataDir, () => openPostgres(url), url, cluster.pid());
      } finally {
        cluster.stop();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }
}

runFigure(SCOPE, main);
