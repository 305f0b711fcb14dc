import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getArende, listArenden, updateArende } from '../../../src/db/arende-repo';
import { listConflicts } from '../../../src/db/conflicts-repo';
import { openSnapshot, SNAPSHOT_KEY } from '../../../src/db/list-snapshot';
import { getSyncStatus } from '../../../src/db/sync-status';
import { NetworkError } from '../../../src/sync/api';
import { createSyncEngine } from '../../../src/sync/engine';
import { type PullOptions, syncCalls } from '../../../src/sync/sync-calls';
import { freshDb } from '../../helpers/device';
import { loginDevice, switchableFetch } from '../../helpers/field-device';
import { createTestServer, type TestServer } from '../../helpers/server';

let server: TestServer;
let creds: { username: string; password: string };

beforeEach(async () => {
  server = await createTestServer();
  const h = await server.createHandlaggare({ enheter: ['NOR'] });
  creds = { username: h.username, password: h.password };
}, 60_000);
afterEach(async () => {
  await server.close();
});

async function serverArenden(): Promise<Record<string, unknown>[]> {
  const r = await server.sql.query<{ data: Record<string, unknown> }>(
    `select data from record where entity = 'arende' order by data->>'code'`,
  );
  return r.rows.map((row) => row.data);
}

describe('sync engine against the real server', () => {
  it('pushes ärenden made offline, and another device of the same user pulls them', async () => {
    const net = switchableFetch(server.fetch);
    const phone = await loginDevice(net.fetch, creds.username, creds.password);
    net.down();
    const a = await phone.create();
    const b = await phone.create({ kon: 'man' });
    const offline = await phone.faltsam.syncNow();
    expect(offline).toMatchObject({ ok: false, kind: 'network', retry: true });
    expect((await getSyncStatus(phone.db)).lastError?.message).toMatch(/Ingen anslutning/);
    expect(await serverArenden()).toHaveLength(0);

    net.up();
    expect(await phone.faltsam.syncNow()).toMatchObject({ ok: true, pushed: 2, rejected: 0 });
    expect((await serverArenden()).map((r) => r.code).sort()).toEqual([a.code, b.code].sort());
    expect(await getSyncStatus(phone.db)).toMatchObject({ pending: 0, lastError: null });

    const tablet = await loginDevice(server.fetch, creds.username, creds.password);
    await tablet.faltsam.syncNow();
    const pulled = await listArenden(tablet.db);
    expect(pulled.map((x) => x.code).sort()).toEqual([a.code, b.code].sort());
    expect(pulled.every((x) => x.version === 1 && x.sync.state === 'synkad')).toBe(true);
  });

  it('does not download its own accepted writes again: the pull after its push brings nothing', async () => {
    // Every pull page the device receives, as it arrived.
    const pages: { changes: { record: { id: string } }[] }[] = [];
    const counting: typeof server.fetch = async (input, init) => {
      const res = await server.fetch(input, init);
      if (String(input).includes('/api/sync/pull')) pages.push(await res.clone().json());
      return res;
    };
    const dev = await loginDevice(counting, creds.username, creds.password);
    const a = await dev.create();
    const b = await dev.create();
    await dev.faltsam.syncNow();
    const other = await loginDevice(server.fetch, creds.username, creds.password);
    await other.faltsam.syncNow();

    pages.length = 0;
    await updateArende(dev.db, a.id, dev.fields({ manaderAv12: 12 }));
    expect(await dev.faltsam.syncNow()).toMatchObject({ ok: true, pushed: 1, pulled: 0 });
    expect(pages.flatMap((p) => p.changes)).toEqual([]);
    // The device holds the server's record, version included, so its next edit is based on it.
    const [onServer] = (await serverArenden()).filter((r) => r.id === a.id);
    const mine = await getArende(dev.db, a.id);
    expect(mine).toMatchObject({ manaderAv12: 12, version: 2 });
    expect(onServer).toMatchObject({ manaderAv12: 12, version: 2 });
    await updateArende(dev.db, a.id, dev.fields({ manaderAv12: 11 }));
    expect(await dev.faltsam.syncNow()).toMatchObject({ ok: true, pushed: 1, pulled: 0 });
    expect((await getArende(dev.db, a.id))?.version).toBe(3);

    // What another device wrote still comes, and only that.
    await updateArende(other.db, b.id, other.fields({ kon: 'man' }));
    await other.faltsam.syncNow();
    pages.length = 0;
    expect(await dev.faltsam.syncNow()).toMatchObject({ ok: true, pushed: 0, pulled: 1 });
    expect(pages.flatMap((p) => p.changes.map((c) => c.record.id))).toEqual([b.id]);
    expect(await getArende(dev.db, b.id)).toMatchObject({ kon: 'man', version: 2 });
  });

  it('does not duplicate anything when the reply to a push is lost and the push is retried', async () => {
    const net = switchableFetch(server.fetch);
    const dev = await loginDevice(net.fetch, creds.username, creds.password);
    const a = await dev.create();
    await updateArende(dev.db, a.id, dev.fields({ manaderAv12: 12 }));
    // The server receives and applies the push, but the answer never reaches the device.
    net.failNext(async (input, init) => {
      await server.fetch(input, init);
      throw new TypeError('connection reset');
    });
    expect(await dev.faltsam.syncNow()).toMatchObject({ ok: false, kind: 'network' });
    expect(await dev.db.outbox.count()).toBe(2);

    expect(await dev.faltsam.syncNow()).toMatchObject({ ok: true });
    const onServer = await serverArenden();
    expect(onServer).toHaveLength(1);
    expect(onServer[0]).toMatchObject({ code: a.code, manaderAv12: 12, version: 2 });
    expect(await dev.db.outbox.count()).toBe(0);
  });

  it('keeps the outbox after a 500 and succeeds on the next round', async () => {
    const net = switchableFetch(server.fetch);
    const dev = await loginDevice(net.fetch, creds.username, creds.password);
    await dev.create();
    net.failNext(async () => new Response('{"error":{"code":"x","message":"x"}}', { status: 500 }));
    expect(await dev.faltsam.syncNow()).toMatchObject({ ok: false, kind: 'server', retry: true });
    expect(await dev.db.outbox.count()).toBe(1);
    expect(await dev.faltsam.syncNow()).toMatchObject({ ok: true, pushed: 1 });
    expect(await serverArenden()).toHaveLength(1);
  });

  it('keeps a rejected ärende on the device with the reason, without blocking the others', async () => {
    const dev = await loginDevice(server.fetch, creds.username, creds.password);
    const other = server.enheter.find((e) => e.kod === 'SKE');
    if (!other) throw new Error('test server lacks enhet SKE');
    const first = await dev.create();
    const refused = await dev.create({ enhetId: other.id });
    const last = await dev.create();
    expect(await dev.faltsam.syncNow()).toMatchObject({ ok: true, pushed: 2, rejected: 1 });
    expect((await serverArenden()).map((r) => r.code).sort()).toEqual([first.code, last.code].sort());
    const status = await getSyncStatus(dev.db);
    expect(status.rejected).toHaveLength(1);
    expect(status.rejected[0]?.recordId).toBe(refused.id);
    expect(status.rejected[0]?.error.message).toMatch(/[åäö]|behörig/i);
    expect((await getArende(dev.db, refused.id))?.sync.state).toBe('avvisad');
    // Later edits of other ärenden still sync.
    await updateArende(dev.db, first.id, dev.fields({ sgi: 'har' }));
    expect(await dev.faltsam.syncNow()).toMatchObject({ ok: true, pushed: 1 });
  });

  it('pulls in pages until the server has no more, past the 9 → 10 boundary of the cursor', async () => {
    const writer = await loginDevice(server.fetch, creds.username, creds.password);
    for (let i = 0; i < 12; i++) await writer.create();
    await writer.faltsam.syncNow();
    const reader = await loginDevice(server.fetch, creds.username, creds.password);
    // A device that has pulled nothing yet, using the reader's login, with pages of three.
    const empty = freshDb();
    const pageSizes: number[] = [];
    const calls = syncCalls(reader.faltsam.api);
    const api = {
      push: calls.push,
      pull: async (cursor: string, limit: number, opts?: PullOptions) => {
        const page = await calls.pull(cursor, limit, opts);
        pageSizes.push(page.changes.length);
        return page;
      },
    };
    const engine = createSyncEngine({ db: empty, api, pullPageSize: 3 });
    expect(await engine.sync()).toMatchObject({ ok: true, pulled: 12 });
    expect(pageSizes).toEqual([3, 3, 3, 3]);
    expect(await listArenden(empty)).toHaveLength(12);
    expect(await engine.sync()).toMatchObject({ ok: true, pulled: 0 });
  });

  it('asks for the next page while storing one, stores pages in order, and after a page that never came resumes from the last stored', async () => {
    const writer = await loginDevice(server.fetch, creds.username, creds.password);
    for (let i = 0; i < 12; i++) await writer.create();
    await writer.faltsam.syncNow();
    const reader = await loginDevice(server.fetch, creds.username, creds.password);
    const empty = freshDb();
    const calls = syncCalls(reader.faltsam.api);
    const asked: string[] = [];
    const answered: string[] = [];
    // The cursor stored when each page was asked for: the next page is asked before this one is stored.
    const storedWhenAsked: unknown[] = [];
    let failThird = true;
    const api = {
      push: calls.push,
      pull: async (cursor: string, limit: number, opts?: PullOptions) => {
        asked.push(cursor);
        storedWhenAsked.push((await empty.meta.get('cursor'))?.value ?? null);
        if (asked.length === 3 && failThird) {
          failThird = false;
          throw new NetworkError('the third page never came');
        }
        const page = await calls.pull(cursor, limit, opts);
        answered.push(page.cursor);
        return page;
      },
    };
    const engine = createSyncEngine({ db: empty, api, pullPageSize: 3 });
    expect(await engine.sync()).toMatchObject({ ok: false, kind: 'network' });
    // Each page was asked from where the one before it ended; the first two were stored.
    expect(asked).toEqual(['0', answered[0], answered[1]]);
    expect(storedWhenAsked).toEqual([null, null, answered[0]]);
    expect(await listArenden(empty)).toHaveLength(6);
    expect(await empty.meta.get('cursor')).toMatchObject({ value: answered[1] });

    expect(await engine.sync()).toMatchObject({ ok: true, pulled: 6 });
    expect(asked.slice(3)).toEqual([answered[1], answered[2]]);
    expect(await listArenden(empty)).toHaveLength(12);
  });

  it("writes the list's snapshot once after a many-page pull, not between its pages", async () => {
    const writer = await loginDevice(server.fetch, creds.username, creds.password);
    for (let i = 0; i < 9; i++) await writer.create();
    await writer.faltsam.syncNow();
    const reader = await loginDevice(server.fetch, creds.username, creds.password);
    const empty = freshDb();
    const calls = syncCalls(reader.faltsam.api);
    // Whether the snapshot row existed when each page was asked for. Each page comes later than the
    // snapshot's write delay (500 ms), as on a slow link or under a first sync of thousands.
    const snapshotWhenAsked: boolean[] = [];
    const api = {
      push: calls.push,
      pull: async (cursor: string, limit: number, opts?: PullOptions) => {
        snapshotWhenAsked.push((await empty.meta.get(SNAPSHOT_KEY)) !== undefined);
        await new Promise((r) => setTimeout(r, 700));
        const page = await calls.pull(cursor, limit, opts);
        // From the last page on no timer fires (setTimeout stopped; promises and IndexedDB's own
        // tasks, setImmediate, still run): the snapshot must be written without one, as soon as
        // the pull ends, so that the app closed a moment after its first sync opens from it.
        if (!page.hasMore) {
          vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
          // Decryption yields between chunks as in Chromium (scheduler.yield), not by setTimeout.
          vi.stubGlobal('scheduler', { yield: () => new Promise<void>((r) => setImmediate(r)) });
        }
        return page;
      },
    };
    const engine = createSyncEngine({ db: empty, api, pullPageSize: 3 });
    // The list is open (empty) as the first sync starts.
    expect(await listArenden(empty)).toEqual([]);
    try {
      expect(await engine.sync()).toMatchObject({ ok: true, pulled: 9 });
      expect(snapshotWhenAsked.length).toBeGreaterThanOrEqual(3);
      expect(snapshotWhenAsked).not.toContain(true);
      // Written once the pull has ended, with every ärende pulled (no timer has fired since).
      const until = performance.now() + 5_000;
      while (performance.now() < until && (await empty.meta.get(SNAPSHOT_KEY)) === undefined)
        await new Promise((r) => setImmediate(r));
      expect(await empty.meta.get(SNAPSHOT_KEY)).toBeDefined();
    } finally {
      vi.useRealTimers();
      vi.unstubAllGlobals();
    }
    const entries = await openSnapshot(empty, await empty.meta.get(SNAPSHOT_KEY));
    expect(entries?.rows).toHaveLength(9);
  });

  it('merges edits of different fields from two devices, and reports a conflict on the same field', async () => {
    const one = await loginDevice(server.fetch, creds.username, creds.password);
    const a = await one.create();
    await one.faltsam.syncNow();
    const two = await loginDevice(server.fetch, creds.username, creds.password);
    await two.faltsam.syncNow();

    await updateArende(one.db, a.id, one.fields({ sgi: 'har', anteckningar: 'Enhet ett skrev detta.' }));
    await updateArende(two.db, a.id, two.fields({ manaderAv12: 12, anteckningar: 'Enhet två skrev detta.' }));
    await one.faltsam.syncNow();
    await two.faltsam.syncNow();
    await one.faltsam.syncNow();

    const [onServer] = await serverArenden();
    expect(onServer).toMatchObject({ sgi: 'har', manaderAv12: 12, anteckningar: 'Enhet ett skrev detta.' });
    expect(await getArende(one.db, a.id)).toMatchObject({ sgi: 'har', manaderAv12: 12 });
    const conflicts = await listConflicts(two.db, a.id);
    expect(conflicts).toEqual([
      expect.objectContaining({
        field: 'anteckningar',
        local: 'Enhet två skrev detta.',
        server: 'Enhet ett skrev detta.',
      }),
    ]);
    expect((await getArende(two.db, a.id))?.anteckningar).toBe('Enhet ett skrev detta.');
  });

  it('keeps a conflict pending until the pull after the push brings the server’s value (answers carry none)', async () => {
    const one = await loginDevice(server.fetch, creds.username, creds.password);
    const a = await one.create();
    await one.faltsam.syncNow();
    const two = await loginDevice(server.fetch, creds.username, creds.password);
    await two.faltsam.syncNow();
    await updateArende(one.db, a.id, one.fields({ anteckningar: 'Enhet ett skrev detta.' }));
    await one.faltsam.syncNow();
    await updateArende(two.db, a.id, two.fields({ anteckningar: 'Enhet två skrev detta.' }));

    // The push is answered, then the network goes before the pull.
    const cut = {
      push: syncCalls(two.faltsam.api).push,
      pull: async () => {
        throw new NetworkError('avbrutet');
      },
    };
    expect(await createSyncEngine({ db: two.db, api: cut }).sync()).toMatchObject({
      ok: false,
      kind: 'network',
    });
    expect(await listConflicts(two.db, a.id)).toEqual([
      expect.objectContaining({
        field: 'anteckningar',
        local: 'Enhet två skrev detta.',
        serverPending: true,
      }),
    ]);
    // Nothing is lost meanwhile: the device still shows what it wrote.
    expect((await getArende(two.db, a.id))?.anteckningar).toBe('Enhet två skrev detta.');

    expect(await two.faltsam.syncNow()).toMatchObject({ ok: true, pushed: 0 });
    const [conflict] = await listConflicts(two.db, a.id);
    expect(conflict).toMatchObject({ local: 'Enhet två skrev detta.', server: 'Enhet ett skrev detta.' });
    expect(conflict).not.toHaveProperty('serverPending');
    expect((await getArende(two.db, a.id))?.anteckningar).toBe('Enhet ett skrev detta.');
  });

  it('reports an expired login as an auth failure that is not retried automatically', async () => {
    const dev = await loginDevice(server.fetch, creds.username, creds.password);
    await dev.create();
    await server.sql.query("update session set expires_at = now() - interval '1 day'");
    expect(await dev.faltsam.syncNow()).toMatchObject({ ok: false, kind: 'auth', retry: false });
    expect(await dev.db.outbox.count()).toBe(1);
    expect((await getSyncStatus(dev.db)).lastError?.message).toMatch(/Logga in igen/);
  });
});
