/**
 * Hand-over mode on the device (PRODUCT.md §3) and enkät responses. The lock lives in meta
 * (handover-lock.ts, read at start-up), so a reload or a typed URL still lands on the questionnaire
 * or the locked screen until the handläggare unlocks with the store's unlock secret (store-key.ts). A
 * submitted response is sealed, stored with its outbox entry and the lock moved to "thank you" in
 * one transaction; after the push the device keeps no copy of the answers (sync-apply.ts), only a
 * count per ärende. Everything here works offline.
 */
import {
  DELTAGARE_FORM_IDS,
  type DeltagareFormId,
  FORMS,
  type FormId,
  HALVAR_FORM_IDS,
  type HalvarFormId,
} from '../domain/instrument/forms';
import { type SurveyResponseDraft, sealResponse } from '../domain/instrument/response';
import { INSTRUMENT_VERSION } from '../domain/instrument/version';
import { type ArendeRef, newRecordWrite } from './casework-repo';
import { sealMeta } from './codec';
import type { FaltsamDb, StoredMetaRow } from './database';
import { getHandoverLock, type HandoverLock, HandoverTarget, LOCK_KEY } from './handover-lock';
import { getMeta, setMeta } from './meta';
import { commitPrepared, prepareWrite, readRecord } from './records';
import { sealAfterWrite } from './sealed-outbox';
import { checkStoreSecret } from './store-key';

export { getHandoverLock, HandoverLock, HandoverPhase, HandoverTarget } from './handover-lock';

const TALLY_KEY = 'responseTally' as const;

async function putLock(db: FaltsamDb, lock: HandoverLock): Promise<void> {
  await setMeta(db, LOCK_KEY, lock);
}

export class HandoverUnavailableError extends Error {
  constructor(readonly reason: 'no_verifier' | 'wrong_form') {
    super(`Hand-over cannot start: ${reason}`);
    this.name = 'HandoverUnavailableError';
  }
}

const isDeltagareForm = (id: FormId): id is DeltagareFormId =>
  (DELTAGARE_FORM_IDS as readonly string[]).includes(id);
const isHalvarForm = (id: FormId): id is HalvarFormId => (HALVAR_FORM_IDS as readonly string[]).includes(id);

/** The deltagare's stegförflyttning item is the interval form, whose one slot is M14. */
export const STEG_FORM_ID = 'F-D-INTERVALL' as const satisfies DeltagareFormId;

/**
 * Locks the device into hand-over mode for one form. Refuses (HandoverUnavailableError) when the
 * unlock secret cannot be checked offline — the handläggare could not unlock again — or when the
 * form does not fit the target (deltagare forms for an ärende, half-year forms for a round, the
 * M14 form for a stegförflyttning).
 */
export async function startHandover(
  db: FaltsamDb,
  input: { formId: FormId; target: HandoverTarget; returnTo: string },
  now: Date = new Date(),
): Promise<HandoverLock> {
  const kind = input.target.kind;
  const fits =
    kind === 'arende'
      ? isDeltagareForm(input.formId)
      : kind === 'round'
        ? isHalvarForm(input.formId)
        : input.formId === STEG_FORM_ID;
  if (!fits) throw new HandoverUnavailableError('wrong_form');
  // Unlocking needs the store's secret, which exists once the store is encrypted under a key.
  if (!(await db.meta.get('keyEnvelope'))) throw new HandoverUnavailableError('no_verifier');
  const lock: HandoverLock = {
    ...input,
    target: HandoverTarget.parse(input.target),
    phase: 'answering',
    startedAt: now.toISOString(),
    failedUnlocks: 0,
    retryAfter: null,
  };
  await putLock(db, lock);
  return lock;
}

/**
 * Hands the tablet to the deltagare for the stegförflyttning item M14 of a meeting (PRODUCT.md §2):
 * hand-over mode locked to that one statement, the caseload out of reach until the handläggare
 * unlocks; then back to the ärende's overview.
 */
export function startStegHandover(
  db: FaltsamDb,
  input: { arende: ArendeRef; mote: { id: string; date: string }; returnTo: string },
  now: Date = new Date(),
): Promise<HandoverLock> {
  return startHandover(
    db,
    {
      formId: STEG_FORM_ID,
      target: {
        kind: 'steg',
        arendeId: input.arende.arendeId,
        forbundId: input.arende.forbundId,
        moteId: input.mote.id,
        date: input.mote.date,
      },
      returnTo: input.returnTo,
    },
    now,
  );
}

/**
 * "Skicka" of the M14 hand-over: the answer (none when skipped) is stored as the ärende's M14
 * measurement with its outbox entry and the lock moves to "thank you", in one transaction.
 */
export async function submitStegHandover(
  db: FaltsamDb,
  value: number | null,
  now: Date = new Date(),
): Promise<void> {
  const lock = await getHandoverLock(db);
  if (lock?.phase !== 'answering' || lock.target.kind !== 'steg') throw new Error('No M14 question is open');
  const { arendeId, forbundId, moteId, date } = lock.target;
  const prepared =
    value === null
      ? null
      : await prepareWrite(
          db,
          newRecordWrite(
            'stegmatning',
            { arendeId, forbundId },
            { item: 'M14', value, date, moteId, instrumentVersion: INSTRUMENT_VERSION },
            now,
          ),
        );
  await db.transaction('rw', [db.records, db.outbox, db.meta], async () => {
    const current = await getHandoverLock(db);
    if (current?.phase !== 'answering' || current.startedAt !== lock.startedAt)
      throw new Error('No M14 question is open');
    await putLock(db, { ...current, phase: 'tack' });
    if (prepared) await commitPrepared(db, prepared);
  });
  // Sealed for the service worker like every queued write: the device stays locked after M14.
  if (prepared) await sealAfterWrite(db);
}

/** Closes the questionnaire after no input: what was being answered is gone, the device stays locked. */
export async function lockAfterIdle(db: FaltsamDb): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const lock = await getHandoverLock(db);
    if (lock?.phase === 'answering') await putLock(db, { ...lock, phase: 'idle' });
  });
}

/** A half-year round goes round the table: the next person starts a clean form without an unlock. */
export async function startNextRespondent(db: FaltsamDb): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const lock = await getHandoverLock(db);
    if (lock?.target.kind === 'round' && lock.phase === 'tack')
      await putLock(db, { ...lock, phase: 'answering' });
  });
}

/** The draft as hand-over mode builds it: the lock supplies the form and what it is linked to. */
export function handoverDraft(
  lock: HandoverLock,
  answers: SurveyResponseDraft['answers'],
  answeredWith: 'sjalv' | 'med_stod' | null,
  id: string = crypto.randomUUID(),
): SurveyResponseDraft {
  const common = { id, instrumentVersion: INSTRUMENT_VERSION, answers };
  if (lock.target.kind !== 'round')
    return {
      ...common,
      formId: lock.formId,
      arendeId: lock.target.arendeId,
      answeredWith,
    } as SurveyResponseDraft;
  return {
    ...common,
    formId: lock.formId,
    round: lock.target.period,
    enhetId: lock.target.enhetId,
    group: FORMS[lock.formId].respondent,
  } as SurveyResponseDraft;
}

export type ResponseTally = { deltagare: number; personal: number };

/** How many enkäter were submitted on this device for an ärende — counts only, never answers. */
export async function responseTally(db: FaltsamDb, arendeId: string): Promise<ResponseTally> {
  const all = ((await getMeta(db, TALLY_KEY)) ?? {}) as Record<string, ResponseTally>;
  return all[arendeId] ?? { deltagare: 0, personal: 0 };
}

/**
 * How many of an ärende's submitted responses are still only on this device, queued for the server
 * (their outbox entry pending): "väntar på synk" rather than "skickad". Once the server has one the
 * device drops it (sync-apply.ts), and it counts as sent. Offline: works; locked: LockedError.
 */
export async function queuedResponses(db: FaltsamDb, arendeId: string): Promise<ResponseTally> {
  const pending = await db.outbox
    .where('state')
    .equals('pending')
    .filter((e) => e.entity === 'response')
    .toArray();
  const queued: ResponseTally = { deltagare: 0, personal: 0 };
  for (const entry of pending) {
    const r = await readRecord(db, 'response', entry.recordId);
    if (!r || r.arendeId !== arendeId) continue;
    const form = FORMS[r.formId as FormId];
    if (form) queued[form.kind === 'deltagare' ? 'deltagare' : 'personal'] += 1;
  }
  return queued;
}

/**
 * Seals a draft (domain sealResponse: validated, stamped, frozen) and stores it with its outbox
 * entry, counting it for its ärende; `alsoWrite` runs in the same transaction. Throws
 * ValidationError with Swedish messages for an invalid draft; nothing is stored then.
 */
async function storeResponse(
  db: FaltsamDb,
  draft: SurveyResponseDraft,
  now: Date,
  alsoWrite: () => Promise<void> = async () => {},
): Promise<void> {
  const sealed = sealResponse(draft, now.toISOString());
  const { id, ...changes } = sealed;
  // Encrypted before the transaction: the response with its outbox entry, and the new count.
  const prepared = await prepareWrite(db, {
    entity: 'response',
    record: { ...changes, answers: { ...sealed.answers }, id },
    baseVersion: null,
    changes: { ...changes, answers: { ...sealed.answers } },
    at: now.toISOString(),
  });
  let tallyRow: StoredMetaRow | null = null;
  if ('arendeId' in sealed) {
    const kind = FORMS[sealed.formId].kind === 'deltagare' ? 'deltagare' : 'personal';
    const tally = { ...((await getMeta(db, TALLY_KEY)) as Record<string, ResponseTally> | undefined) };
    const mine = tally[sealed.arendeId] ?? { deltagare: 0, personal: 0 };
    tally[sealed.arendeId] = { ...mine, [kind]: mine[kind] + 1 };
    tallyRow = await sealMeta(db, TALLY_KEY, tally);
  }
  await db.transaction('rw', [db.records, db.outbox, db.meta], async () => {
    if (tallyRow) await db.meta.put(tallyRow);
    await alsoWrite();
    await commitPrepared(db, prepared);
  });
  await sealAfterWrite(db);
}

/**
 * "Skicka" in hand-over mode: the response is sealed and queued and the lock moves to the
 * thank-you screen, all in one transaction — never a stored response with the form still open.
 */
export async function submitHandoverResponse(
  db: FaltsamDb,
  draft: SurveyResponseDraft,
  now: Date = new Date(),
): Promise<void> {
  const open = (lock: HandoverLock | null): lock is HandoverLock =>
    lock?.phase === 'answering' && lock.formId === draft.formId;
  if (!open(await getHandoverLock(db))) throw new Error('No questionnaire is open');
  await storeResponse(db, draft, now, async () => {
    // Checked again inside the transaction that stores the response.
    const lock = await getHandoverLock(db);
    if (!open(lock)) throw new Error('No questionnaire is open');
    await putLock(db, { ...lock, phase: 'tack' });
  });
}

/** A personal form (F-P-*) the handläggare answers in normal mode. */
export async function submitStaffResponse(db: FaltsamDb, draft: SurveyResponseDraft, now: Date = new Date()) {
  await storeResponse(db, draft, now);
}

const FREE_ATTEMPTS = 5;
const MAX_WAIT_MS = 15 * 60_000;

export type UnlockResult =
  | { ok: true; returnTo: string }
  | { ok: false; reason: 'wrong'; retryAfter: string | null }
  | { ok: false; reason: 'wait'; retryAfter: string };

/**
 * Ends hand-over mode when `password` is the handläggare's. After five wrong passwords each further
 * attempt waits (30 s, doubling, at most 15 min), so guessing is slow even offline.
 */
export async function unlockHandover(
  db: FaltsamDb,
  password: string,
  now: Date = new Date(),
): Promise<UnlockResult> {
  const lock = await getHandoverLock(db);
  if (!lock) return { ok: true, returnTo: '#/' };
  if (lock.retryAfter && Date.parse(lock.retryAfter) > now.getTime())
    return { ok: false, reason: 'wait', retryAfter: lock.retryAfter };
  // The same secret that unlocks the encrypted store; a locked store is unlocked by it too.
  if (await checkStoreSecret(db, password)) {
    await db.meta.delete(LOCK_KEY);
    return { ok: true, returnTo: lock.returnTo };
  }
  const failed = lock.failedUnlocks + 1;
  const waitMs = failed < FREE_ATTEMPTS ? 0 : Math.min(30_000 * 2 ** (failed - FREE_ATTEMPTS), MAX_WAIT_MS);
  const retryAfter = waitMs > 0 ? new Date(now.getTime() + waitMs).toISOString() : null;
  await db.transaction('rw', db.meta, async () => {
    const current = await getHandoverLock(db);
    if (current) await putLock(db, { ...current, failedUnlocks: failed, retryAfter });
  });
  return { ok: false, reason: 'wrong', retryAfter };
}
