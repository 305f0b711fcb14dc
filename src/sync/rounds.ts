/**
 * Keeps the förbund's open half-year rounds on a koordinator's (or half-year respondent's) device, so a round can be run in
 * hand-over mode offline. Runs after a successful sync round; a failure keeps the rounds already
 * kept and is never a sync error. Opening a round needs the network: a round is shared by everyone.
 */
import type { FaltsamDb } from '../db/database';
import { getOpenRounds, storeOpenRounds } from '../db/rounds-repo';
import { getSession } from '../db/session-repo';
import type { HalvarRound, NewHalvarRound } from '../domain/instrument/round';
import { type ApiClient, ApiError, NetworkError } from './api';

export async function refreshRounds(db: FaltsamDb, api: Pick<ApiClient, 'rounds'>): Promise<void> {
  const session = await getSession(db);
  // A koordinator runs rounds on a tablet; a half-year respondent answers their group's form.
  const role = session?.user.role;
  if (role !== 'koordinator' && role !== 'respondent') return;
  try {
    await storeOpenRounds(db, (await api.rounds()).rounds);
  } catch {
    // Offline or refused: the rounds kept from an earlier sync stay.
  }
}

/** What opening a round came to: the round, no network, or the server's refusal in Swedish. */
export type OpenRoundOutcome =
  | { ok: true; round: HalvarRound }
  | { ok: false; kind: 'offline' }
  | { ok: false; kind: 'refused'; status: number; message: string; fields: Record<string, string> };

/**
 * Opens a round on the server (POST /api/rounds), then refreshes the device's cached rounds. The
 * new round is kept at once, so it is listed even if the refresh that follows fails.
 */
export async function openRound(
  db: FaltsamDb,
  api: Pick<ApiClient, 'createRound' | 'rounds'>,
  req: NewHalvarRound,
): Promise<OpenRoundOutcome> {
  let round: HalvarRound;
  try {
    ({ round } = await api.createRound(req));
  } catch (err) {
    if (err instanceof NetworkError) return { ok: false, kind: 'offline' };
    if (err instanceof ApiError)
      return {
        ok: false,
        kind: 'refused',
        status: err.status,
        message: err.body.message,
        fields: err.body.fields ?? {},
      };
    throw err;
  }
  const kept = await getOpenRounds(db);
  await storeOpenRounds(db, [...kept.filter((r) => r.id !== round.id), round]);
  await refreshRounds(db, api);
  return { ok: true, round };
}
