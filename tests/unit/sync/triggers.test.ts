import { afterEach, describe, expect, it } from 'vitest';
import 'fake-indexeddb/auto';
import { createArende } from '../../../src/db/arende-repo';
import type { FaltsamDb } from '../../../src/db/database';
import { currentKey, forgetKey, setKey } from '../../../src/db/keyring';
import { deviceEvents } from '../../../src/sync/device-events';
import type { SyncOutcome } from '../../../src/sync/engine';
import { startSyncTriggers, type TriggerEnv } from '../../../src/sync/triggers';
import { FORBUND, freshDb, sampleFields } from '../../helpers/device';

/** A hand-driven clock and event source standing in for window/document. */
function fakeEnv() {
  const timers: { fn: () => void; ms: number; id: number }[] = [];
  const listeners = new Map<string, (() => void)[]>();
  let nextId = 1;
  const on = (t: string, fn: () => void) => listeners.set(t, [...(listeners.get(t) ?? []), fn]);
  const off = (t: string, fn: () => void) =>
    listeners.set(
      t,
      (listeners.get(t) ?? []).filter((f) => f !== fn),
    );
  const doc = {
    visibilityState: 'visible' as DocumentVisibilityState,
    addEventListener: on,
    removeEventListener: off,
  };
  let bgSyncs = 0;
  const env: TriggerEnv = {
    addEventListener: on,
    removeEventListener: off,
    document: doc as unknown as TriggerEnv['document'],
    setTimeout: (fn, ms) => {
      const id = nextId++;
      timers.push({ fn, ms, id });
      return id;
    },
    clearTimeout: (h) => {
      const i = timers.findIndex((t) => t.id === h);
      if (i >= 0) timers.splice(i, 1);
    },
    requestBackgroundSync: () => {
      bgSyncs++;
    },
  };
  return {
    env,
    doc,
    timers,
    emit: (t: string) => {
      for (const f of listeners.get(t) ?? []) f();
    },
    /** Runs the earliest pending timer and lets its promise chain settle. */
    async tick() {
      const t = timers.sort((a, b) => a.ms - b.ms).shift();
      t?.fn();
      await new Promise((r) => setTimeout(r, 10));
      return t?.ms;
    },
    bgSyncs: () => bgSyncs,
  };
}

let db: FaltsamDb;
let stop: () => void = () => {};

/** A device database whose key is ready, so its unlock is not mistaken for one during a test. */
async function unlockedDb(): Promise<FaltsamDb> {
  const d = freshDb();
  await currentKey(d);
  return d;
}
afterEach(() => {
  stop();
  db?.close();
});

const ok: SyncOutcome = { ok: true, pushed: 0, rejected: 0, pulled: 0 };
const offline: SyncOutcome = { ok: false, kind: 'network', retry: true, message: 'x' };

describe('startSyncTriggers', () => {
  it('syncs at start, then on a timer while visible', async () => {
    db = await unlockedDb();
    const f = fakeEnv();
    let runs = 0;
    stop = startSyncTriggers({
      device: deviceEvents(db),
      env: f.env,
      run: async () => {
        runs++;
        return ok;
      },
      intervalMs: 60_000,
    });
    expect(await f.tick()).toBe(0);
    expect(runs).toBe(1);
    expect(f.timers.map((t) => t.ms)).toEqual([60_000]);
  });

  it('syncs when the network returns and when the app becomes visible', async () => {
    db = await unlockedDb();
    const f = fakeEnv();
    let runs = 0;
    stop = startSyncTriggers({
      device: deviceEvents(db),
      env: f.env,
      run: async () => {
        runs++;
        return ok;
      },
    });
    await f.tick();
    f.emit('online');
    await f.tick();
    f.doc.visibilityState = 'hidden';
    f.emit('visibilitychange');
    expect(f.timers.some((t) => t.ms === 0)).toBe(false);
    f.doc.visibilityState = 'visible';
    f.emit('visibilitychange');
    await f.tick();
    expect(runs).toBe(3);
  });

  it('retries with growing delays while offline, and returns to the timer after success', async () => {
    db = await unlockedDb();
    const f = fakeEnv();
    const outcomes = [offline, offline, offline, ok];
    stop = startSyncTriggers({
      device: deviceEvents(db),
      env: f.env,
      run: async () => outcomes.shift() ?? ok,
      random: () => 1,
    });
    await f.tick();
    const delays = [await f.tick(), await f.tick(), await f.tick()];
    expect(delays).toEqual([2_000, 4_000, 8_000]);
    expect(f.timers.map((t) => t.ms)).toEqual([60_000]);
  });

  it('syncs shortly after a local write and asks for a Background Sync', async () => {
    db = await unlockedDb();
    const f = fakeEnv();
    stop = startSyncTriggers({
      device: deviceEvents(db),
      env: f.env,
      run: async () => ok,
      afterWriteMs: 1_500,
    });
    await f.tick();
    await new Promise((r) => setTimeout(r, 50));
    await createArende(db, { fields: sampleFields(), forbundId: FORBUND, enhetKod: 'NOR' });
    await new Promise((r) => setTimeout(r, 100));
    expect(f.timers.map((t) => t.ms)).toEqual([1_500]);
    expect(f.bgSyncs()).toBe(1);
  });

  it('syncs when the store is unlocked (the start-up round found it locked)', async () => {
    db = await unlockedDb();
    const key = await currentKey(db);
    const f = fakeEnv();
    let runs = 0;
    stop = startSyncTriggers({
      device: deviceEvents(db),
      env: f.env,
      run: async () => {
        runs++;
        return ok;
      },
    });
    await f.tick();
    forgetKey(db);
    expect(f.timers.map((t) => t.ms)).toEqual([60_000]);
    setKey(db, key);
    expect(await f.tick()).toBe(0);
    expect(runs).toBe(2);
  });

  it('sends a write made during a round shortly after that round ends, not at the next tick', async () => {
    db = await unlockedDb();
    const f = fakeEnv();
    let release: () => void = () => {};
    let runs = 0;
    stop = startSyncTriggers({
      device: deviceEvents(db),
      env: f.env,
      afterWriteMs: 1_500,
      run: async () => {
        runs++;
        if (runs === 2) await new Promise<void>((r) => (release = r));
        return ok;
      },
    });
    await f.tick();
    f.emit('online');
    const during = f.tick(); // the second round starts and waits
    await new Promise((r) => setTimeout(r, 20));
    await createArende(db, { fields: sampleFields(), forbundId: FORBUND, enhetKod: 'NOR' });
    await new Promise((r) => setTimeout(r, 100));
    expect(f.timers).toEqual([]); // nothing runs beside the round
    release();
    await during;
    await new Promise((r) => setTimeout(r, 20));
    expect(f.timers.map((t) => t.ms)).toEqual([1_500]);
  });

  it('during an outage, a focus or online probes the server and cuts the backoff short only if it answers', async () => {
    db = await unlockedDb();
    const f = fakeEnv();
    let up = false;
    let probes = 0;
    const outcomes = [offline];
    stop = startSyncTriggers({
      device: deviceEvents(db),
      env: f.env,
      run: async () => outcomes.shift() ?? ok,
      probe: async () => {
        probes++;
        return up;
      },
      backoff: () => 300_000,
    });
    await f.tick();
    expect(f.timers.map((t) => t.ms)).toEqual([300_000]);
    f.emit('focus');
    await new Promise((r) => setTimeout(r, 10));
    expect(probes).toBe(1);
    expect(f.timers.map((t) => t.ms)).toEqual([300_000]);
    up = true;
    f.emit('online');
    await new Promise((r) => setTimeout(r, 10));
    expect(probes).toBe(2);
    expect(f.timers.map((t) => t.ms).sort((a, b) => a - b)).toEqual([0]);
    await f.tick();
    expect(f.timers.map((t) => t.ms)).toEqual([60_000]);
    // Out of the outage, focus alone does not sync (it comes with every click into the window).
    f.emit('focus');
    await new Promise((r) => setTimeout(r, 10));
    expect(probes).toBe(2);
    expect(f.timers.map((t) => t.ms)).toEqual([60_000]);
  });

  it('during an outage, a write made while the round that ends it runs is sent shortly after, not at the next tick', async () => {
    db = await unlockedDb();
    const f = fakeEnv();
    let release: () => void = () => {};
    const outcomes: (() => Promise<SyncOutcome>)[] = [
      async () => offline,
      // The backoff's round: the server is back, and a save is made while it runs.
      () => new Promise<SyncOutcome>((r) => (release = () => r(ok))),
    ];
    stop = startSyncTriggers({
      device: deviceEvents(db),
      env: f.env,
      afterWriteMs: 1_500,
      run: () => outcomes.shift()?.() ?? Promise.resolve(ok),
      probe: async () => true,
      backoff: () => 30_000,
    });
    await f.tick(); // fails: an outage, the next round in 30 s
    expect(f.timers.map((t) => t.ms)).toEqual([30_000]);
    const during = f.tick(); // the backoff's round starts and waits
    await new Promise((r) => setTimeout(r, 20));
    await createArende(db, { fields: sampleFields(), forbundId: FORBUND, enhetKod: 'NOR' });
    await new Promise((r) => setTimeout(r, 50));
    release();
    await during;
    await new Promise((r) => setTimeout(r, 20));
    // Was the minute's tick (60,000): the write was dropped because an outage was still on record.
    expect(f.timers.map((t) => t.ms)).toEqual([1_500]);
  });
});
