/**
 * Every transaction that deletes ärende rows deletes the ärenden's snapshot (list-snapshot.ts)
 * with them, in the same IndexedDB transaction: a record taken off the device (access lost,
 * gallring, a discarded or deleted record, a wipe) must not stay readable in the snapshot. A Dexie
 * middleware rather than a call in each deletion path, so a new path cannot forget it. Kept apart
 * from list-snapshot.ts because database.ts (in the first screen's code) installs it.
 */
import type { DBCore, DBCoreMutateRequest, Middleware } from 'dexie';

/** The meta key of the encrypted snapshot of the decrypted ärenden. */
export const SNAPSHOT_KEY = 'arendeSnapshot';

function deletesArenden(req: DBCoreMutateRequest): boolean {
  if (req.type === 'deleteRange') return true;
  if (req.type !== 'delete') return false;
  return req.keys.some((k) => !Array.isArray(k) || k[0] === 'arende');
}

/**
 * A delete of ärende rows (or of a range of records, e.g. clear()) also deletes the snapshot. A
 * transaction without meta in its scope fails rather than leaving the content in the snapshot
 * (every deleting transaction in src/db includes meta).
 */
export const snapshotGuard: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'arendeSnapshotGuard',
  create(down) {
    return {
      ...down,
      table(name) {
        const table = down.table(name);
        if (name !== 'records') return table;
        return {
          ...table,
          async mutate(req) {
            if (deletesArenden(req)) {
              const scope = (req.trans as unknown as IDBTransaction).objectStoreNames;
              if (!scope.contains('meta')) {
                throw new Error(
                  'Deleting arende rows needs the meta table in the transaction: their snapshot is deleted with them.',
                );
              }
              await down.table('meta').mutate({ type: 'delete', trans: req.trans, keys: [SNAPSHOT_KEY] });
            }
            return table.mutate(req);
          },
        };
      },
    };
  },
};
