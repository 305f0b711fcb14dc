/**
 * Taking records off devices: the one way the server tells devices to delete their copy of a
 * record (an ärende moved to another enhet takes its case work along; a gallring run takes an
 * ärende and everything under it; a deleted konsultation summary). A removal names the record and the enhet it left. Each user's next pull delivers it if
 * the user belongs to that enhet and cannot see the record now — so it reaches exactly those who
 * had it and lost it, and never undoes a record that is still (or again) theirs. Ids only.
 */
import type { EntityName } from '../../domain/entities';
import { insertRemovals } from '../store/removals';
import type { Sql } from '../store/sql';

export interface LeavingRecord {
  entity: EntityName;
  id: string;
  /** The enhet the record was in (null: förbund-wide). */
  enhetId: string | null;
}

/**
 * Removes the records from the devices of everyone who could see them in their enhet, or only from
 * `userIds`' devices. For a record that stays visible to a user this removes nothing from theirs:
 * move it, delete it or narrow its audience in the same transaction. Runs in the caller's
 * transaction; a removal takes its pull position like a record write (change_xid stamped by the
 * trigger of migration 009, change_seq), so the pull's horizon keeps its order (services/pull.ts).
 */
export async function removeFromDevices(
  tx: Sql,
  forbundId: string,
  records: readonly LeavingRecord[],
  opts: { userIds?: readonly string[] } = {},
): Promise<void> {
  if (records.length === 0) return;
  const targets: (string | null)[] = opts.userIds ? [...opts.userIds] : [null];
  await insertRemovals(
    tx,
    forbundId,
    records.flatMap((r) =>
      targets.map((userId) => ({ entity: r.entity, id: r.id, enhetId: r.enhetId, userId })),
    ),
  );
}
