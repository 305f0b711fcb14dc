import { afterEach, describe, expect, it } from 'vitest';
import 'fake-indexeddb/auto';
import { createArende } from '../../../src/db/arende-repo';
import type { FaltsamDb } from '../../../src/db/database';
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
afterEach(() => {
  stop();
  db?.close();
});

const ok: SyncOutcome = { ok: true, pushed: 0, rejected: 0, pulled: 0 };
const offline: SyncOutcome = { ok: false, kind: 'network', retry: true, message: 'x' };

describe('startSyncTriggers', () => {
  it('syncs at start, then on a timer while visible', async () => {
    db = freshDb();
    const f = fakeEnv();
    let runs = 0;
    stop = startSyncTriggers({
      db,
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
    db = freshDb();
    const f = fakeEnv();
    let runs = 0;
    stop = startSyncTriggers({
      db,
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
    db = freshDb();
    const f = fakeEnv();
    const outcomes = [offline, offline, offline, ok];
    stop = startSyncTriggers({ db, env: f.env, run: async () => outcomes.shift() ?? ok, random: () => 1 });
    await f.tick();
    const delays = [await f.tick(), await f.tick(), await f.tick()];
    expect(delays).toEqual([2_000, 4_000, 8_000]);
    expect(f.timers.map((t) => t.ms)).toEqual([60_000]);
  });

  it('syncs shortly after a local write and asks for a Background Sync', async () => {
    db = freshDb();
    const f = fakeEnv();
    stop = startSyncTriggers({ db, env: f.env, run: async () => ok, afterWriteMs: 1_500 });
    await f.tick();
    await new Promise((r) => setTimeout(r, 50));
    await createArende(db, { fields: sampleFields(), forbundId: FORBUND, enhetKod: 'NOR' });
    await new Promise((r) => setTimeout(r, 100));
    expect(f.timers.map((t) => t.ms)).toEqual([1_500]);
    expect(f.bgSyncs()).toBe(1);
  });
});
