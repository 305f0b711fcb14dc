/**
 * Ärenden on the device. Reads never need the network; a create or an edit is validated with the
 * same domain rules the server applies, then stored together with its outbox entry.
 */
import { ARENDE_FIELDS, Arende, type ArendeFields } from '../domain/arende';
import { cryptoRandomInts, generatePseudonymCode } from '../domain/pseudonym';
import type { ErrorBody } from '../domain/sync-protocol';
import { ValidationError, validateArendeFields } from '../domain/validation';
import { openMeta, openOutbox, openRecords } from './codec';
import type { FaltsamDb, OutboxRow, StoredMetaRow, StoredOutboxRow } from './database';
import { assertNotDueForGallring } from './gallring-guard';
import { currentKey, holdingKey, onForget } from './keyring';
import {
  changedFields,
  type LocalWrite,
  readAll,
  readAllDecrypting,
  readRecord,
  writeWithOutbox,
} from './records';

export type ArendeSyncState = 'synkad' | 'ej_synkad' | 'avvisad';
export type LocalArende = Arende & {
  /** `removed`: the server took the ärende away (moved, access lost); kept for unsynced changes. */
  sync: { state: ArendeSyncState; error?: ErrorBody; removed?: true };
};

/** Decrypts only the rejected entries (their error is shown); the rest need just their state. */
export async function openRejected(db: FaltsamDb, rows: readonly StoredOutboxRow[]): Promise<OutboxRow[]> {
  const rejected = await openOutbox(
    db,
    rows.filter((r) => r.state === 'rejected'),
  );
  const byId = new Map(rejected.map((r) => [r.id, r]));
  return rows.map((r) => byId.get(r.id) ?? ({ ...r, changes: {} } as unknown as OutboxRow));
}

function syncStateOf(entries: readonly Pick<OutboxRow, 'state' | 'error'>[]): LocalArende['sync'] {
  const rejected = entries.find((e) => e.state === 'rejected');
  if (rejected) return rejected.error ? { state: 'avvisad', error: rejected.error } : { state: 'avvisad' };
  return { state: entries.length > 0 ? 'ej_synkad' : 'synkad' };
}

// One collator for every sort rather than a locale lookup in each of the ~60,000 comparisons
// that sorting 5,000 ärenden takes.
const BY_CODE = new Intl.Collator('sv');

/** The ärenden the server took away that are kept for their unsynced changes (removals.ts). */
async function removedArenden(db: FaltsamDb, row: StoredMetaRow | undefined): Promise<Set<string>> {
  const gone = ((await openMeta(db, 'gone', row)) ?? []) as [string, string][];
  return new Set(gone.filter(([entity]) => entity === 'arende').map(([, id]) => id));
}

function withSync(a: Arende, entries: readonly OutboxRow[], removed: ReadonlySet<string>): LocalArende {
  const sync = syncStateOf(entries);
  return { ...a, sync: removed.has(a.id) ? { ...sync, removed: true } : sync };
}

/** All ärenden on the device with their sync state, sorted by code. */
export async function listArenden(db: FaltsamDb): Promise<LocalArende[]> {
  // One snapshot of the ärenden and the outbox; the ärenden decrypt while they are read (at unlock
  // this is the list's whole wait), the outbox's rejected entries after the transaction.
  const [rows, [storedOutbox, goneRow]] = await readAllDecrypting(db, 'arende', () =>
    Promise.all([db.outbox.toArray(), db.meta.get('gone')]),
  );
  const [outbox, removed] = await Promise.all([openRejected(db, storedOutbox), removedArenden(db, goneRow)]);
  const byRecord = new Map<string, OutboxRow[]>();
  for (const e of outbox) byRecord.set(e.recordId, [...(byRecord.get(e.recordId) ?? []), e]);
  return rows
    .map((data) => withSync(data as Arende, byRecord.get(String(data.id)) ?? [], removed))
    .sort((a, b) => BY_CODE.compare(a.code, b.code));
}

/** One ärende with its sync state, or undefined. */
export async function getArende(db: FaltsamDb, id: string): Promise<LocalArende | undefined> {
  currentKey(db);
  const [row, stored] = await db.transaction('r', [db.records, db.outbox], () =>
    Promise.all([db.records.get(['arende', id]), db.outbox.where('recordId').equals(id).toArray()]),
  );
  // Decrypted after the read transaction.
  const [[data], entries] = await Promise.all([openRecords(db, row ? [row] : []), openRejected(db, stored)]);
  if (!data) return undefined;
  return withSync(data as Arende, entries, new Set(row?.gone ? [id] : []));
}

function assertValid(fields: ArendeFields): void {
  const errors = validateArendeFields(fields);
  if (errors) throw new ValidationError(errors);
}

/**
 * Codes already used on this device, read once per open database and kept up to date by this
 * module's creates, so a save does not read every ärende (it did: 5,000 ärenden made each save
 * several times slower). Codes pulled from another device since then are not in it; the server's
 * uniqueness check catches that rare case ('kod_upptagen') and the next save draws a new code.
 */
const usedCodes = new WeakMap<FaltsamDb, Promise<Set<string>>>();
// Decrypted codes: forgotten when the store locks.
onForget((db) => usedCodes.delete(db));

function codesOnDevice(db: FaltsamDb): Promise<Set<string>> {
  let codes = usedCodes.get(db);
  if (!codes) {
    codes = readAll(db, 'arende').then((all) => new Set(all.map((a) => String(a.code))));
    usedCodes.set(db, codes);
    codes.catch(() => usedCodes.delete(db));
  }
  return codes;
}

async function unusedCode(db: FaltsamDb, enhetKod: string): Promise<string> {
  const taken = await codesOnDevice(db);
  for (let i = 0; i < 20; i++) {
    const code = generatePseudonymCode(enhetKod, cryptoRandomInts);
    if (!taken.has(code)) {
      taken.add(code);
      return code;
    }
  }
  throw new Error('Kunde inte skapa en ledig kod.');
}

export interface NewArende {
  fields: ArendeFields;
  forbundId: string;
  /** The enhet's code prefix, e.g. NOR. */
  enhetKod: string;
}

/** Creates an ärende with a fresh pseudonym code. Offline: stored and queued for sync. */
export function createArende(db: FaltsamDb, input: NewArende, now: Date = new Date()): Promise<Arende> {
  // A lock pressed (or the idle timer firing) during the save does not cut it off.
  return holdingKey(db, () => createArendeHeld(db, input, now));
}

async function createArendeHeld(db: FaltsamDb, input: NewArende, now: Date): Promise<Arende> {
  assertValid(input.fields);
  const at = now.toISOString();
  const record: Arende = {
    ...input.fields,
    id: crypto.randomUUID(),
    forbundId: input.forbundId,
    code: await unusedCode(db, input.enhetKod),
    createdAt: at,
    updatedAt: at,
    version: 0,
  };
  const changes: Record<string, unknown> = { code: record.code };
  for (const f of ARENDE_FIELDS) changes[f] = input.fields[f];
  await writeWithOutbox(db, { entity: 'arende', record, baseVersion: null, changes, at });
  return record;
}

/** Saves an edit; only changed fields are sent, based on the version the device last saw. */
export async function updateArende(
  db: FaltsamDb,
  id: string,
  fields: ArendeFields,
  now: Date = new Date(),
): Promise<Arende> {
  return holdingKey(db, async () => {
    const edit = await arendeEditWrite(db, id, fields, now);
    if (edit.write) await writeWithOutbox(db, edit.write);
    return edit.record;
  });
}

/** The write an edit makes (null when nothing changes), validated, not yet stored. */
export async function arendeEditWrite(
  db: FaltsamDb,
  id: string,
  fields: ArendeFields,
  now: Date,
): Promise<{ record: Arende; write: LocalWrite | null }> {
  assertValid(fields);
  const current = (await readRecord(db, 'arende', id)) as Arende | undefined;
  if (!current) throw new ValidationError({ _: 'Ärendet finns inte på den här apparaten.' });
  await assertNotDueForGallring(db, [id], now);
  const entries = await openRejected(db, await db.outbox.where('recordId').equals(id).toArray());
  const codeRefused = entries.some((e) => e.state === 'rejected' && e.error?.code === 'kod_upptagen');
  const changes = changedFields(current, { ...current, ...fields }, ARENDE_FIELDS);
  if (Object.keys(changes).length === 0 && !entries.some((e) => e.state === 'rejected'))
    return { record: current, write: null };
  const at = now.toISOString();
  const record: Arende = { ...current, ...fields, updatedAt: at };
  if (codeRefused) {
    // The server had the code already (two devices drew the same one offline): draw a new one.
    record.code = await unusedCode(db, current.code.split('-')[0] ?? 'FS');
    changes.code = record.code;
  }
  return { record, write: { entity: 'arende', record, baseVersion: current.version, changes, at } };
}

/** Parses a record from the server or storage; throws on anything that is not an ärende. */
export function parseArende(data: unknown): Arende {
  return Arende.parse(data);
}
