/**
 * Sync over real sockets through a fault proxy, with the app's own triggers running on real timers:
 * a connection held open, an unlock, a write during a round, and a server back after a long outage.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lockStore, unlockStore } from '../../../src/db/store-key';
import { getSyncStatus } from '../../../src/db/sync-status';
import { type FaultProxy, startFaultProxy } from '../../helpers/fault-proxy';
import { type FieldDevice, loginDevice } from '../../helpers/field-device';
import { type Listening, listen } from '../../helpers/http-server';
import { createTestServer, type TestServer } from '../../helpers/server';
import { nodeTriggerEnv } from '../../helpers/trigger-env';
import { sleep, waitFor } from '../../helpers/wait';

let server: TestServer;
let http: Listening;
let proxy: FaultProxy;
let creds: { username: string; password: string };
let stops: (() => void)[] = [];

beforeEach(async () => {
  server = await createTestServer();
  http = await listen(server);
  proxy = await startFaultProxy(http);
  const h = await server.createHandlaggare({ enheter: ['NOR'] });
  creds = { username: h.username, password: h.password };
}, 60_000);
afterEach(async () => {
  for (const stop of stops) stop();
  stops = [];
  await proxy.close();
  await http.close();
  await server.close();
});

// Short, so the tests are quick; long enough for a loaded machine to answer a healthy request.
const DEADLINES = { request: 2_000, probe: 1_000 };

function device(): Promise<FieldDevice> {
  return loginDevice(fetch, creds.username, creds.password, { baseUrl: proxy.url, deadlines: DEADLINES });
}

async function onServer(): Promise<string[]> {
  const r = await server.sql.query<{ code: string }>(
    `select data->>'code' as code from record where entity = 'arende' order by 1`,
  );
  return r.rows.map((row) => row.code);
}

describe('sync through a faulty network', () => {
  it('ends a round whose request is held open without an answer at its deadline, says why, and recovers', async () => {
    const dev = await device();
    const a = await dev.create();
    proxy.mode = 'hold';
    const started = performance.now();
    const outcome = await dev.faltsam.syncNow();
    const took = performance.now() - started;
    expect(outcome).toMatchObject({ ok: false, kind: 'timeout', retry: true });
    // Ended by its own deadline: not at once, and not hanging on.
    expect(took).toBeGreaterThanOrEqual(DEADLINES.request - 50);
    expect(took).toBeLessThan(DEADLINES.request * 5);
    const status = await getSyncStatus(dev.db);
    expect(status.lastError).toMatchObject({ kind: 'timeout' });
    expect(status.lastError?.message).toMatch(/^Servern svarade inte inom 2 sekunder\. .*försöker igen/);
    expect(status.pending).toBe(1);

    // The triggers keep retrying; once the network answers, the round goes through by itself.
    const { env } = nodeTriggerEnv();
    stops.push(dev.faltsam.start(env, { backoff: () => 300, intervalMs: 600_000 }));
    await sleep(1_500); // at least one more held round
    expect(await onServer()).toEqual([]);
    proxy.mode = 'pass';
    await waitFor(async () => (await onServer()).length === 1, 'the ärende on the server');
    expect(await onServer()).toEqual([a.code]);
    await waitFor(async () => (await getSyncStatus(dev.db)).lastError === null, 'the status cleared');
  });

  it('syncs when the store is unlocked, not at the next tick', async () => {
    const dev = await device();
    proxy.mode = 'refuse';
    const a = await dev.create();
    lockStore(dev.db);
    proxy.mode = 'pass';
    const { env } = nodeTriggerEnv();
    stops.push(dev.faltsam.start(env, { intervalMs: 600_000 }));
    await sleep(500);
    expect(await onServer()).toEqual([]); // locked: nothing can be read or sent
    await unlockStore(dev.db, creds.password);
    await waitFor(
      async () => (await onServer()).length === 1,
      'the ärende on the server after unlock',
      5_000,
    );
    expect(await onServer()).toEqual([a.code]);
  });

  it('sends a write made during a round within seconds of that round’s end', async () => {
    const dev = await device();
    const { env, emit } = nodeTriggerEnv();
    const atLogin = (await getSyncStatus(dev.db)).lastSyncedAt;
    stops.push(dev.faltsam.start(env, { intervalMs: 600_000 }));
    await waitFor(async () => (await getSyncStatus(dev.db)).lastSyncedAt !== atLogin, 'the start-up round');
    const before = (await getSyncStatus(dev.db)).lastSyncedAt;

    // The next round's pull answers slowly; a save is made while it is under way, after its push.
    proxy.latencyMs = 600;
    let made: Promise<{ code: string }> | null = null;
    proxy.onRequest = (line) => {
      if (line.startsWith('GET /api/sync/pull') && !made) made = dev.create();
    };
    emit('online');
    await waitFor(async () => (await getSyncStatus(dev.db)).lastSyncedAt !== before, 'the round to end');
    const roundEnded = performance.now();
    expect(made).not.toBeNull();
    const a = await (made as unknown as Promise<{ code: string }>);
    expect(await onServer()).toEqual([]); // not sent by the round it was made in
    proxy.latencyMs = 0;
    await waitFor(async () => (await onServer()).length === 1, 'the write on the server', 8_000);
    expect(await onServer()).toEqual([a.code]);
    // The after-write delay (1.5 s), not the one-minute tick (here ten minutes).
    expect(performance.now() - roundEnded).toBeLessThan(8_000);
  });

  it('after a long outage, syncs within seconds of the next online event once the server answers', async () => {
    const dev = await device();
    proxy.mode = 'refuse';
    const { env, emit } = nodeTriggerEnv();
    // A long outage: the next retry waits ten minutes.
    stops.push(dev.faltsam.start(env, { backoff: () => 600_000, intervalMs: 600_000 }));
    const a = await dev.create();
    await waitFor(async () => (await getSyncStatus(dev.db)).lastError?.kind === 'network', 'a failed round');
    proxy.mode = 'pass';
    await sleep(300);
    expect(await onServer()).toEqual([]);
    emit('online');
    await waitFor(async () => (await onServer()).length === 1, 'synced after online', 5_000);
    expect(await onServer()).toEqual([a.code]);
  });

  it('after a long outage, focus or visibility probes the server and syncs once it answers', async () => {
    const dev = await device();
    proxy.mode = 'error-503';
    const { env, emit, becomeVisible } = nodeTriggerEnv();
    stops.push(dev.faltsam.start(env, { backoff: () => 600_000, intervalMs: 600_000 }));
    const a = await dev.create();
    await waitFor(async () => (await getSyncStatus(dev.db)).lastError?.kind === 'server', 'a failed round');
    // Still down: the focus probe finds no server, and nothing else is tried.
    proxy.mode = 'refuse';
    const seen = proxy.requests.length;
    emit('focus');
    await sleep(700);
    expect(proxy.requests.length).toBe(seen);
    expect(await onServer()).toEqual([]);
    proxy.mode = 'pass';
    becomeVisible();
    await waitFor(async () => (await onServer()).length === 1, 'synced after visibility', 5_000);
    expect(await onServer()).toEqual([a.code]);
    expect(proxy.requests.slice(seen)[0]).toBe('GET /api/health HTTP/1.1');
  });
});
