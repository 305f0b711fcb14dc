/**
 * Keeps the signed-in user as the server has it: enheter, the förbund's behovsgrupper (renamed,
 * added, retired) and its settings (stegförflyttning interval, gallring period). Runs after a
 * successful sync round; a failure keeps what the device has and is never a sync error.
 */
import type { FaltsamDb } from '../db/database';
import { setMeta } from '../db/meta';
import { getSession } from '../db/session-repo';
import type { ApiClient } from './api';

export async function refreshSessionUser(db: FaltsamDb, api: Pick<ApiClient, 'me'>): Promise<void> {
  try {
    const before = await getSession(db);
    if (!before) return;
    const user = await api.me();
    // Read again: a login on this device meanwhile has its own session, never overwritten here.
    const now = await getSession(db);
    if (!now || now.token !== before.token || now.user.id !== user.id) return;
    if (JSON.stringify(now.user) === JSON.stringify(user)) return;
    await setMeta(db, 'session', { ...now, user });
  } catch {
    // Offline or refused: the user kept from the last login or sync stays.
  }
}
