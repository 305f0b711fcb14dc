/**
 * Storing pull pages. A feed page's records, removals, cursor and what its scope changed (lost
 * enheter or kinds to sweep, gained ones to backfill) are stored in one transaction, so a sync cut
 * off anywhere resumes from a consistent point; a backfill page is stored with its job's position.
 * Like every sync write, each is prepared (parsed, merged with pending edits, encrypted) outside the
 * transaction and stored only if the outbox did not change meanwhile (sync-apply.ts).
 */
import { expandRecord } from '../domain/compact-record';
import { ENTITIES, type EntityName } from '../domain/entities';
import type { PullResponse, SyncScope } from '../domain/sync-protocol';
import { sealConflicts, sealMeta } from './codec';
import type { FaltsamDb, StoredConflictRow, StoredMetaRow, StoredRecordRow } from './database';
import { type BackfillJob, getMeta } from './meta';
import {
  applyRemovalPlan,
  everyRecord,
  goneRecords,
  outOfScope,
  planRemoval,
  type RecordKey,
} from './removals';
import {
  conflictsWithServerValues,
  prepareAndStore,
  prepareServerRecords,
  sealServerRecords,
} from './sync-apply';

export async function getCursor(db: FaltsamDb): Promise<string> {
  return (await getMeta(db, 'cursor')) ?? '0';
}

/** A page's records as stored (expanded from their compact form). Write-once ones are not kept. */
function serverRecords(page: PullResponse): { entity: EntityName; data: Record<string, unknown> }[] {
  return page.changes
    .filter((c) => !ENTITIES[c.entity].appendOnly)
    .map((c) => ({ entity: c.entity, data: expandRecord(c.entity, c.record, page.forbundId) }));
}

const minus = <T>(a: readonly T[], b: readonly T[] | undefined): T[] => a.filter((x) => !b?.includes(x));

/**
 * What a page's scope changes, given the scope the device synced under and the cursor the page was
 * asked with: a lost enhet or kind is swept at the end of the round; a gained one is backfilled up
 * to that cursor (later changes of it come in the feed). A device without a known scope (fresh, or
 * from before scopes were kept) starts afresh: sweep what does not belong, backfill the rest.
 */
async function scopeChange(db: FaltsamDb, next: SyncScope, asked: string): Promise<StoredMetaRow[]> {
  const prev = await getMeta(db, 'scope');
  const gainedEnheter = minus(next.enhetIds, prev?.enhetIds);
  const gainedKinds = minus(next.entities, prev?.entities);
  const lost = prev
    ? minus(prev.enhetIds, next.enhetIds).length + minus(prev.entities, next.entities).length > 0
    : asked !== '0';
  if (prev && !lost && gainedEnheter.length + gainedKinds.length === 0) return [];
  const rows = [await sealMeta(db, 'scope', next)];
  if (lost) rows.push(await sealMeta(db, 'sweepNeeded', true));
  if (asked !== '0' && gainedEnheter.length + gainedKinds.length > 0) {
    const job: BackfillJob = { enhetIds: gainedEnheter, entities: gainedKinds, until: asked, after: '0' };
    rows.push(await sealMeta(db, 'backfill', [...((await getMeta(db, 'backfill')) ?? []), job]));
  }
  return rows;
}

/** The conflicts of the pulled records, with the server's value from the pull, sealed. */
async function serverSideOfConflicts(
  db: FaltsamDb,
  changes: readonly { entity: EntityName; data: Record<string, unknown> }[],
): Promise<StoredConflictRow[]> {
  const byId = new Map(changes.map((c) => [String(c.data.id), c.data]));
  return sealConflicts(db, await conflictsWithServerValues(db, byId));
}

/** Stores conflicts still there: one the user resolved meanwhile stays resolved. */
async function storeStillOpen(db: FaltsamDb, rows: readonly StoredConflictRow[]): Promise<void> {
  if (rows.length === 0) return;
  const still = await db.conflicts.bulkGet(rows.map((c) => c.id));
  await db.conflicts.bulkPut(rows.filter((_, i) => still[i] !== undefined));
}

/**
 * A feed page's records parsed and encrypted, made while the page before it is still being stored
 * (it reads nothing of the database, so it does not wait for that transaction). applyPulledPage
 * takes these rows when none of the records has a pending edit then (always on a first sync);
 * otherwise it makes them again with the edits laid over. Everything else of the page (removals,
 * scope, conflicts, cursor) depends on the pages before it and is prepared when it is stored.
 */
export function sealPage(db: FaltsamDb, page: PullResponse): Promise<StoredRecordRow[]> {
  return sealServerRecords(db, serverRecords(page));
}

/**
 * Stores a feed page (asked for with cursor `asked`): its records laid over pending edits, its
 * removals (records with unsynced changes kept and flagged, see removals.ts), its cursor, and what
 * its scope changed. `sealed`: its records from sealPage.
 */
export async function applyPulledPage(
  db: FaltsamDb,
  page: PullResponse,
  asked: string,
  sealed?: Promise<StoredRecordRow[]>,
): Promise<void> {
  const changes = serverRecords(page);
  const removals: RecordKey[] = page.removals.map((r) => [r.entity, r.id]);
  // A page sealed ahead that failed (locked meanwhile, say) is prepared again here, and fails here.
  const ahead = sealed?.catch(() => undefined);
  await prepareAndStore(db, async () => {
    const [rows, conflictRows, plan, metaRows, cursorRow] = await Promise.all([
      ahead
        ? ahead.then((made) => prepareServerRecords(db, changes, new Set(), made))
        : prepareServerRecords(db, changes),
      serverSideOfConflicts(db, changes),
      removals.length > 0 ? planRemoval(db, removals) : null,
      scopeChange(db, page.scope, asked),
      sealMeta(db, 'cursor', page.cursor),
    ]);
    return async () => {
      await db.records.bulkPut(rows);
      await storeStillOpen(db, conflictRows);
      if (plan) await applyRemovalPlan(db, plan);
      await db.meta.bulkPut([...metaRows, cursorRow]);
      if (!page.hasMore) await db.meta.delete('startingOver');
    };
  });
}

/** The first backfill still to fetch, if any. */
export async function nextBackfill(db: FaltsamDb): Promise<BackfillJob | undefined> {
  return (await getMeta(db, 'backfill'))?.[0];
}

/** Stores a backfill page of the first job, with the job's new position (or without the job when done). */
export async function applyBackfillPage(db: FaltsamDb, page: PullResponse): Promise<void> {
  const changes = serverRecords(page);
  await prepareAndStore(db, async () => {
    const [job, ...rest] = (await getMeta(db, 'backfill')) ?? [];
    if (!job) return null;
    const jobs = page.hasMore ? [{ ...job, after: page.cursor }, ...rest] : rest;
    const [rows, conflictRows, jobsRow] = await Promise.all([
      prepareServerRecords(db, changes),
      serverSideOfConflicts(db, changes),
      sealMeta(db, 'backfill', jobs),
    ]);
    return async () => {
      await db.records.bulkPut(rows);
      await storeStillOpen(db, conflictRows);
      await db.meta.put(jobsRow);
    };
  });
}

/**
 * After a round has caught up: if the scope shrank, deletes what is outside it now; and deletes the
 * kept records whose unsynced changes are settled. Both keep anything still unsynced (removals.ts).
 */
export async function settleRemovals(db: FaltsamDb): Promise<void> {
  const [sweep, scope] = await Promise.all([getMeta(db, 'sweepNeeded'), getMeta(db, 'scope')]);
  if (sweep && scope) {
    await prepareAndStore(db, async () => {
      const [plan, done] = await Promise.all([
        planRemoval(db, await outOfScope(db, scope)),
        sealMeta(db, 'sweepNeeded', false),
      ]);
      return async () => {
        await applyRemovalPlan(db, plan);
        await db.meta.put(done);
      };
    });
  }
  if ((await getMeta(db, 'gone'))?.length) {
    await prepareAndStore(db, async () => {
      const plan = await planRemoval(db, await goneRecords(db), { listAfresh: true });
      return () => applyRemovalPlan(db, plan);
    });
  }
}

/**
 * The account or this device was blocked: every record leaves the device except those with
 * unsynced changes (kept and shown), and the next login pulls from the start.
 */
export async function forgetAllRecords(db: FaltsamDb): Promise<void> {
  await prepareAndStore(db, async () => {
    const [plan, cursor, startingOver] = await Promise.all([
      planRemoval(db, await everyRecord(db)),
      sealMeta(db, 'cursor', '0'),
      sealMeta(db, 'startingOver', true),
    ]);
    return async () => {
      await applyRemovalPlan(db, plan);
      await db.meta.bulkDelete(['scope', 'backfill', 'sweepNeeded']);
      await db.meta.bulkPut([cursor, startingOver]);
    };
  });
}
