/**
 * The case-work actions of the field: record a meeting with its agreed åtgärder, answer the
 * stegförflyttning items, move an åtgärd forward, withdraw a samtycke, hand an ärende over. Each
 * is validated by the domain first and stored all-or-nothing with its outbox entries. Offline: works.
 */
import { ARENDE_FIELDS, type Arende, type ArendeFields } from '../domain/arende';
import { type AtgardFields, type AtgardStatus, canChangeAtgardStatus } from '../domain/atgard';
import type { KnownInstrumentVersion } from '../domain/instrument/version';
import type { MoteFields } from '../domain/mote';
import type { StegSlot } from '../domain/stegforflyttning';
import { ValidationError } from '../domain/validation';
import { arendeEditWrite } from './arende-repo';
import { type ArendeRef, editRecordWrite, newRecordWrite, writeTogether } from './casework-repo';
import type { FaltsamDb } from './database';
import { type LocalWrite, readRecord } from './records';

export type NewAtgard = Omit<AtgardFields, 'moteId'>;

/**
 * Stores a möte and the åtgärder agreed at it together. Errors of the i-th åtgärd are keyed
 * `atgard-<i>-<field>`; nothing is stored unless all are valid. Returns the möte's id.
 */
export async function recordMote(
  db: FaltsamDb,
  ref: ArendeRef,
  mote: MoteFields,
  atgarder: readonly NewAtgard[],
  now: Date = new Date(),
): Promise<string> {
  const errors: Record<string, string> = {};
  const collect = (f: () => LocalWrite): LocalWrite | null => {
    try {
      return f();
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      Object.assign(errors, e.fields);
      return null;
    }
  };
  const moteWrite = collect(() => newRecordWrite('mote', ref, mote, now));
  const moteId = moteWrite?.record.id ?? crypto.randomUUID();
  const atgardWrites = atgarder.map((a, i) =>
    collect(() => newRecordWrite('atgard', ref, { ...a, moteId }, now, `atgard-${i}-`)),
  );
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  await writeTogether(db, [moteWrite, ...atgardWrites]);
  return moteId;
}

/**
 * Stores the stegförflyttning answers given at a meeting (M14 by the deltagare, M15 by the
 * handläggare), each with the instrument version its statement was shown in.
 */
export async function recordStegmatningar(
  db: FaltsamDb,
  ref: ArendeRef,
  answers: readonly { item: StegSlot; value: number }[],
  at: { date: string; moteId: string | null; instrumentVersion: KnownInstrumentVersion },
  now: Date = new Date(),
): Promise<void> {
  const writes = answers.map((a) => newRecordWrite('stegmatning', ref, { ...a, ...at }, now));
  await writeTogether(db, writes);
}

/** Moves an åtgärd's status forward; a step back is refused (the domain's status order). */
export async function setAtgardStatus(
  db: FaltsamDb,
  id: string,
  status: AtgardStatus,
  now: Date = new Date(),
): Promise<void> {
  const current = await readRecord(db, 'atgard', id);
  if (!current) throw new ValidationError({ _: 'Åtgärden finns inte på den här apparaten.' });
  if (!canChangeAtgardStatus(current.status as AtgardStatus, status))
    throw new ValidationError({ status: 'En åtgärds status kan bara flyttas framåt.' });
  await writeTogether(db, [await editRecordWrite(db, 'atgard', id, { status }, now)]);
}

/**
 * Records that the deltagare withdrew the samtycke on `date`, registered by `byUserId` (the
 * signed-in user). The samtycke and what it allowed stay in the history; from `date` it no longer
 * applies. A refused samtycke has nothing to withdraw (the domain refuses it).
 */
export async function withdrawSamtycke(
  db: FaltsamDb,
  id: string,
  date: string,
  byUserId: string,
  now: Date = new Date(),
): Promise<void> {
  await writeTogether(db, [
    await editRecordWrite(db, 'samtycke', id, { withdrawnDate: date, withdrawnBy: byUserId }, now),
  ]);
}

/**
 * Hands the ärende to a colleague of the same enhet: its ansvarig handläggare changes and an
 * överlämning is recorded, in that order (the server checks the record against the ärende).
 */
export async function handOver(
  db: FaltsamDb,
  arende: Arende,
  tillHandlaggareId: string,
  datum: string,
  now: Date = new Date(),
): Promise<void> {
  const ref = { arendeId: arende.id, forbundId: arende.forbundId };
  const current = (await readRecord(db, 'arende', arende.id)) as Arende | undefined;
  if (!current) throw new ValidationError({ _: 'Ärendet finns inte på den här apparaten.' });
  const record = newRecordWrite(
    'overlamning',
    ref,
    { franHandlaggareId: current.handlaggareId, tillHandlaggareId, datum },
    now,
  );
  const fields = Object.fromEntries(ARENDE_FIELDS.map((f) => [f, current[f]])) as ArendeFields;
  const edit = await arendeEditWrite(db, arende.id, { ...fields, handlaggareId: tillHandlaggareId }, now);
  // Both encrypted first, then stored in one transaction: the ärende's new handläggare, then the överlämning.
  await writeTogether(db, [edit.write, record]);
}
