/**
 * The device database: every synced record, the outbox of unsent edits, conflicts and sync state.
 * Records are stored whole, encrypted, and looked up by primary key only, so the indexes hold
 * nothing sensitive (entity name, random UUIDs, outbox state); see codec.ts for what is encrypted. A shipped version(n) is never edited; changes get a new version.
 */
import Dexie, { type Table } from 'dexie';
import type { EntityName } from '../domain/entities';
import type { ErrorBody } from '../domain/sync-protocol';
import type { EncryptedBlob } from './crypto';
import { DEFAULT_DB_NAME } from './db-name';
import { GEN_KEY, newGen, snapshotGuard } from './snapshot-guard';

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
  /** The record is deleted (sync-protocol Mutation.delete); `changes` is empty. */
  delete?: true;
}

export interface ConflictRow {
  id: string;
  entity: EntityName;
  recordId: string;
  field: string;
  local: unknown;
  server: unknown;
  /**
   * True from the push that found the conflict until the pull after it brings the server's value
   * (push answers carry no values); `server` is not known meanwhile.
   */
  serverPending?: boolean;
  at: string;
}

/**
 * The rows as IndexedDB holds them (codec.ts): the content sealed in `enc`, only what the indexes
 * and the locked screen need in the clear. `data`/`value` without `enc` are rows written before
 * encryption, encrypted at the first unlock (store-key.ts).
 */
export interface StoredRecordRow {
  entity: EntityName;
  id: string;
  enc?: EncryptedBlob;
  data?: Record<string, unknown>;
  /**
   * The server's version of the record (0: not on the server yet), in the clear: a counter, not
   * content. Rows sealed before version 2 of this database lack it and hold the version inside
   * `enc`; codec.ts reads whichever is there, and such a row gets it here at its next write.
   */
  version?: number;
  /**
   * Set when the server took the record away (moved, access lost) while it had unsynced changes:
   * kept, and shown as such, until those are sent or discarded (db/removals.ts). Any later server
   * copy of the record is written without it.
   */
  gone?: true;
}

// `delete` stays in the clear (no index): that an entry deletes its record says no more than its
// entity name and record id already do, and a push's results are stored without opening entries.
export type StoredOutboxRow = Pick<OutboxRow, 'seq' | 'id' | 'entity' | 'recordId' | 'state' | 'delete'> & {
  enc?: EncryptedBlob;
};

export type StoredConflictRow = Pick<ConflictRow, 'id' | 'entity' | 'recordId' | 'field'> & {
  enc?: EncryptedBlob;
};

export interface StoredMetaRow {
  key: string;
  value?: unknown;
  enc?: EncryptedBlob;
}

export class FaltsamDb extends Dexie {
  records!: Table<StoredRecordRow, [EntityName, string]>;
  outbox!: Table<StoredOutboxRow, number>;
  conflicts!: Table<StoredConflictRow, string>;
  meta!: Table<StoredMetaRow, string>;

  constructor(name: string) {
    // 'strict': a saved ärende has reached the disk before the UI says it is saved.
    super(name, { chromeTransactionDurability: 'strict' });
    this.version(1).stores({
      records: '[entity+id], entity',
      outbox: 'seq, id, recordId, state',
      conflicts: 'id, recordId',
      meta: 'key',
    });
    // 2: a record's server version is kept on its row, outside the sealed data (codec.ts), so a
    // push's answers set it without opening records. Sealed rows cannot be read here (the key is
    // not known while the database opens): they keep their version inside until rewritten, and
    // readers take it from there (codec.ts). A row still in plain text gets it now. A tab of the
    // build before, left open, is not kept out by the number (Dexie 4 opens a store at a lower
    // declared version): readers take the later of the two versions (codec.ts laterVersion), and
    // from this build on a tab closes the store when another upgrades it (ui/main.tsx).
    this.version(2)
      .stores({})
      .upgrade((tx) =>
        tx
          .table<StoredRecordRow>('records')
          .toCollection()
          .modify((row) => {
            if (!row.enc && typeof row.data?.version === 'number') row.version = row.data.version;
          }),
      );
    // 3: the ärende rows' generation token (snapshot-guard.ts), rewritten by every transaction that
    // writes them, which lets a list read (and an unlock's snapshot) stand for all rows. No new
    // table: the version makes a tab of the build before, whose writes do not renew the token, close
    // its connection when this one opens (closeWhenUpgradedElsewhere), so it cannot write unseen.
    this.version(3)
      .stores({})
      .upgrade((tx) => tx.table<StoredMetaRow>('meta').put({ key: GEN_KEY, value: newGen() }));
    // 4: records lose their `entity` index. Every read of a kind is a range of the primary key
    // ([entity+id] between [kind, min] and [kind, max]); the index was read by nothing and cost
    // every record write an index entry: in Chromium's IndexedDB about a third of the backend's
    // time for a first sync's 10,000 puts (bench/first-sync-chromium.ts).
    this.version(4).stores({ records: '[entity+id]' });
    this.use(snapshotGuard(this));
  }
}

export { DEFAULT_DB_NAME };

/** Opens (lazily) the device database. Works offline; nothing here touches the network. */
export function openFaltsamDb(name: string = DEFAULT_DB_NAME): FaltsamDb {
  return new FaltsamDb(name);
}

/**
 * Another tab upgraded the store to a newer version (a new build): this tab's code is older than
 * the store. The connection is closed, so the other tab's upgrade goes on, and stays closed (Dexie
 * would reopen it at this build's older version on the next query): reads and writes fail until
 * the page reloads, and `onClosed` is told so that it can ask the user for that reload.
 */
export function closeWhenUpgradedElsewhere(db: FaltsamDb, onClosed: () => void): void {
  db.on('versionchange', () => {
    db.close({ disableAutoOpen: true });
    onClosed();
    return false;
  });
}
