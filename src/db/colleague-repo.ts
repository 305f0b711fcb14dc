/**
 * The handläggare of the user's enheter, kept on the device so an ärende can be handed over with no
 * network. Refreshed after each successful sync (src/sync/colleagues.ts); wiped with the device.
 */
import { Kollega } from '../domain/overlamning';
import type { FaltsamDb } from './database';

const KEY = 'kollegor';

/** Enhet id → its handläggare, as last fetched; empty when never fetched. Offline: reads the device. */
export async function getColleagues(db: FaltsamDb): Promise<Record<string, Kollega[]>> {
  const row = await db.meta.get(KEY);
  const parsed = Kollega.array().safeParse(Object.values((row?.value as object | undefined) ?? {}).flat());
  return parsed.success ? ((row?.value as Record<string, Kollega[]> | undefined) ?? {}) : {};
}

/** Replaces the kept list of one enhet's handläggare. */
export async function saveColleagues(
  db: FaltsamDb,
  enhetId: string,
  list: readonly Kollega[],
): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const all = await getColleagues(db);
    await db.meta.put({ key: KEY, value: { ...all, [enhetId]: list } });
  });
}
