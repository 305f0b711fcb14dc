/** English texts of the sync engine's news on the list and the sync status (sv-sync.ts is the reference). */
import { count } from './en';
import type { syncNews as svSyncNews } from './sv-sync';

export const syncNews: typeof svSyncNews = {
  fetching: (done: number, total: number) => `Fetching ${count(done)} of ${count(total)}`,
  removedBadge: 'No longer yours',
  removedKept: (n: number) =>
    n === 1
      ? 'A case you no longer have access to is kept here for your unsynced changes.'
      : `${count(n)} cases you no longer have access to are kept here for your unsynced changes.`,
};
