/**
 * Swedish texts of the sync engine's news on the list and the sync status: a first sync's progress
 * and ärenden the server took away (en-sync.ts is the English twin). These screens load after the
 * first one, so their strings do too; components read them through sync.ts.
 */
import { count } from './sv';

export const syncNews = {
  /** A pull of more than one page: "Hämtar 3 000 av 10 000". */
  fetching: (done: number, total: number) => `Hämtar ${count(done)} av ${count(total)}`,
  /** The badge of an ärende the server took away, kept for unsynced changes. */
  removedBadge: 'Inte längre ditt',
  removedKept: (n: number) =>
    n === 1
      ? 'Ett ärende du inte längre har tillgång till finns kvar här för dina osynkade ändringar.'
      : `${count(n)} ärenden du inte längre har tillgång till finns kvar här för dina osynkade ändringar.`,
};
