// The sealed outbox end to end in-process (issue 16): the page seals what it queues, the service
// worker's sender pushes the boxes while the store is locked (no data key), the server applies
// them once, and the page applies the receipts at the next unlock without sending anything twice.
// Real Dexie and raw IndexedDB on fake-indexeddb, the real server in-process.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createArende, listArenden } from '../../../src/db/arende-repo';
import { hasPushCredential } from '../../../src/db/sealed-outbox';
import { getSession } from '../../../src/db/session-repo';
import { lockStore, unlockStore } from '../../../src/db/store-key';
import { readReceipts, readSealed, swStoreName } from '../../../src/db/sw-store';
import { getSyncStatus } from '../../../src/db/sync-status';
import type { FetchLike } from '../../../src/sync/api';
import { createFaltsam } from '../../../src/sync/client';
import { sendSealedOutbox } from '../../../src/sync/sealed-sender';
import { deadlineReport } from '../../../src/sync/worker-report';
import { recordWorkerReport } from '../../../src/sync/worker-status';
import { bareDb, sampleFields, TEST_KDF } from '../../helpers/device';
import { loginDevice, switchableFetch } from '../../helpers/field-device';
import { lockManager } from '../../helpers/locks';
import { createTestServer, type TestAccount, type TestServer } from '../../helpers/server';
import { nodeTriggerEnv } from '../../helpers/trigger-env';
import { sleep, waitFor } from '../../helpers/wait';

let server: TestServer;
let anna: TestAccount;

beforeEach(async () => {
  server = await createTestServer();
  anna = await server.createHandlaggare({ enheter: ['NOR'] });
}, 60_000);
afterEach(() => server.close());

/** Counts the requests that reach each API path, and lets the test cut the network. */
function countingNet() {
  const calls: string[] = [];
  const net = switchableFetch(async (input, init) => {
    calls.push(new URL(String(input), 'http://x').pathname);
    return server.fetch(input, init);
  });
  return { ...net, calls };
}

async function recordsOnServer(ids: readonly string[]): Promise<number> {
  const { rows } = await server.sql.query<{ n: string }>(
    'select count(*)::text as n from record where id = any($1::uuid[])',
    [ids],
  );
  return Number(rows[0]?.n);
}

async function offlineLockedDevice(net: ReturnType<typeof countingNet>, notes: string[]) {
  const dev = await loginDevice(net.fetch, anna.username, anna.password);
  expect(await hasPushCredential(dev.db)).toBe(true);
  net.down();
  const ids: string[] = [];
  for (const anteckningar of notes) ids.push((await dev.create({ anteckningar })).id);
  lockStore(dev.db);
  return { dev, ids, store: swStoreName(dev.db.name) };
}

const worker = (store: string, fetch: FetchLike, locks?: Pick<LockManager, 'request'>) =>
  sendSealedOutbox({ store, fetch, locks });

describe('the sealed outbox', () => {
  it('is sent by the worker while locked; the page applies the receipts and sends nothing again', async () => {
    const net = countingNet();
    const notes = ['Uppföljning bokad i oktober.', 'Trepartssamtal med AF.', 'Praktikplats sökt.'];
    const { dev, ids, store } = await offlineLockedDevice(net, notes);
    // What the worker can read holds none of it: only boxes, sequences and ids.
    const visible = JSON.stringify(await readSealed(store, 100));
    for (const n of notes) expect(visible).not.toContain(n);
    expect((await readSealed(store, 100)).map((r) => r.seq)).toEqual([1, 2, 3]);

    net.up();
    expect(await worker(store, net.fetch)).toBe('done');
    expect(await recordsOnServer(ids)).toBe(3);
    expect(await readSealed(store, 100)).toEqual([]);
    expect((await readReceipts(store)).map((r) => [r.seq, r.status])).toEqual([
      [1, 'applied'],
      [2, 'applied'],
      [3, 'applied'],
    ]);
    expect(await worker(store, net.fetch)).toBe('nothing');

    net.calls.length = 0;
    await unlockStore(dev.db, anna.password);
    expect(await dev.faltsam.syncNow()).toMatchObject({ ok: true, pushed: 0 });
    expect(net.calls).not.toContain('/api/sync/push');
    expect((await listArenden(dev.db)).map((a) => a.sync.state)).toEqual(['synkad', 'synkad', 'synkad']);
    expect(await readReceipts(store)).toEqual([]);
    expect(await recordsOnServer(ids)).toBe(3);
  });

  it('survives a server fault and a lost reply without a duplicate', async () => {
    const net = countingNet();
    const { dev, ids, store } = await offlineLockedDevice(net, ['Första.', 'Andra.']);
    net.up();
    net.failNext(async () => new Response('{}', { status: 503 }));
    expect(await worker(store, net.fetch)).toBe('retry');
    expect(await recordsOnServer(ids)).toBe(0);
    // The server applies the batch, but the reply never reaches the worker.
    net.failNext(async (input, init) => {
      await server.fetch(input, init);
      throw new TypeError('Failed to fetch');
    });
    expect(await worker(store, net.fetch)).toBe('retry');
    expect(await recordsOnServer(ids)).toBe(2);
    expect((await readSealed(store, 100)).length).toBe(2);
    expect(await worker(store, net.fetch)).toBe('done');
    const { rows } = await server.sql.query<{ version: number }>(
      'select version from record where id = any($1::uuid[])',
      [ids],
    );
    expect(rows.map((r) => Number(r.version))).toEqual([1, 1]);
    await unlockStore(dev.db, anna.password);
    expect(await dev.faltsam.syncNow()).toMatchObject({ ok: true, pushed: 0 });
    expect((await listArenden(dev.db)).every((a) => a.sync.state === 'synkad')).toBe(true);
  });

  it('brings a refusal back as a receipt: the page marks the entry refused after unlock', async () => {
    const net = countingNet();
    const dev = await loginDevice(net.fetch, anna.username, anna.password);
    const ske = server.enheter.find((e) => e.kod === 'SKE')?.id ?? randomUUID();
    await dev.create({ enhetId: ske }).catch(() => null);
    const { ids } = { ids: (await listArenden(dev.db)).map((a) => a.id) };
    lockStore(dev.db);
    const store = swStoreName(dev.db.name);
    expect(await worker(store, net.fetch)).toBe('done');
    expect(await recordsOnServer(ids)).toBe(0);
    expect((await readReceipts(store)).map((r) => r.status)).toEqual(['rejected']);
    await unlockStore(dev.db, anna.password);
    await dev.faltsam.syncNow();
    expect((await listArenden(dev.db)).map((a) => a.sync.state)).toEqual(['avvisad']);
  });

  it('leaves the boxes when the device is revoked, and the page keeps its outbox', async () => {
    const net = countingNet();
    const { dev, ids, store } = await offlineLockedDevice(net, ['Kvar på enheten.']);
    net.up();
    const admin = await server.createHandlaggare({ role: 'admin', enheter: [] });
    const adminToken = (await server.login(admin.username, admin.password)).token;
    const deviceId = (await server.sql.query<{ id: string }>('select id from device')).rows[0]?.id;
    await server.fetch(`/api/admin/devices/${deviceId}/revoke`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(await worker(store, net.fetch)).toBe('stopped');
    expect(await recordsOnServer(ids)).toBe(0);
    expect((await readSealed(store, 100)).length).toBe(1);
    await unlockStore(dev.db, anna.password);
    expect((await listArenden(dev.db)).map((a) => a.sync.state)).toEqual(['ej_synkad']);
  });

  it('seals only what the worker has neither a box nor an answer for', async () => {
    const net = countingNet();
    const dev = await loginDevice(net.fetch, anna.username, anna.password);
    const store = swStoreName(dev.db.name);
    await dev.create();
    await dev.create();
    // The worker pushes while the page is open (a fetch event): answers wait for the page's round.
    expect(await worker(store, net.fetch)).toBe('done');
    const third = await dev.create();
    expect((await readSealed(store, 100)).map((r) => r.seq)).toEqual([3]);
    expect(await worker(store, net.fetch)).toBe('done');
    expect(await dev.faltsam.syncNow()).toMatchObject({ ok: true, pushed: 0 });
    expect(await recordsOnServer([third.id])).toBe(1);
    expect(await readReceipts(store)).toEqual([]);
  });

  it('gives up a push that is never answered at its deadline, and frees the lock for the page', async () => {
    const locks = lockManager();
    const net = countingNet();
    const { dev, ids, store } = await offlineLockedDevice(net, ['Hålls öppen.']);
    net.up();
    // A connection that accepts the request and never answers, whatever the signal says.
    net.failNext(() => new Promise<Response>(() => {}));
    const started = Date.now();
    const told: number[] = [];
    expect(
      await sendSealedOutbox({
        store,
        fetch: net.fetch,
        locks,
        deadlineMs: 300,
        onDeadline: (ms) => told.push(ms),
      }),
    ).toBe('retry');
    // The open pages are told why (worker-report.ts): once, with the deadline that passed.
    expect(told).toEqual([300]);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await readSealed(store, 100)).length).toBe(1);
    // The lock is free: the page's round (same lock manager) runs and sends the entry once.
    await unlockStore(dev.db, anna.password);
    const page = createFaltsam({ db: dev.db, fetch: net.fetch, kdf: TEST_KDF, locks });
    expect(await page.syncNow()).toMatchObject({ ok: true });
    expect(await recordsOnServer(ids)).toBe(1);
  });

  it('never has the page and the worker pushing at the same time: they share one lock', async () => {
    const locks = lockManager();
    let inFlight = 0;
    let most = 0;
    const pushPaths = ['/api/sync/push', '/api/sync/push-sealed'];
    const fetch: FetchLike = async (input, init) => {
      const push = pushPaths.includes(new URL(String(input), 'http://x').pathname);
      if (push) most = Math.max(most, ++inFlight);
      try {
        if (push) await new Promise((r) => setTimeout(r, 20));
        return await server.fetch(input, init);
      } finally {
        if (push) inFlight -= 1;
      }
    };
    const net = switchableFetch(fetch);
    const db = bareDb();
    const faltsam = createFaltsam({ db, fetch: net.fetch, kdf: TEST_KDF, locks });
    await faltsam.login(anna.username, anna.password);
    await faltsam.syncNow();
    expect(await hasPushCredential(db)).toBe(true);
    const session = await getSession(db);
    const enhet = session?.user.enheter[0];
    if (!session || !enhet) throw new Error('no session');
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const fields = sampleFields({ enhetId: enhet.id, handlaggareId: session.user.id });
      ids.push(
        (await createArende(db, { fields, forbundId: session.user.forbund.id, enhetKod: enhet.kod })).id,
      );
    }
    const outcomes = await Promise.all([
      worker(swStoreName(db.name), net.fetch, locks),
      faltsam.syncNow(),
      worker(swStoreName(db.name), net.fetch, locks),
    ]);
    expect(most).toBe(1);
    expect(outcomes[1]).toMatchObject({ ok: true });
    expect(await recordsOnServer(ids)).toBe(4);
    await faltsam.syncNow();
    expect((await listArenden(db)).every((a) => a.sync.state === 'synkad')).toBe(true);
    expect(await readSealed(swStoreName(db.name), 100)).toEqual([]);
  });
});

describe("the worker's report to the open pages", () => {
  it('shows in the status why the worker, holding the lock, got no answer; nothing else is taken for one', async () => {
    const net = countingNet();
    const dev = await loginDevice(net.fetch, anna.username, anna.password);
    // Hidden: no start-up round of its own to clear the status meanwhile.
    const { env, post } = nodeTriggerEnv({ visibility: 'hidden' });
    const stop = dev.faltsam.start(env, { intervalMs: 600_000 });
    try {
      // The triggers load with import(): wait until the page listens.
      await waitFor(async () => {
        post(deadlineReport(20_000, new Date(Date.now() + 1_000)));
        return (await getSyncStatus(dev.db)).lastError !== null;
      }, 'the page listening to the worker');
      expect((await getSyncStatus(dev.db)).lastError).toMatchObject({
        kind: 'timeout',
        message: 'Servern svarade inte inom 20 sekunder.',
      });
      // A round that succeeds clears it; a report from before that round is stale and not shown.
      expect(await dev.faltsam.syncNow()).toMatchObject({ ok: true });
      expect((await getSyncStatus(dev.db)).lastError).toBeNull();
      post(deadlineReport(20_000, new Date(Date.now() - 60_000)));
      for (const junk of [
        null,
        'faltsam-worker-sync',
        { type: 'faltsam-worker-sync', kind: 'timeout', ms: '20000', at: new Date().toISOString() },
        { type: 'faltsam-worker-sync', kind: 'timeout', ms: 20_000, at: 'igår' },
        {
          type: 'faltsam-worker-sync',
          kind: 'server',
          ms: 20_000,
          at: new Date(Date.now() + 5_000).toISOString(),
        },
        { type: 'SKIP_WAITING' },
      ])
        post(junk);
      await sleep(300);
      expect((await getSyncStatus(dev.db)).lastError).toBeNull();
      // Locked, nothing is written (and no status is shown).
      lockStore(dev.db);
      expect(await recordWorkerReport(dev.db, deadlineReport(20_000, new Date(Date.now() + 1_000)))).toBe(
        false,
      );
    } finally {
      stop();
    }
  });
});
