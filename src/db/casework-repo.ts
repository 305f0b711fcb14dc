/**
 * Case-work records of an ärende on the device: samtycken, möten, åtgärder, SIP, stegmätningar and
 * överlämningar, all in the generic records table. Reads never need the network; every write is
 * validated with the domain rules the server applies, then stored with its outbox entry. Offline:
 * works while the disk allows; several records written together are stored all or none.
 */
import type { Atgard } from '../domain/atgard';
import type { CaseworkEntityName } from '../domain/casework-entities';
import { ENTITIES } from '../domain/entities';
import type { Mote } from '../domain/mote';
import type { Overlamning } from '../domain/overlamning';
import { validateEntityFields } from '../domain/record-validation';
import type { Samtycke } from '../domain/samtycke';
import type { Sip } from '../domain/sip';
import type { Stegmatning } from '../domain/stegforflyttning';
import type { ErrorBody } from '../domain/sync-protocol';
import { ValidationError } from '../domain/validation';
import { openRejected } from './arende-repo';
import { openRecords } from './codec';
import type { FaltsamDb, OutboxRow } from './database';
import { assertNotDueForGallring } from './gallring-guard';
import { currentKey } from './keyring';
import { changedFields, type LocalWrite, readAllStored, readRecord, writeAllWithOutbox } from './records';

export type RecordSync = { state: 'synkad' | 'ej_synkad' | 'avvisad'; error?: ErrorBody };
export type Local<T> = T & { sync: RecordSync };

export interface Casework {
  samtycken: Local<Samtycke>[];
  moten: Local<Mote>[];
  atgarder: Local<Atgard>[];
  sips: Local<Sip>[];
  matningar: Local<Stegmatning>[];
  overlamningar: Local<Overlamning>[];
}

/** Where a new record belongs. */
export interface ArendeRef {
  arendeId: string;
  forbundId: string;
}

export function syncOf(entries: readonly OutboxRow[] = []): RecordSync {
  const rejected = entries.find((e) => e.state === 'rejected');
  if (rejected) return rejected.error ? { state: 'avvisad', error: rejected.error } : { state: 'avvisad' };
  return { state: entries.length > 0 ? 'ej_synkad' : 'synkad' };
}

const byDate = (key: string) => (a: Record<string, unknown>, b: Record<string, unknown>) =>
  String(a[key] ?? '').localeCompare(String(b[key] ?? '')) ||
  String(a.createdAt).localeCompare(String(b.createdAt));

/** Every case-work record of one ärende with its sync state, each kind oldest first. */
export async function loadCasework(db: FaltsamDb, arendeId: string): Promise<Casework> {
  const kinds = ['samtycke', 'mote', 'atgard', 'sip', 'stegmatning', 'overlamning'] as const;
  currentKey(db);
  const [stored, storedOutbox] = await db.transaction('r', [db.records, db.outbox], () =>
    Promise.all([Promise.all(kinds.map((k) => readAllStored(db, k))), db.outbox.toArray()]),
  );
  const [lists, outbox] = await Promise.all([
    Promise.all(stored.map((rows) => openRecords(db, rows))),
    openRejected(db, storedOutbox),
  ]);
  const byRecord = new Map<string, OutboxRow[]>();
  for (const e of outbox) byRecord.set(e.recordId, [...(byRecord.get(e.recordId) ?? []), e]);
  const of = <T>(i: number, sortKey: string): Local<T>[] =>
    (lists[i] ?? [])
      .filter((r) => r.arendeId === arendeId)
      .sort(byDate(sortKey))
      .map((r) => ({ ...(r as T), sync: syncOf(byRecord.get(String(r.id))) }));
  return {
    // Kept before refusals existed: given, with no recorder of a withdrawal.
    samtycken: of<Samtycke>(0, 'date').map((x) => ({
      ...x,
      decision: x.decision ?? 'lamnat',
      withdrawnBy: x.withdrawnBy ?? null,
    })),
    moten: of<Mote>(1, 'date'),
    atgarder: of<Atgard>(2, 'senast'),
    sips: of<Sip>(3, 'createdAt'),
    matningar: of<Stegmatning>(4, 'date'),
    overlamningar: of<Overlamning>(5, 'datum'),
  };
}

const editable = (entity: CaseworkEntityName) => Object.keys(ENTITIES[entity].fields.shape);

function assertValid(entity: CaseworkEntityName, fields: Record<string, unknown>, prefix = ''): void {
  const errors = validateEntityFields(entity, fields);
  if (errors)
    throw new ValidationError(
      Object.fromEntries(Object.entries(errors).map(([k, v]) => [`${prefix}${k}`, v])),
    );
}

/** The write that creates a record; validated, not yet stored. */
export function newRecordWrite(
  entity: CaseworkEntityName,
  ref: ArendeRef,
  fields: object,
  now: Date,
  errorPrefix = '',
): LocalWrite {
  const values = { ...fields, arendeId: ref.arendeId } as Record<string, unknown>;
  assertValid(entity, values, errorPrefix);
  const at = now.toISOString();
  const record = {
    ...values,
    id: crypto.randomUUID(),
    forbundId: ref.forbundId,
    createdAt: at,
    updatedAt: at,
    version: 0,
  };
  const changes = Object.fromEntries(editable(entity).map((f) => [f, values[f]]));
  return { entity, record, baseVersion: null, changes, at };
}

/** The write that applies `patch` to a stored record; null when nothing changes. */
export async function editRecordWrite(
  db: FaltsamDb,
  entity: CaseworkEntityName,
  id: string,
  patch: object,
  now: Date,
): Promise<LocalWrite | null> {
  const current = await readRecord(db, entity, id);
  if (!current) throw new ValidationError({ _: 'Uppgiften finns inte på den här apparaten.' });
  const merged = { ...current, ...patch };
  const fields = Object.fromEntries(editable(entity).map((f) => [f, merged[f]]));
  assertValid(entity, fields);
  const changes = changedFields(current, merged, editable(entity));
  if (Object.keys(changes).length === 0) return null;
  const at = now.toISOString();
  return {
    entity,
    record: { ...merged, id, updatedAt: at },
    baseVersion: Number(current.version),
    changes,
    at,
  };
}

/** Stores several writes and their outbox entries in one transaction, in order. */
export async function writeTogether(db: FaltsamDb, writes: readonly (LocalWrite | null)[]): Promise<void> {
  const real = writes.filter((w): w is LocalWrite => w !== null);
  await assertNotDueForGallring(db, arendenOf(real));
  // All encrypted first, then stored in one transaction.
  await writeAllWithOutbox(db, real);
}

/** The ärenden the writes change: an ärende itself, or the one a case-work record belongs to. */
function arendenOf(writes: readonly LocalWrite[]): string[] {
  return writes.flatMap((w) =>
    w.entity === 'arende' ? [w.record.id] : typeof w.record.arendeId === 'string' ? [w.record.arendeId] : [],
  );
}

/** Creates one record of an ärende. Offline: stored and queued for sync. */
export async function createRecord(
  db: FaltsamDb,
  entity: CaseworkEntityName,
  ref: ArendeRef,
  fields: object,
  now: Date = new Date(),
): Promise<Record<string, unknown>> {
  const w = newRecordWrite(entity, ref, fields, now);
  await writeTogether(db, [w]);
  return w.record;
}

/** Saves an edit of one record; only changed fields are sent, based on the version last seen. */
export async function updateRecord(
  db: FaltsamDb,
  entity: CaseworkEntityName,
  id: string,
  patch: object,
  now: Date = new Date(),
): Promise<void> {
  await writeTogether(db, [await editRecordWrite(db, entity, id, patch, now)]);
}
