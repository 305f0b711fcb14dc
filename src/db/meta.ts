/**
 * Small typed key-value state kept beside the records (device id, session, cursor, sync status …).
 * Every value is encrypted unless its key is in codec.ts's PLAINTEXT_META, so a new key is
 * encrypted without anyone having to remember it: add it to MetaValues and use getMeta/setMeta.
 */
import type { SessionUser } from '../domain/account';
import { openMeta, sealMeta } from './codec';
import type { KeyEnvelope } from './crypto';
import type { FaltsamDb } from './database';

/** Who the device belongs to, in the clear for the lock screen: no deltagare data. */
export interface LockUser {
  id: string;
  username: string;
  displayName: string;
}

export interface MetaValues {
  deviceId: string;
  nextSeq: number;
  cursor: string;
  lastSyncedAt: string;
  lastError: {
    kind: 'network' | 'timeout' | 'server' | 'auth' | 'storage';
    message: string;
    at: string;
  } | null;
  session: { token: string; expiresAt: string; user: SessionUser };
  /** The data key wrapped under the unlock secret (crypto/envelope.ts). */
  keyEnvelope: KeyEnvelope;
  lockUser: LockUser;
  handoverLock: unknown;
  responseTally: unknown;
  kollegor: unknown;
  halvarRounds: unknown;
  /** Written by builds before encryption at rest; read once to unlock such a device offline. */
  unlockVerifier: unknown;
  /** The coordinator's aggregates last fetched from the server (db/aggregates-repo.ts). */
  aggregates: import('../domain/aggregation/report').StoredAggregates;
  /** The in-box secret of the push-only credential (db/sealed-outbox.ts); encrypted like every value. */
  pushSecret: string;
  /** The scope the device's records were pulled under (db/pull-apply.ts). */
  scope: import('../domain/sync-protocol').SyncScope;
  /** Records of a gained enhet or kind still to fetch (db/pull-apply.ts). */
  backfill: BackfillJob[];
  /** The scope shrank: records outside it are deleted once the pull round has caught up. */
  sweepNeeded: boolean;
  /**
   * The device dropped records it wrote (a blocked login, a refused edit given up) and pulls from
   * cursor 0 again: until that pull has caught up its pulls name no device, so the server sends
   * its own writes too (services/pull.ts).
   */
  startingOver: boolean;
  /** Records the server took away that are kept for their unsynced changes (db/removals.ts). */
  gone: [import('../domain/entity-names').EntityName, string][];
}

/** Records of gained enheter or kinds that changed at or before `until`, fetched after `after`. */
export interface BackfillJob {
  enhetIds: string[];
  entities: import('../domain/entity-names').EntityName[];
  until: string;
  after: string;
}

export async function getMeta<K extends keyof MetaValues>(
  db: FaltsamDb,
  key: K,
): Promise<MetaValues[K] | undefined> {
  const row = await db.meta.get(key);
  return (await openMeta(db, key, row)) as MetaValues[K] | undefined;
}

export async function setMeta<K extends keyof MetaValues>(
  db: FaltsamDb,
  key: K,
  value: MetaValues[K],
): Promise<void> {
  await db.meta.put(await sealMeta(db, key, value));
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
