/**
 * Taking records off the device when the user may no longer see them: a removal in a pull page (an
 * ärende moved to another enhet, with its case work), a scope that shrank (an enhet or role taken
 * away) or an account or device blocked. Invariant: nothing with unsynced changes is deleted behind
 * the user's back. Such a record (and the ärende of such case work) is kept, flagged `gone` and
 * listed in meta 'gone', and shown as taken away until its changes are sent or the user discards
 * them (forgetRemoved); then the next round's cleanup deletes it. Works offline: it only reads and
 * writes the device database.
 */
import { belongsToArende, type EntityName, isAppendOnly } from '../domain/entity-names';
import type { SyncScope } from '../domain/sync-protocol';
import { openRecords, sealMeta } from './codec';
import type { FaltsamDb, StoredMetaRow, StoredRecordRow } from './database';
import { getMeta } from './meta';
import { prepareAndStore } from './sync-apply';

export type RecordKey = [EntityName, string];

export interface RemovalPlan {
  /** Deleted with their conflicts. */
  drop: RecordKey[];
  /** Kept for their unsynced changes, flagged gone. */
  keep: RecordKey[];
  /** The meta 'gone' list afterwards, sealed. */
  goneRow: StoredMetaRow;
}

const keyOf = ([entity, id]: RecordKey) => `${entity}:${id}`;

/** Ärenden that must stay while a case-work record of theirs has unsynced changes. */
async function arendenWithUnsyncedCasework(db: FaltsamDb): Promise<Set<string>> {
  const entries = (await db.outbox.toArray()).filter((e) => belongsToArende(e.entity));
  if (entries.length === 0) return new Set();
  const rows = await db.records.bulkGet(entries.map((e) => [e.entity, e.recordId] as RecordKey));
  const present = rows.filter((r): r is StoredRecordRow => r !== undefined);
  const data = await openRecords(db, present);
  return new Set(data.map((d) => String(d.arendeId)));
}

/**
 * Decides, outside any transaction (it decrypts), which of `keys` go now and which stay for their
 * unsynced changes. Store the plan with applyRemovalPlan inside prepareAndStore's transaction,
 * which re-checks that the outbox did not change meanwhile.
 */
export async function planRemoval(
  db: FaltsamDb,
  keys: readonly RecordKey[],
  { listAfresh = false }: { listAfresh?: boolean } = {},
): Promise<RemovalPlan> {
  // Afresh (the cleanup passes every kept record): the list becomes what is still kept.
  const previous = listAfresh ? [] : ((await getMeta(db, 'gone')) ?? []);
  const unsynced = new Set((await db.outbox.orderBy('recordId').uniqueKeys()) as string[]);
  const parents = keys.some(([e]) => e === 'arende') ? await arendenWithUnsyncedCasework(db) : new Set();
  const drop: RecordKey[] = [];
  const keep: RecordKey[] = [];
  for (const key of keys) {
    const [entity, id] = key;
    if (unsynced.has(id) || (entity === 'arende' && parents.has(id))) keep.push(key);
    else drop.push(key);
  }
  const dropped = new Set(drop.map(keyOf));
  const gone = new Map<string, RecordKey>();
  for (const k of [...previous, ...keep]) if (!dropped.has(keyOf(k))) gone.set(keyOf(k), k);
  return { drop, keep, goneRow: await sealMeta(db, 'gone', [...gone.values()]) };
}

/** Stores a plan; call inside a transaction over records, conflicts and meta. */
export async function applyRemovalPlan(db: FaltsamDb, plan: RemovalPlan): Promise<void> {
  if (plan.drop.length > 0) {
    await db.records.bulkDelete(plan.drop);
    const ids = plan.drop.map(([, id]) => id);
    await db.conflicts.where('recordId').anyOf(ids).delete();
  }
  for (const key of plan.keep) await db.records.update(key, { gone: true });
  await db.meta.put(plan.goneRow);
}

/**
 * The device's records outside `scope` (a lost enhet or record kind): ärenden by their enhet, case
 * work by its ärende's (or when its ärende is no longer here), other kinds by kind alone. Decrypts
 * the ärenden and the case work: run it once after a scope change, not per page.
 */
export async function outOfScope(db: FaltsamDb, scope: SyncScope): Promise<RecordKey[]> {
  const kinds = new Set<string>(scope.entities);
  const enheter = new Set(scope.enhetIds);
  const rows = await db.records.toArray();
  const out: RecordKey[] = [];
  const inspect: StoredRecordRow[] = [];
  for (const r of rows) {
    // Enkät answers are the device's own until sent (never pulled, dropped once the server has them).
    if (isAppendOnly(r.entity)) continue;
    if (!kinds.has(r.entity)) out.push([r.entity, r.id]);
    else if (r.entity === 'arende' || belongsToArende(r.entity)) inspect.push(r);
  }
  const data = await openRecords(db, inspect);
  const arendeInScope = new Map<string, boolean>();
  inspect.forEach((r, i) => {
    if (r.entity === 'arende') arendeInScope.set(r.id, enheter.has(String(data[i]?.enhetId)));
  });
  inspect.forEach((r, i) => {
    const arendeId = r.entity === 'arende' ? r.id : String(data[i]?.arendeId);
    if (arendeInScope.get(arendeId) !== true) out.push([r.entity, r.id]);
  });
  return out;
}

/** Every record on the device (an account or device blocked: nothing may stay but unsynced work). */
export async function everyRecord(db: FaltsamDb): Promise<RecordKey[]> {
  return (await db.records.toCollection().primaryKeys()) as RecordKey[];
}

/**
 * The records kept after the server took them away that are still flagged (one written again by
 * the server since, its changes sent and accepted, is no longer gone). For the sync status and the
 * ärende screen, and for the cleanup after each round (planRemoval with listAfresh).
 */
export async function goneRecords(db: FaltsamDb): Promise<RecordKey[]> {
  const gone = (await getMeta(db, 'gone')) ?? [];
  if (gone.length === 0) return [];
  const rows = await db.records.bulkGet(gone);
  return gone.filter((_, i) => rows[i]?.gone === true);
}

/**
 * The user gives up the unsynced changes of a record the server took away: the record leaves the
 * device with its outbox entries and conflicts, and for an ärende its kept case work goes too.
 * Only records flagged gone; anything else is left as it is. Works offline.
 */
export async function forgetRemoved(db: FaltsamDb, entity: EntityName, id: string): Promise<void> {
  await prepareAndStore(db, async () => {
    const gone = await goneRecords(db);
    if (!gone.some(([e, i]) => e === entity && i === id)) return null;
    const children = gone.filter(([e]) => entity === 'arende' && belongsToArende(e));
    const childRows = (await db.records.bulkGet(children)).filter((r): r is StoredRecordRow => !!r);
    const childData = await openRecords(db, childRows);
    const keys: RecordKey[] = [
      [entity, id],
      ...childRows.flatMap((r, i) => (childData[i]?.arendeId === id ? [[r.entity, r.id] as RecordKey] : [])),
    ];
    const leaving = new Set(keys.map(keyOf));
    const goneRow = await sealMeta(
      db,
      'gone',
      gone.filter((k) => !leaving.has(keyOf(k))),
    );
    return async () => {
      const ids = keys.map(([, i]) => i);
      await db.outbox.where('recordId').anyOf(ids).delete();
      await db.records.bulkDelete(keys);
      await db.conflicts.where('recordId').anyOf(ids).delete();
      await db.meta.put(goneRow);
    };
  });
}
