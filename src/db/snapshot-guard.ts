/**
 * Every transaction that writes ärende rows also writes, in the same IndexedDB transaction:
 *
 * - a fresh random generation token (meta 'arendeGen', in the clear: a random string, no content).
 *   A list read taken in one transaction with the token it saw holds exactly the ärende rows of
 *   that token; a later read that sees the same token needs no rows (decrypted-cache.ts), and the
 *   ärenden snapshot (list-snapshot.ts) records the token it was taken at, so an unlock that finds
 *   it unchanged lists from the snapshot alone.
 * - when it deletes ärende rows: the deletion of the snapshot, so a record taken off the device
 *   (access lost, gallring, a discarded or deleted record, a wipe) does not stay readable in it.
 *
 * A Dexie middleware rather than a call in each writing path, so a new path cannot forget it; it
 * sits above Dexie's observability, so a liveQuery that read the token re-runs. Kept apart from
 * list-snapshot.ts because database.ts (in the first screen's code) installs it.
 */
import type { DBCore, DBCoreMutateRequest, Middleware } from 'dexie';

/** The meta key of the encrypted snapshot of the decrypted ärenden. */
export const SNAPSHOT_KEY = 'arendeSnapshot';
/** The meta key of the ärende rows' generation token (a random string, rewritten with each write). */
export const GEN_KEY = 'arendeGen';

/** A new generation token: random, so no two states of the rows ever share one (a wipe included). */
export const newGen = (): string => crypto.randomUUID();

/** Per database: told of each write of ärende rows in this tab (list-snapshot.ts schedules a rewrite). */
const listeners = new WeakMap<object, () => void>();

/** Calls `fn` after each write of ärende rows through `db` (in the transaction, before it commits). */
export function afterArendeWrites(db: object, fn: () => void): void {
  listeners.set(db, fn);
}

const isArendeKey = (k: unknown) => !Array.isArray(k) || k[0] === 'arende';

function writesArenden(req: DBCoreMutateRequest): boolean {
  switch (req.type) {
    case 'deleteRange':
      return true;
    case 'delete':
      return req.keys.some(isArendeKey);
    default:
      return req.values.some((v) => (v as { entity?: unknown } | null)?.entity === 'arende');
  }
}

/**
 * A write of ärende rows (or a delete of a range of records, e.g. clear()) gets a new generation;
 * a delete also deletes the snapshot. A transaction without meta in its scope fails rather than
 * leave either behind (every writing transaction in src/db includes meta).
 */
export const snapshotGuard = (db: object): Middleware<DBCore> => ({
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
            const arenden = writesArenden(req);
            if (arenden) {
              const scope = (req.trans as unknown as IDBTransaction).objectStoreNames;
              if (!scope.contains('meta')) {
                throw new Error(
                  'Writing arende rows needs the meta table in the transaction: their generation (and snapshot) change with them.',
                );
              }
              const meta = down.table('meta');
              if (req.type === 'delete' || req.type === 'deleteRange') {
                await meta.mutate({ type: 'delete', trans: req.trans, keys: [SNAPSHOT_KEY] });
              }
              await meta.mutate({
                type: 'put',
                trans: req.trans,
                values: [{ key: GEN_KEY, value: newGen() }],
              });
            }
            const done = await table.mutate(req);
            if (arenden) listeners.get(db)?.();
            return done;
          },
        };
      },
    };
  },
});
