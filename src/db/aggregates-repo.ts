/**
 * The coordinator's aggregates last fetched from the server, kept with their fetch time so the
 * views work offline and say how old they are. Replaced whole on each fetch; through meta only.
 * They hold published figures only (no ärende data), and are wiped with the rest at logout.
 */
import { StoredAggregates } from '../domain/aggregation/report';
import type { FaltsamDb } from './database';
import { getMeta, setMeta } from './meta';

export async function storeAggregates(db: FaltsamDb, value: StoredAggregates): Promise<void> {
  await setMeta(db, 'aggregates', StoredAggregates.parse(value));
}

/** The aggregates last fetched, or null before the first fetch (or if what is kept is unreadable). */
export async function getAggregates(db: FaltsamDb): Promise<StoredAggregates | null> {
  const parsed = StoredAggregates.safeParse(await getMeta(db, 'aggregates'));
  return parsed.success ? parsed.data : null;
}
