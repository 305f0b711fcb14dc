/**
 * The device database: every synced record, the outbox of unsent edits, conflicts and sync state.
 * Records are stored whole under `data` and looked up by primary key only, so the indexes hold
 * nothing sensitive (entity name, random UUIDs, outbox state); encryption at rest slots in at the
 * `data` codec in records.ts. A shipped version(n) is never edited; changes get a new version.
 */
import Dexie, { type Table } from 'dexie';
import type { EntityName } from '../domain/entities';
import type { ErrorBody } from '../domain/sync-protocol';

export interface RecordRow {
  entity: EntityName;
  id: string;
  data: Record<string, unknown>;
}

export type OutboxState = 'pending' | 'rejected';

export interface OutboxRow {
  /** Per-device sequence, 1, 2, 3…; allocated from meta.nextSeq in the writing transaction. */
  seq: number;
  /** Client-generated mutation id. */
  id: string;
  entity: EntityName;
  recordId: string;
  baseVersion: number | null;
  changes: Record<string, unknown>;
  at: string;
  state: OutboxState;
  error?: ErrorBody;
}

export interface ConflictRow {
  id: string;
  entity: EntityName;
  recordId: string;
  field: string;
  local: unknown;
  server: unknown;
  at: string;
}

export interface MetaRow {
  key: string;
  value: unknown;
}

export class FaltsamDb extends Dexie {
  records!: Table<RecordRow, [EntityName, string]>;
  outbox!: Table<OutboxRow, number>;
  conflicts!: Table<ConflictRow, string>;
  meta!: Table<MetaRow, string>;

  constructor(name: string) {
    // 'strict': a saved ärende has reached the disk before the UI says it is saved.
    super(name, { chromeTransactionDurability: 'strict' });
    this.version(1).stores({
      records: '[entity+id], entity',
      outbox: 'seq, id, recordId, state',
      conflicts: 'id, recordId',
      meta: 'key',
    });
  }
}

export const DEFAULT_DB_NAME = 'faltsam';

/** Opens (lazily) the device database. Works offline; nothing here touches the network. */
export function openFaltsamDb(name: string = DEFAULT_DB_NAME): FaltsamDb {
  return new FaltsamDb(name);
}
