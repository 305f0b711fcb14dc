/**
 * A handläggare's device in Node for the sync benchmarks: the app's own Dexie database on
 * fake-indexeddb, logged in against the real server over HTTP with Node's fetch, and synced with
 * the app's sync runner (src/sync/runner.ts: the engine with the app's batch and page sizes).
 * Import this module before anything that imports Dexie: fake-indexeddb/auto must install
 * globalThis.indexedDB before Dexie reads it.
 */
import 'fake-indexeddb/auto';
import { type FaltsamDb, openFaltsamDb } from '../../src/db/database';
import { setMeta } from '../../src/db/meta';
import { writeWithOutbox } from '../../src/db/records';
import { saveSession } from '../../src/db/session-repo';
import { createStoreKey } from '../../src/db/store-key';
import type { SessionUser } from '../../src/domain/account';
import { ARENDE_FIELDS, type Arende } from '../../src/domain/arende';
import { cryptoRandomInts, generatePseudonymCode } from '../../src/domain/pseudonym';
import { createApiClient, type FetchLike } from '../../src/sync/api';
import { engineFor } from '../../src/sync/engine';
import { createSyncRunner } from '../../src/sync/runner';
import { syntheticFields } from './fields';

export interface NodeDevice {
  db: FaltsamDb;
  user: SessionUser;
  syncNow: ReturnType<typeof createSyncRunner>['syncNow'];
}

let devices = 0;

/**
 * A fresh device database, logged in the way the app logs in (POST /api/sessions, then the
 * session is stored on the device) but without the automatic sync that faltsam.login() starts, so
 * the caller decides when a sync round begins.
 */
export async function loginNodeDevice(
  baseUrl: string,
  username: string,
  password: string,
  fetch: FetchLike = globalThis.fetch.bind(globalThis),
): Promise<NodeDevice> {
  devices += 1;
  const db = openFaltsamDb(`bench-${process.pid}-${devices}`);
  const api = createApiClient({ baseUrl, fetch, getToken: async () => undefined });
  const login = await api.login({ username, password });
  // Encrypted as in the app; few PBKDF2 iterations, since unlocking is not what these figures time.
  await createStoreKey(db, password, login.user, { iterations: 1_000 });
  await saveSession(db, login);
  const { syncNow } = createSyncRunner({ db, fetch, baseUrl, engine: engineFor });
  return { db, user: login.user, syncNow };
}

function firstEnhet(user: SessionUser): { id: string; kod: string } {
  const enhet = user.enheter[0];
  if (!enhet) throw new Error(`user ${user.username} has no enhet`);
  return enhet;
}

/**
 * Creates n ärenden exactly as createArende stores them (same record, same outbox entry, through
 * the same writeWithOutbox transaction) but draws unique codes from an in-memory set instead of
 * createArende's scan of every ärende on the device, which costs O(n) per create and makes a
 * 10,000-ärende seed quadratic. Used only to seed; the figures time the sync, not this.
 */
export async function seedOutbox(device: NodeDevice, n: number, now = new Date()): Promise<void> {
  const enhet = firstEnhet(device.user);
  const taken = new Set<string>();
  const at = now.toISOString();
  for (let i = 0; i < n; i++) {
    const fields = syntheticFields(i, enhet.id, device.user.id);
    let code = generatePseudonymCode(enhet.kod, cryptoRandomInts);
    while (taken.has(code)) code = generatePseudonymCode(enhet.kod, cryptoRandomInts);
    taken.add(code);
    const record: Arende = {
      ...fields,
      id: crypto.randomUUID(),
      forbundId: device.user.forbund.id,
      code,
      createdAt: at,
      updatedAt: at,
      version: 0,
    };
    const changes: Record<string, unknown> = { code };
    for (const f of ARENDE_FIELDS) changes[f] = fields[f];
    await writeWithOutbox(device.db, { entity: 'arende', record, baseVersion: null, changes, at });
  }
}

/**
 * Puts n synthetic ärenden on the server through the sync API, as a device that created them
 * offline would (seedOutbox, then one sync round). The device's pull cursor is first moved past
 * every change so the round does not download the same records again; only the push matters here.
 */
export async function seedServer(
  baseUrl: string,
  username: string,
  password: string,
  n: number,
): Promise<void> {
  const device = await loginNodeDevice(baseUrl, username, password);
  await seedOutbox(device, n);
  await setMeta(device.db, 'cursor', '999999999999999999');
  const outcome = await device.syncNow();
  if (!outcome?.ok || outcome.pushed !== n || outcome.rejected !== 0) {
    throw new Error(`seeding the server failed: ${JSON.stringify(outcome)}`);
  }
  device.db.close();
}
