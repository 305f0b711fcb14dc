/**
 * The koordinator's konsultationsteam records on the device: meetings and the de-identified case
 * summaries raised at them, in the generic records table. Reads never need the network; a meeting
 * and its summaries are validated with the domain rules the server applies and stored all-or-none
 * with their outbox entries. Offline: works while the disk allows; the next sync sends them.
 */
import { ENTITIES } from '../domain/entities';
import type {
  Konsultationsfall,
  KonsultationsfallDraft,
  Konsultationsmote,
  KonsultationsmoteFields,
} from '../domain/konsultation';
import type { KonsultationEntityName } from '../domain/konsultation-entities';
import { validateEntityFields } from '../domain/record-validation';
import { ValidationError } from '../domain/validation';
import { openRejected } from './arende-repo';
import { type Local, syncOf, writeTogether } from './casework-repo';
import { openRecords } from './codec';
import type { FaltsamDb, OutboxRow } from './database';
import { currentKey } from './keyring';
import { changedFields, deleteWithOutbox, type LocalWrite, readAllStored, readRecord } from './records';

export type KonsultationsmoteView = Local<Konsultationsmote> & { fall: Local<Konsultationsfall>[] };

/** Every meeting on the device, newest first, each with its case summaries by number. */
export async function loadKonsultationer(db: FaltsamDb): Promise<KonsultationsmoteView[]> {
  currentKey(db);
  // One consistent snapshot of the rows, decrypted after the read transaction has ended.
  const [storedMotes, storedFall, storedOutbox] = await db.transaction('r', [db.records, db.outbox], () =>
    Promise.all([
      readAllStored(db, 'konsultationsmote'),
      readAllStored(db, 'konsultationsfall'),
      db.outbox.toArray(),
    ]),
  );
  const [motes, fall, outbox] = await Promise.all([
    openRecords(db, storedMotes),
    openRecords(db, storedFall),
    openRejected(db, storedOutbox),
  ]);
  const byRecord = new Map<string, OutboxRow[]>();
  for (const e of outbox) byRecord.set(e.recordId, [...(byRecord.get(e.recordId) ?? []), e]);
  const local = <T>(r: Record<string, unknown>) => ({
    ...(r as T),
    sync: syncOf(byRecord.get(String(r.id))),
  });
  return motes
    .map((m) => ({
      ...local<Konsultationsmote>(m),
      fall: fall
        .filter((f) => f.moteId === m.id)
        .sort((a, b) => Number(a.nr) - Number(b.nr))
        .map((f) => local<Konsultationsfall>(f)),
    }))
    .sort((a, b) => b.datum.localeCompare(a.datum) || b.createdAt.localeCompare(a.createdAt));
}

const editable = (entity: KonsultationEntityName) => Object.keys(ENTITIES[entity].fields.shape);

/** The write that creates or edits one record; null when an edit changes nothing. */
async function writeOf(
  db: FaltsamDb,
  entity: KonsultationEntityName,
  forbundId: string,
  id: string | undefined,
  fields: Record<string, unknown>,
  now: Date,
): Promise<LocalWrite | null> {
  const at = now.toISOString();
  const current = id === undefined ? undefined : await readRecord(db, entity, id);
  if (id !== undefined && !current)
    throw new ValidationError({ _: 'Uppgiften finns inte på den här apparaten.' });
  if (!current) {
    const record = {
      ...fields,
      id: crypto.randomUUID(),
      forbundId,
      createdAt: at,
      updatedAt: at,
      version: 0,
    };
    const changes = Object.fromEntries(editable(entity).map((f) => [f, fields[f]]));
    return { entity, record, baseVersion: null, changes, at };
  }
  const merged = { ...current, ...fields };
  const changes = changedFields(current, merged, editable(entity));
  if (Object.keys(changes).length === 0) return null;
  return {
    entity,
    record: { ...merged, id: String(current.id), updatedAt: at },
    baseVersion: Number(current.version),
    changes,
    at,
  };
}

export interface KonsultationInput {
  forbundId: string;
  /** Set when editing a saved meeting. */
  moteId?: string;
  mote: KonsultationsmoteFields;
  /** The case summaries; `id` set for one already saved (it stays on its meeting, with its number). */
  fall: readonly (KonsultationsfallDraft & { id?: string; nr?: number })[];
}

/**
 * The number of each summary on its meeting's list: a saved one keeps the number the protokoll
 * knows it by (also after another is deleted); a new one gets the next after the highest.
 */
async function caseNumbers(db: FaltsamDb, fall: readonly { id?: string }[]): Promise<number[]> {
  const saved = await Promise.all(
    fall.map(async (f) =>
      f.id ? Number((await readRecord(db, 'konsultationsfall', f.id))?.nr) : Number.NaN,
    ),
  );
  let next = Math.max(0, ...saved.filter((n) => Number.isInteger(n))) + 1;
  return saved.map((n) => (Number.isInteger(n) ? n : next++));
}

/**
 * Deletes a saved case summary from the device and queues the deletion: the server removes it,
 * and so does every other device of the förbund's koordinatorer at its next sync. Offline: works.
 */
export async function deleteKonsultationsfall(
  db: FaltsamDb,
  id: string,
  now: Date = new Date(),
): Promise<void> {
  await deleteWithOutbox(db, 'konsultationsfall', id, now.toISOString());
}

/**
 * Saves a meeting and its case summaries together. Errors of the i-th summary are keyed
 * `fall-<i>-<field>`; nothing is stored unless all are valid. Returns the meeting's id. Offline: works.
 */
export async function saveKonsultation(
  db: FaltsamDb,
  input: KonsultationInput,
  now: Date = new Date(),
): Promise<string> {
  const errors: Record<string, string> = {
    ...prefixed(validateEntityFields('konsultationsmote', input.mote), ''),
  };
  const moteId = input.moteId ?? crypto.randomUUID();
  const nrs = await caseNumbers(db, input.fall);
  const fallFields = input.fall.map(({ id: _id, nr: _nr, ...f }, i) => {
    const fields = { ...f, moteId, nr: nrs[i] };
    Object.assign(errors, prefixed(validateEntityFields('konsultationsfall', fields), `fall-${i}-`));
    return fields;
  });
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  // Read and built before the writing transaction opens, as recordMote does (casework-actions.ts).
  const moteWrite = await writeOf(db, 'konsultationsmote', input.forbundId, input.moteId, input.mote, now);
  // A new meeting takes the id its summaries already point at.
  if (moteWrite && input.moteId === undefined) moteWrite.record.id = moteId;
  const fallWrites = await Promise.all(
    fallFields.map((f, i) => writeOf(db, 'konsultationsfall', input.forbundId, input.fall[i]?.id, f, now)),
  );
  await writeTogether(db, [moteWrite, ...fallWrites]);
  return moteId;
}

function prefixed(errors: Record<string, string> | null, prefix: string): Record<string, string> {
  return Object.fromEntries(Object.entries(errors ?? {}).map(([k, v]) => [`${prefix}${k}`, v]));
}
