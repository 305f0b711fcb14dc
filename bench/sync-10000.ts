/**
 * Figure 3 – push_10000_s (s, budget 3) and pull_10000_s (s, budget 2), the budgets of issue 15.
 *
 * Method: the real server (Hono + PGlite in a fresh temporary data folder) listens on 127.0.0.1
 * in a process of its own, as it runs in production (bench/lib/server-child.ts); devices are the
 * app's own Dexie database on fake-indexeddb in this Node process, talking to the server with
 * Node's fetch over HTTP, and syncing with the app's sync runner (src/sync/runner.ts, so the app's
 * push batches – up to 500 mutations and 256 k characters of JSON, ~370 of these ärenden – the
 * next batch sent while the answer to the one before is on its way, and pull page size 500).
 * SYNC_SERVER=inprocess runs the server in this process instead, as the integration tests do (one
 * CPU profile then shows device and server; device and server work cannot overlap there, so its
 * push figure is higher).
 *  1. Device A logs in as the demo handläggare (POST /api/sessions, session stored on the device)
 *     and gets 10,000 synthetic ärenden in its outbox, stored exactly as createArende stores them
 *     (see seedOutbox in lib/node-device.ts); not timed, only reported on stderr.
 *  2. push_10000_s: from calling syncNow() until the outbox is empty, i.e. until the engine
 *     starts its first pull request (the fetch wrapper records that moment). Checked: the round
 *     succeeds, 10,000 applied, 0 rejected, outbox empty.
 *     push_10000_round_s (budget null): the whole syncNow() round, which after pushing also pulls
 *     from cursor 0 – what the user waits for on "Synka nu".
 *  3. pull_10000_s: a new, empty device database logs in as the same user and
 *     times syncNow() until it returns. Checked: it holds all 10,000 ärenden afterwards; if not, the
 *     figure is not printed and the script fails (a pull that loses records has no valid time).
 * The CPU seconds printed on stderr are this process's: the device's (and the server's too with
 * SYNC_SERVER=inprocess).
 */
// First: Dexie looks for indexedDB when it loads, so fake-indexeddb must be installed before any
// module of src/db is imported (import sorting would otherwise put one ahead of node-device).
import 'fake-indexeddb/auto';
import { getMeta } from '../src/db/meta';
import { loginNodeDevice, seedOutbox } from './lib/node-device';
import { emit, note, round, runFigure } from './lib/report';
import { startBenchServer } from './lib/server';
import { startChildServer } from './lib/server-child';

const N = 10_000;
const SCOPE = 'sync-10000';

/** CPU seconds this process used since `since`: on a shared, loaded machine a steadier sign than wall time. */
const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(since);
  return round((d.user + d.system) / 1e6, 2);
};

async function main(): Promise<void> {
  const inProcess = process.env.SYNC_SERVER === 'inprocess';
  note(SCOPE, `server ${inProcess ? 'in this process' : 'in a process of its own'}`);
  const server = inProcess
    ? await startBenchServer()
    : await startChildServer().then((s) => ({ url: s.url, demoLogin: s.credentials, dispose: s.dispose }));
  try {
    const { username, password } = server.demoLogin;
    let firstPullAt = Number.NaN;
    let pushRequests = 0;
    const watch: typeof fetch = (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      if (url.includes('/api/sync/push')) pushRequests += 1;
      if (url.includes('/api/sync/pull') && Number.isNaN(firstPullAt)) firstPullAt = performance.now();
      return fetch(input, init);
    };

    const a = await loginNodeDevice(server.url, username, password, watch);
    let t = performance.now();
    await seedOutbox(a, N);
    note(
      SCOPE,
      `seeded ${N} ärenden into device A's outbox in ${round((performance.now() - t) / 1000, 2)} s (not a figure)`,
    );
    if ((await a.db.outbox.count()) !== N) throw new Error('seeding did not fill the outbox');

    t = performance.now();
    let cpu = process.cpuUsage();
    const pushed = await a.syncNow();
    const roundMs = performance.now() - t;
    const pushMs = firstPullAt - t;
    if (!pushed?.ok) throw new Error(`push round failed: ${JSON.stringify(pushed)}`);
    if (pushed.pushed !== N || pushed.rejected !== 0) throw new Error(`push: ${JSON.stringify(pushed)}`);
    const left = await a.db.outbox.count();
    if (left !== 0) throw new Error(`outbox still holds ${left} entries after the push`);
    note(
      SCOPE,
      `push: ${pushRequests} requests; the round then pulled ${pushed.pulled} records back; round CPU ${cpuSeconds(cpu)} s (this process)`,
    );
    emit({ metric: 'push_10000_s', value: round(pushMs / 1000, 2), unit: 's', budget: 3 });
    emit({ metric: 'push_10000_round_s', value: round(roundMs / 1000, 2), unit: 's', budget: null });

    const b = await loginNodeDevice(server.url, username, password);
    t = performance.now();
    cpu = process.cpuUsage();
    const pulled = await b.syncNow();
    const pullMs = performance.now() - t;
    note(SCOPE, `pull CPU ${cpuSeconds(cpu)} s (this process)`);
    if (!pulled?.ok) throw new Error(`pull round failed: ${JSON.stringify(pulled)}`);
    const have = await b.db.records.where('entity').equals('arende').count();
    note(
      SCOPE,
      `fresh device: ${pulled.pulled} changes pulled in ${round(pullMs / 1000, 2)} s, ${have} ärenden stored, cursor ${await getMeta(b.db, 'cursor')}`,
    );
    if (have !== N) {
      throw new Error(
        `the fresh device holds ${have} of ${N} ärenden after a successful pull round (${pulled.pulled} changes received): ` +
          'the pull skipped records, so no pull time is reported',
      );
    }
    emit({ metric: 'pull_10000_s', value: round(pullMs / 1000, 2), unit: 's', budget: 2 });
  } finally {
    await server.dispose();
  }
}

runFigure(SCOPE, main);
