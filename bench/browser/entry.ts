/**
 * Browser bundle for bench/device-create.ts, built by Vite (lib mode, iife) into bench/.out/ and
 * injected into a page on the app's origin with page.evaluate. It exposes
 * globalThis.faltsamBench.createMany(n), which creates n synthetic ärenden with the app's own
 * createArende (validation, code check, strict-durability transaction) in a fresh database and
 * times each call with performance.now(). The database is encrypted as in the app: its key is
 * created at the production PBKDF2 cost first, and unlocking it is timed too.
 */
import { createArende } from '../../src/db/arende-repo';
import { openFaltsamDb } from '../../src/db/database';
import { createStoreKey, lockStore, unlockStore } from '../../src/db/store-key';
import { syntheticFields } from '../lib/fields';

export interface CreateManyResult {
  /** Wall time of all n creates, ms. */
  totalMs: number;
  /** Each create's time, ms, in order. */
  eachMs: number[];
  /** Ärenden in the database afterwards. */
  stored: number;
  /** Creating the data key under a secret at the production PBKDF2 cost (600,000), ms. */
  createKeyMs: number;
  /** Each unlock (PBKDF2 600,000 + unwrap) of the same envelope, ms. */
  unlockMs: number[];
}

const UNLOCKS = 5;

async function createMany(n: number): Promise<CreateManyResult> {
  const db = openFaltsamDb(`faltsam-bench-${crypto.randomUUID()}`);
  try {
    await db.open();
    // The store is encrypted as in the app: a key under a secret at the production cost.
    const user = { id: crypto.randomUUID(), username: 'bench', displayName: 'Bench Användare' };
    const k0 = performance.now();
    await createStoreKey(db, 'bench-upplasningskod', user);
    const createKeyMs = performance.now() - k0;
    const unlockMs: number[] = [];
    for (let i = 0; i < UNLOCKS; i++) {
      lockStore(db);
      const u0 = performance.now();
      await unlockStore(db, 'bench-upplasningskod');
      unlockMs.push(performance.now() - u0);
    }
    // Synthetic ids: nothing here talks to the server, so any UUIDs do.
    const enhetId = crypto.randomUUID();
    const handlaggareId = crypto.randomUUID();
    const forbundId = crypto.randomUUID();
    const eachMs: number[] = [];
    const start = performance.now();
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      await createArende(db, {
        fields: syntheticFields(i, enhetId, handlaggareId),
        forbundId,
        enhetKod: 'NOR',
      });
      eachMs.push(performance.now() - t);
    }
    const totalMs = performance.now() - start;
    const stored = await db.records.where('entity').equals('arende').count();
    return { totalMs, eachMs, stored, createKeyMs, unlockMs };
  } finally {
    db.close();
    await db.delete();
  }
}

(globalThis as unknown as { faltsamBench: { createMany: typeof createMany } }).faltsamBench = { createMany };
