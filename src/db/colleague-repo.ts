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

/** Replaces the kept list of one enhet's handläggare. */
export async function saveColleagues(
  db: FaltsamDb,
  enhetId: string,
  list: readonly Kollega[],
): Promise<void> {
  // Read, then written encrypted; only the sync runner (one at a time) writes this.
  const all = await getColleagues(db);
  await setMeta(db, 'kollegor', { ...all, [enhetId]: list });
}
