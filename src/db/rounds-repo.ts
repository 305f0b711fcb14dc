/**
 * The förbund's open half-year rounds, cached on the device so a koordinator can run one offline.
 * Replaced whole on each successful fetch; read offline.
 */

import { HalvarRound } from '../domain/instrument/round';
import { z } from '../domain/zod';
import type { FaltsamDb } from './database';
import { getMeta, setMeta } from './meta';

export async function storeOpenRounds(db: FaltsamDb, rounds: readonly HalvarRound[]): Promise<void> {
  await setMeta(db, 'halvarRounds', z.array(HalvarRound).parse(rounds));
}

/** The rounds last fetched (empty before the first fetch). */
export async function getOpenRounds(db: FaltsamDb): Promise<HalvarRound[]> {
  const parsed = z.array(HalvarRound).safeParse(await getMeta(db, 'halvarRounds'));
  return parsed.success ? parsed.data : [];
}
