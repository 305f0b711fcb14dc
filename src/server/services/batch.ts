/**
 * One push, batched: the records a batch touches (and the ärenden and möten they refer to) are
 * read in one query, pseudonym codes are checked in one query, and the audit rows and the stored
 * answers are written when the batch is done (the answers as one row). Per mutation only the record
 * itself is written. Same transaction, same results as one mutation at a time — just far fewer
 * round trips (10,000 ärenden took ~35 s one query at a time).
 *
 * A record is found by its id alone (an id is one record, whatever its kind; the database holds
 * that too), and the write of a record can only replace the row as it was read: the same kind,
 * förbund, enhet and version. Anything else is a bug, and the whole push is rolled back.
 */
import { setImmediate } from 'node:timers/promises';
import type { EntityName } from '../../domain/entities';
import { isId } from '../../domain/id';
import { isStorableText } from '../../domain/storable-text';
import type { Mutation } from '../../domain/sync-protocol';
import { decodeFieldWriters, encodeFieldWriters } from '../store/field-writers';
import type { StoredRecord } from '../store/records';
import type { Sql } from '../store/sql';
import type { Outcome, StoredAnswer } from './outcome';

export interface AuditRow {
  action: string;
  entity: string;
  recordId: string | null;
  deviceId: string | null;
  fields: readonly string[] | null;
  /** Why a mutation was refused (its error code); null for a change. */
  reason?: string | null;
}

export interface Batch {
  /** The record with this id whatever its kind, locked for the transaction; null when none. */
  loadAny(id: string): Promise<StoredRecord | null>;
  /** The record when it exists and is of this kind; null otherwise. */
  load(entity: EntityName, id: string): Promise<StoredRecord | null>;
  /** Stores the record when the batch is flushed (or earlier, see flushRecords); later loads see it. */
  save(record: StoredRecord): void;
  /**
   * Gives an unchanged record a new change_seq, so the pull that follows the push brings the
   * device the server's values where they differ from what it sent (a conflict, a resolver).
   */
  touch(id: string): void;
  /** Writes the records saved so far; call before reading the record table with SQL directly. */
  flushRecords(): Promise<void>;
  /** Deletes the record now (after writing what is buffered); later loads see it gone. */
  remove(entity: EntityName, id: string): Promise<void>;
  /** Drops what the batch holds of an ärende's case work (after it moved to another enhet). */
  forgetChildrenOf(arendeId: string): void;
  /** Is `code` used in the förbund by an ärende other than `exceptId`? */
  codeTaken(code: string, exceptId: string): Promise<boolean>;
  audit(row: AuditRow): void;
  applied(m: Mutation, outcome: Outcome): void;
  /**
   * Writes the buffered records, touches, audit rows and outcomes, and the device's row and stored
   * answers (services/push.ts) in the same statement as the last audit rows and outcomes: a push of
   * a few records ends in two statements, not five.
   */
  flush(device: DeviceEnd): Promise<void>;
}

/** Where a push leaves its device: its last applied sequence, and the answers it no longer needs. */
export interface DeviceEnd {
  lastSeq: number;
  /** Stored answers below this sequence are forgotten (the device has them). */
  pruneBelow: number;
}

interface RecordRow {
  entity: EntityName;
  id: string;
  forbund_id: string;
  enhet_id: string | null;
  data: Record<string, unknown>;
  version: number;
  field_versions: Record<string, number>;
  /** Compact or as it is (store/field-writers.ts); null in no row, but read defensively. */
  field_writers: Record<string, unknown> | null;
}

const toStored = (r: RecordRow): StoredRecord => ({
  entity: r.entity,
  id: r.id,
  forbundId: r.forbund_id,
  enhetId: r.enhet_id,
  data: r.data,
  version: r.version,
  fieldVersions: r.field_versions,
  fieldWriters: decodeFieldWriters(r.field_writers, r.field_versions),
});

/**
 * Rows per insert. One statement with 500 records of long notes held PGlite – and with it every
 * request – for most of a second; in chunks, other requests get a turn between statements.
 */
const CHUNK = 100;

async function inChunks<T>(
  rows: readonly T[],
  write: (chunk: readonly T[]) => Promise<unknown>,
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    if (i > 0) await setImmediate();
    await write(rows.slice(i, i + CHUNK));
  }
}

/** Takes the last chunk (as inChunks cuts them) off `rows`, which keeps the ones before it. */
const takeLastChunk = <T>(rows: T[]): T[] =>
  rows.splice(Math.max(0, Math.ceil(rows.length / CHUNK) - 1) * CHUNK);

const RECORD_COLUMNS = 'entity, id, forbund_id, enhet_id, data, version, field_versions, field_writers';

/** The row as the database holds it now: what a write of the record must find to replace. */
interface InDatabase {
  entity: string;
  forbundId: string;
  enhetId: string | null;
  version: number;
}

export async function createBatch(
  tx: Sql,
  ctx: { forbundId: string; userId: string; deviceId: string; now: Date },
  mutations: readonly Mutation[],
): Promise<Batch> {
  const records = new Map<string, StoredRecord | null>();
  const inDb = new Map<string, InDatabase>();
  const codes = new Map<string, string>();
  const audits: AuditRow[] = [];
  const unsaved = new Map<string, StoredRecord>();
  const touched = new Set<string>();
  const outcomes: { m: Mutation; outcome: Outcome }[] = [];

  const remember = (r: RecordRow) => {
    records.set(r.id, toStored(r));
    inDb.set(r.id, { entity: r.entity, forbundId: r.forbund_id, enhetId: r.enhet_id, version: r.version });
  };

  // Everything the batch's mutations name: their records and the parents they point at. Only
  // canonical ids: anything else is refused per mutation before it is looked up.
  const ids = new Set<string>();
  for (const m of mutations) {
    for (const ref of [m.recordId, m.changes.arendeId, m.changes.moteId]) if (isId(ref)) ids.add(ref);
  }
  const newCodes = mutations.flatMap((m) =>
    m.entity === 'arende' && typeof m.changes.code === 'string' && isStorableText(m.changes.code)
      ? [m.changes.code]
      : [],
  );
  // One statement: the records, locked, and the ärenden of the förbund that already use one of
  // the codes the batch sets (a row of the second kind has only its id and `code`).
  const fetched = await tx.query<RecordRow & { code: string | null }>(
    `with named as (select ${RECORD_COLUMNS} from record where id = any($1::uuid[]) for update)
     select ${RECORD_COLUMNS}, null::text as code from named
     union all
     select null::text, id, null::uuid, null::uuid, null::jsonb, null::int, null::jsonb, null::jsonb,
            data ->> 'code'
       from record where entity = 'arende' and forbund_id = $2 and data ->> 'code' = any($3::text[])`,
    [[...ids], ctx.forbundId, newCodes],
  );
  for (const id of ids) records.set(id, null);
  for (const r of fetched.rows) {
    if (r.code === null) remember(r);
    else codes.set(r.code, r.id);
  }

  /** One upsert for every record the batch changed, each with the next change_seq. */
  async function flushRecords(): Promise<void> {
    if (unsaved.size === 0) return;
    const rows = [...unsaved.values()];
    unsaved.clear();
    await inChunks(rows, (chunk) => upsertRecords(tx, ctx.now, chunk, (id) => inDb.get(id) ?? null));
    for (const r of rows)
      inDb.set(r.id, { entity: r.entity, forbundId: r.forbundId, enhetId: r.enhetId, version: r.version });
  }

  async function load(id: string): Promise<StoredRecord | null> {
    if (records.has(id)) return records.get(id) ?? null;
    if (!isId(id)) return null;
    const { rows } = await tx.query<RecordRow>(
      `select ${RECORD_COLUMNS} from record where id = $1 for update`,
      [id],
    );
    if (rows[0]) remember(rows[0]);
    else records.set(id, null);
    return records.get(id) ?? null;
  }

  return {
    loadAny: load,
    async load(entity, id) {
      const found = await load(id);
      return found?.entity === entity ? found : null;
    },
    save(record) {
      records.set(record.id, record);
      unsaved.set(record.id, record);
      touched.delete(record.id);
      if (record.entity === 'arende' && typeof record.data.code === 'string')
        codes.set(record.data.code, record.id);
    },
    touch(id) {
      if (!unsaved.has(id)) touched.add(id);
    },
    forgetChildrenOf(arendeId) {
      for (const [k, r] of records) {
        if (r?.data.arendeId !== arendeId) continue;
        records.delete(k);
        inDb.delete(k);
      }
    },
    async codeTaken(code, exceptId) {
      const owner = codes.get(code);
      return owner !== undefined && owner !== exceptId;
    },
    audit(row) {
      audits.push(row);
    },
    applied(m, outcome) {
      outcomes.push({ m, outcome });
    },
    flushRecords,
    async remove(entity, id) {
      await flushRecords();
      await tx.query('delete from record where entity = $1 and id = $2', [entity, id]);
      records.set(id, null);
      inDb.delete(id);
      touched.delete(id);
    },
    async flush(device) {
      await flushRecords();
      if (touched.size > 0) {
        // The device that sent the write does not hold what the server kept: it pulls it again.
        await tx.query(
          `update record set change_seq = nextval('change_seq'), own_writer = null where id = any($1::uuid[])`,
          [[...touched]],
        );
        touched.clear();
      }
      // All but the last chunk of audit rows on their own (other requests get turns between them).
      const lastAudits = takeLastChunk(audits);
      await inChunks(audits.splice(0), (chunk) => writeAudits(tx, ctx, chunk));
      await endPush(tx, ctx, lastAudits, outcomes, device);
    },
  };
}

/** The columns a record is written with, as `rows from (jsonb_to_recordset(…))` reads them. */
const RECORD_ROWS = `rows from (jsonb_to_recordset($2::jsonb) as (entity text, id uuid, forbund_id uuid, enhet_id uuid,
                       data jsonb, version int, field_versions jsonb, field_writers jsonb, own_writer uuid))
         with ordinality as r(entity, id, forbund_id, enhet_id, data, version, field_versions, field_writers,
                              own_writer, n)`;

const INSERT_RECORDS = `insert into record as t (entity, id, forbund_id, enhet_id, data, version, field_versions,
                              field_writers, change_seq, created_at, updated_at, own_writer, own_version)
     select r.entity, r.id, r.forbund_id, r.enhet_id, r.data, r.version, r.field_versions, r.field_writers,
            nextval('change_seq'), $1::timestamptz, $1::timestamptz, r.own_writer, r.version
       from ${RECORD_ROWS}
      order by r.n`;

/**
 * Records are written as one JSON parameter: one JSON.stringify of the batch, one parse in the
 * database, instead of a text array per column whose every JSON element PGlite's array writer
 * escaped and the database parsed twice (the array, then each element). A batch of only new
 * records (the bulk of a first sync) is a plain insert: `on conflict` makes every row a
 * speculative insertion, checked against the key before and confirmed after. Measured on PGlite
 * (a throwaway loop, 10,000 ärenden in statements of 100, alternating): 117 µs a row with arrays,
 * 98 with the JSON parameter, 91 without `on conflict`. A row that exists after all (another push
 * of the same id committed since the batch read it; PostgreSQL only) is a unique violation, and
 * the push runs again (store/retry.ts) and then finds it: `finns_redan`, where the upsert's short
 * count was a 500 (push-collisions.test.ts).
 */
const recordsJson = (rows: readonly StoredRecord[]) =>
  JSON.stringify(
    rows.map((r) => ({
      entity: r.entity,
      id: r.id,
      forbund_id: r.forbundId,
      enhet_id: r.enhetId,
      data: r.data,
      version: r.version,
      field_versions: r.fieldVersions,
      field_writers: encodeFieldWriters(r.fieldWriters, r.fieldVersions),
      own_writer: r.ownWriter ?? null,
    })),
  );

/**
 * A create inserts; an update replaces only the row as it was read (same kind, förbund, enhet and
 * version). A row that is not as expected is neither inserted nor updated, and then the count of
 * rows written is short: a bug, and the push is rolled back rather than overwrite anything.
 */
async function upsertRecords(
  tx: Sql,
  now: Date,
  rows: readonly StoredRecord[],
  asRead: (id: string) => InDatabase | null,
): Promise<void> {
  const before = rows.map((r) => asRead(r.id));
  const written = before.every((b) => b === null)
    ? await tx.query<{ id: string }>(
        `${INSERT_RECORDS} returning t.id`,
        [now.toISOString(), recordsJson(rows)],
        {
          prepared: true,
        },
      )
    : await tx.query<{ id: string }>(
        `${INSERT_RECORDS}
     on conflict (id) do update set
       enhet_id = excluded.enhet_id, data = excluded.data, version = excluded.version,
       field_versions = excluded.field_versions, field_writers = excluded.field_writers,
       change_seq = excluded.change_seq, updated_at = excluded.updated_at,
       own_writer = excluded.own_writer, own_version = excluded.own_version
     where (t.entity, t.forbund_id, t.version) = (excluded.entity, excluded.forbund_id, (
             select e.version from unnest($3::uuid[], $4::int[], $5::uuid[]) as e(id, version, enhet_id)
              where e.id = t.id and e.enhet_id is not distinct from t.enhet_id))
     returning t.id`,
        [
          now.toISOString(),
          recordsJson(rows),
          rows.map((r) => r.id),
          before.map((b) => b?.version ?? null),
          before.map((b) => b?.enhetId ?? null),
        ],
        { prepared: true },
      );
  if (written.rows.length !== rows.length)
    throw new Error(`A push would have replaced ${rows.length - written.rows.length} record(s) not as read`);
}

/** The insert of audit rows (one JSON parameter, as records), its parameters numbered from `$${from}` on. */
function auditInsert(
  ctx: { forbundId: string; userId: string; now: Date },
  audits: readonly AuditRow[],
  from: number,
): { text: string; params: unknown[] } {
  const $ = (n: number) => `$${from + n}`;
  return {
    text: `insert into audit_event (at, forbund_id, user_id, device_id, action, entity, record_id, fields, route, reason)
     select ${$(0)}::timestamptz, ${$(1)}::uuid, ${$(2)}::uuid, a.device_id, a.action, a.entity, a.record_id, a.fields,
            'POST /api/sync/push', a.reason
       from jsonb_to_recordset(${$(3)}::jsonb)
         as a(device_id uuid, action text, entity text, record_id uuid, fields jsonb, reason text)`,
    params: [
      ctx.now.toISOString(),
      ctx.forbundId,
      ctx.userId,
      JSON.stringify(
        audits.map((a) => ({
          device_id: a.deviceId,
          action: a.action,
          entity: a.entity,
          record_id: a.recordId,
          fields: a.fields,
          reason: a.reason ?? null,
        })),
      ),
    ],
  };
}

async function writeAudits(
  tx: Sql,
  ctx: { forbundId: string; userId: string; now: Date },
  audits: readonly AuditRow[],
): Promise<void> {
  if (audits.length === 0) return;
  const { text, params } = auditInsert(ctx, audits, 1);
  await tx.query(text, params, { prepared: true });
}

/**
 * The insert of the push's stored answers (migration 018): one row, the answers in sequence order
 * from the first applied one; its parameters numbered from `$${from}` on. The mutations a push
 * applies follow each other without a gap (services/push.ts stops at one), so answers[i] is the
 * answer to sequence first + i; anything else is a bug, and the push is rolled back.
 */
function answersInsert(
  ctx: { deviceId: string; now: Date },
  outcomes: readonly { m: Mutation; outcome: Outcome }[],
  from: number,
): { text: string; params: unknown[] } {
  const $ = (n: number) => `$${from + n}`;
  const first = outcomes[0]?.m.seq ?? 0;
  if (outcomes.some(({ m }, i) => m.seq !== first + i))
    throw new Error('A push would have stored answers to sequences with a gap between them');
  return {
    text: `insert into applied_batch (device_id, first_seq, last_seq, answers, applied_at)
     select ${$(0)}::uuid, ${$(1)}::bigint, ${$(2)}::bigint, ${$(3)}::jsonb, ${$(4)}::timestamptz
      where ${$(2)}::bigint >= ${$(1)}::bigint`,
    params: [
      ctx.deviceId,
      first,
      first + outcomes.length - 1,
      JSON.stringify(outcomes.map(({ m, outcome }) => storedAnswer(m, outcome))),
      ctx.now.toISOString(),
    ],
  };
}

/** An answer as applied_batch keeps it: no null members (migration 018 checks the shape). */
function storedAnswer(m: Mutation, o: Outcome): StoredAnswer {
  if (o.status === 'rejected') return { mutation_id: m.id, status: 'rejected', error: o.error };
  return o.version === null
    ? { mutation_id: m.id, status: 'applied', conflicts: o.conflicts }
    : { mutation_id: m.id, status: 'applied', version: o.version, conflicts: o.conflicts };
}

/**
 * The last statement of a push: its last audit rows and outcomes, the device's stored answers it
 * no longer needs forgotten, and its row moved on. The answers forgotten are all below the batch's
 * first sequence (services/push.ts pruneBelow), the ones written all at or above it: no row is
 * both. A device that pushes holds data again, whatever a logout on it said before.
 */
async function endPush(
  tx: Sql,
  ctx: { forbundId: string; userId: string; deviceId: string; now: Date },
  audits: readonly AuditRow[],
  outcomes: readonly { m: Mutation; outcome: Outcome }[],
  device: DeviceEnd,
): Promise<void> {
  const auditSql = auditInsert(ctx, audits, 5);
  const answersSql = answersInsert(ctx, outcomes, 5 + auditSql.params.length);
  await tx.query(
    `with audits as (${auditSql.text}),
          answers as (${answersSql.text}),
          pruned as (delete from applied_batch where device_id = $1 and last_seq < $4)
     update device set last_seq = $2, last_seen_at = $3, signed_out_at = null where id = $1`,
    [
      ctx.deviceId,
      device.lastSeq,
      ctx.now.toISOString(),
      device.pruneBelow,
      ...auditSql.params,
      ...answersSql.params,
    ],
    { prepared: true },
  );
}
