/** Small typed key-value state kept beside the records (device id, session, cursor, sync status). */
import type { FaltsamDb } from './database';

export interface MetaValues {
  deviceId: string;
  nextSeq: number;
  cursor: string;
  lastSyncedAt: string;
  lastError: { kind: 'network' | 'server' | 'auth' | 'storage'; message: string; at: string } | null;
  session: { token: string; expiresAt: string; user: import('../domain/account').SessionUser };
  /** The coordinator's aggregates last fetched from the server (db/aggregates-repo.ts). */
  aggregates: import('../domain/aggregation/report').StoredAggregates;
}

export async function getMeta<K extends keyof MetaValues>(
  db: FaltsamDb,
  key: K,
): Promise<MetaValues[K] | undefined> {
  const row = await db.meta.get(key);
  return row?.value as MetaValues[K] | undefined;
}

export async function setMeta<K extends keyof MetaValues>(
  db: FaltsamDb,
  key: K,
  value: MetaValues[K],
): Promise<void> {
  await db.meta.put({ key, value });
}

/** The device id, created on first use. A wiped device gets a new id, so its sequence restarts at 1. */
export async function getDeviceId(db: FaltsamDb): Promise<string> {
  return db.transaction('rw', db.meta, async () => {
    const existing = await getMeta(db, 'deviceId');
    if (existing) return existing;
    const id = crypto.randomUUID();
    await setMeta(db, 'deviceId', id);
    return id;
  });
}
