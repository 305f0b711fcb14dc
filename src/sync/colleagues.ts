/**
 * Keeps the handläggare of the user's enheter on the device, for överlämning offline. Runs after a
 * successful sync round; a failure keeps the list already kept and is never a sync error.
 */
import { saveColleagues } from '../db/colleague-repo';
import type { FaltsamDb } from '../db/database';
import { getSession } from '../db/session-repo';
import type { ApiClient } from './api';

export async function refreshColleagues(db: FaltsamDb, api: Pick<ApiClient, 'handlaggare'>): Promise<void> {
  const session = await getSession(db);
  if (session?.user.role !== 'handlaggare') return;
  // All at once: on a line that stops answering the refresh ends within one request deadline.
  const fetched = await Promise.all(
    session.user.enheter.map((enhet) =>
      api.handlaggare(enhet.id).then(
        ({ handlaggare }) => [[enhet.id, handlaggare] as const],
        // Offline or refused: the list kept from an earlier sync stays.
        () => [],
      ),
    ),
  );
  await saveColleagues(db, Object.fromEntries(fetched.flat()));
}
