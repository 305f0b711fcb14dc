/**
 * Keeps the förbund's open half-year rounds on a koordinator's device, so a round can be run in
 * hand-over mode offline. Runs after a successful sync round; a failure keeps the rounds already
 * kept and is never a sync error.
 */
import type { FaltsamDb } from '../db/database';
import { storeOpenRounds } from '../db/rounds-repo';
import { getSession } from '../db/session-repo';
import type { ApiClient } from './api';

export async function refreshRounds(db: FaltsamDb, api: Pick<ApiClient, 'rounds'>): Promise<void> {
  const session = await getSession(db);
  if (session?.user.role !== 'koordinator') return;
  try {
    await storeOpenRounds(db, (await api.rounds()).rounds);
  } catch {
    // Offline or refused: the rounds kept from an earlier sync stay.
  }
}
