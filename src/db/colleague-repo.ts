/**
 * The handläggare of the user's enheter, kept on the device so an ärende can be handed over with no
 * network. Refreshed after each successful sync (src/sync/colleagues.ts); wiped with the device.
 */
import { Kollega } from '../domain/overlamning';
import type { FaltsamDb } from './database';
import { getMeta, setMeta } from './meta';

/** Enhet id → its handläggare, as last fetched; empty when never fetched. Offline: reads the device. */
export async function getColleagues(db: FaltsamDb): Promise<Record<string, Kollega[]>> {
  const value = (await getMeta(db, 'kollegor')) as Record<string, Kollega[]> | undefined;
  const parsed = Kollega.array().safeParse(Object.values(value ?? {}).flat());
  return parsed.success ? (value ?? {}) : {};
}

/**
 * Replaces the kept lists of the enheter given (enhet id → its handläggare), keeping the others.
 * Read, then written encrypted: one call per refresh, so the lists fetched together are never
 * written over each other.
 */
export async function saveColleagues(
  db: FaltsamDb,
  lists: Readonly<Record<string, readonly Kollega[]>>,
): Promise<void> {
  if (Object.keys(lists).length === 0) return;
  const all = await getColleagues(db);
  await setMeta(db, 'kollegor', { ...all, ...lists });
}
