// After a good round the device refreshes what it keeps beside the records (the user, the
// colleagues of each enhet, the open rounds). A line that stops answering in the middle of that
// must not hold up the next push: the refresh runs with the sync lock free, and its requests run
// at the same time, so it ends within one request deadline (not one per request, in the lock –
// which once kept the next round in every tab and the service worker waiting a minute, silently).
// Real Dexie on fake-indexeddb, the real server in-process.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createArende } from '../../../src/db/arende-repo';
import { getColleagues } from '../../../src/db/colleague-repo';
import { getSession } from '../../../src/db/session-repo';
import type { FetchLike } from '../../../src/sync/api';
import { createFaltsam } from '../../../src/sync/client';
import { SYNC_LOCK } from '../../../src/sync/sync-lock';
import { bareDb, sampleFields, TEST_KDF } from '../../helpers/device';
import { lockManager } from '../../helpers/locks';
import { createTestServer, type TestServer } from '../../helpers/server';
import { waitFor } from '../../helpers/wait';

let server: TestServer;
beforeEach(async () => {
  server = await createTestServer();
}, 60_000);
afterEach(() => server.close());

const REFRESH = /^\/api\/(me|enheter\/[^/]+\/handlaggare|rounds)$/;

/** The server, except that while `holding` a refresh request is accepted and never answered. */
function holdingNet() {
  const locks = lockManager();
  const state = { holding: false, open: 0, mostOpen: 0, ended: 0, heldInLock: 0, held: [] as string[] };
  const fetch: FetchLike = (input, init) => {
    const path = new URL(String(input), 'http://x').pathname;
    if (!state.holding || !REFRESH.test(path)) return server.fetch(input, init);
    state.held.push(path);
    if (locks.isHeld(SYNC_LOCK)) state.heldInLock += 1;
    state.mostOpen = Math.max(state.mostOpen, ++state.open);
    // The client gives up at its deadline by aborting the request.
    init?.signal?.addEventListener('abort', () => {
      state.open -= 1;
      state.ended += 1;
    });
    // Never answered, whatever the signal says: only the client's deadline ends it.
    return new Promise<Response>(() => {});
  };
  return { locks, state, fetch };
}

async function handlaggareDevice(net: ReturnType<typeof holdingNet>) {
  const account = await server.createHandlaggare({ enheter: ['NOR', 'SKE'] });
  const db = bareDb();
  const faltsam = createFaltsam({
    db,
    fetch: net.fetch,
    kdf: TEST_KDF,
    locks: net.locks,
    deadlines: { request: 1_500 },
  });
  await faltsam.login(account.username, account.password);
  await faltsam.syncNow();
  const session = await getSession(db);
  if (!session) throw new Error('no session');
  return { db, faltsam, session };
}

describe('the refresh after a good round', () => {
  it('keeps the colleagues of every enhet, fetched together', async () => {
    const net = holdingNet();
    const { db, session } = await handlaggareDevice(net);
    const kept = await getColleagues(db);
    expect(Object.keys(kept).sort()).toEqual(session.user.enheter.map((e) => e.id).sort());
    for (const list of Object.values(kept)) expect(list.map((k) => k.id)).toContain(session.user.id);
  });

  it('waits with the sync lock free and all its requests at once, and the round is still good', async () => {
    const net = holdingNet();
    const { db, faltsam, session } = await handlaggareDevice(net);
    const enhet = session.user.enheter[0];
    if (!enhet) throw new Error('no enhet');
    await createArende(db, {
      fields: sampleFields({ enhetId: enhet.id, handlaggareId: session.user.id }),
      forbundId: session.user.forbund.id,
      enhetKod: enhet.kod,
    });
    const before = await getColleagues(db);
    net.state.holding = true;
    expect(await faltsam.syncNow()).toMatchObject({ ok: true, pushed: 1 });
    // The user, and the colleagues of both enheter: three requests, all waiting together.
    expect(net.state.held.sort()).toEqual(
      ['/api/me', ...session.user.enheter.map((e) => `/api/enheter/${e.id}/handlaggare`)].sort(),
    );
    expect(net.state.mostOpen).toBe(3);
    expect(net.state.heldInLock).toBe(0);
    // What was kept stays when the refresh gets no answer.
    expect(await getColleagues(db)).toEqual(before);
  });

  it('does not hold up a push that asks for the lock meanwhile', async () => {
    const net = holdingNet();
    const { db, faltsam, session } = await handlaggareDevice(net);
    const enhet = session.user.enheter[0];
    if (!enhet) throw new Error('no enhet');
    net.state.holding = true;
    const first = faltsam.syncNow();
    await waitFor(() => net.state.held.length > 0, 'the refresh to ask the server');
    // Another tab's round (same lock, same device) while this tab's refresh waits on the line.
    net.state.holding = false;
    const other = createFaltsam({ db, fetch: net.fetch, kdf: TEST_KDF, locks: net.locks });
    await createArende(db, {
      fields: sampleFields({ enhetId: enhet.id, handlaggareId: session.user.id }),
      forbundId: session.user.forbund.id,
      enhetKod: enhet.kod,
    });
    const pushed = await Promise.race([
      other.syncNow(),
      first.then(() => 'after the refresh ended' as const),
    ]);
    expect(pushed).toMatchObject({ ok: true, pushed: 1 });
    await first;
  });

  it("a round of the triggers does not wait for its refresh: this tab's next round can follow", async () => {
    const net = holdingNet();
    const { faltsam } = await handlaggareDevice(net);
    net.state.holding = true;
    // What the automatic triggers run (client.ts start): the outcome while the refresh still waits.
    expect(await faltsam.syncNow({ awaitRefresh: false })).toMatchObject({ ok: true });
    await waitFor(() => net.state.held.length > 0, 'the refresh to ask the server');
    expect(net.state.ended).toBe(0);
    // The next round is not held up by it either, and its own refresh joins the one under way.
    const heldBefore = net.state.held.length;
    expect(await faltsam.syncNow({ awaitRefresh: false })).toMatchObject({ ok: true });
    expect(net.state.held.length).toBe(heldBefore);
    expect(net.state.ended).toBe(0);
    await waitFor(() => net.state.open === 0, 'the held refresh to end at its deadline');
  });
});
