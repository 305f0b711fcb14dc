/**
 * push_server_10000 – the server's share of push_10000_s (issue 15), without the device: the real
 * server (Hono + PGlite in a fresh data folder) listens on
 * 127.0.0.1 and a simulated device (bench/lib/load-device.ts: HTTP only, no IndexedDB) pushes
 * 10,000 new ärenden in batches of 370 (as many as the app's push batch bound lets in, see
 * PUSH_BATCH_CHARS in src/domain/sync-protocol.ts), one batch after another.
 *
 * Printed: push_server_10000_s (wall, s) and push_server_10000_cpu_s (CPU seconds of this
 * process, nearly all of it the server's).
 * Neither has a budget of its own: push_10000_s (bench/sync-10000.ts) is the figure with one; this
 * one tells what of it the server costs, and is steadier on a shared machine. A CPU profile of
 * the server alone: node --cpu-prof --cpu-prof-dir=DIR --import tsx bench/push-server.ts
 * PUSH_N (default 10,000) and PUSH_BATCH (default 370) change the sizes.
 */

import type { SessionUser } from '../src/domain/account';
import { LoadDevice } from './lib/load-device';
import { emit, note, round, runFigure } from './lib/report';
import { startBenchServer } from './lib/server';

const SCOPE = 'push-server';
const N = Number(process.env.PUSH_N ?? 10_000);
const BATCH = Number(process.env.PUSH_BATCH ?? 370);

async function main(): Promise<void> {
  const server = await startBenchServer();
  try {
    const { username, password } = server.demoLogin;
    const res = await fetch(`${server.url}/api/sessions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    const { user } = (await res.json()) as { user: SessionUser };
    const enhet = user.enheter[0];
    if (!enhet) throw new Error('the demo handläggare has no enhet');
    const device = new LoadDevice(server.url, { username, id: user.id, enhet }, password);
    await device.login();
    const t = performance.now();
    const cpu = process.cpuUsage();
    for (let done = 0; done < N; done += BATCH) await device.pushNew(Math.min(BATCH, N - done));
    const ms = performance.now() - t;
    const used = process.cpuUsage(cpu);
    note(SCOPE, `${N} ärenden in batches of ${BATCH}`);
    emit({ metric: 'push_server_10000_s', value: round(ms / 1000, 2), unit: 's', budget: null });
    emit({
      metric: 'push_server_10000_cpu_s',
      value: round((used.user + used.system) / 1e6, 2),
      unit: 's',
      budget: null,
    });
  } finally {
    await server.dispose();
  }
}

runFigure(SCOPE, main);
