/**
 * Gallring (PRODUCT.md §8, domain/gallring.ts): a closed ärende past its förbund's period is removed
 * with everything under it, from the server and, through the pull, from every device; only figures
 * already aggregated stay. A dry run lists exactly what a run would remove, judged the same way.
 *
 * The server cannot see a device's outbox, so the rule for "unsynced device changes" is: an ärende
 * that is due waits while any device that may hold it has not completed a sync since the ärende
 * became due (or since the period was last set, if later). Such a device is one of a handläggare of
 * the ärende's enhet, not blocked, not signed out, of an enabled account. A device pushes everything
 * it has queued before it pulls, and from the gallringsdatum on it refuses new changes to the ärende
 * (db/gallring-guard.ts), so after that sync it holds nothing unsynced. A device that never syncs
 * again holds the ärende back until the admin blocks it; the admin's list names it. Never an open
 * ärende: it has no gallringsdatum.
 */
import { EntityName } from '../../domain/entity-names';
import {
  type GallringArende,
  type GallringHeld,
  type GallringRun,
  gallringsdatum,
} from '../../domain/gallring';
import { forbundSettings } from '../store/forbund-settings';
import {
  auditGallring,
  type ClosedArende,
  closedArenden,
  countsUnder,
  gallringSetAt,
  holdingDevices,
  type RemovedRecord,
  recordGallringRun,
  removeArendeAndAllUnder,
} from '../store/gallring';
import { retryOnCollision } from '../store/retry';
import type { Sql } from '../store/sql';
import { type LeavingRecord, removeFromDevices } from './removals';

/** Today in Sweden, where avslut and gallring are dated. */
export const swedishDay = (now: Date) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(now);

export interface GallringPlan {
  today: string;
  gallringAr: number | null;
  removable: GallringArende[];
  held: GallringHeld[];
}

/**
 * What is due on the förbund's ärenden now: removable, or held for devices. `forUpdate` locks the
 * candidates (a run, inside its transaction); a dry run reads without locking.
 */
export async function planGallring(
  sql: Sql,
  forbundId: string,
  now: Date,
  forUpdate = false,
): Promise<GallringPlan> {
  const today = swedishDay(now);
  const { gallringAr } = await forbundSettings(sql, forbundId);
  if (gallringAr === null) return { today, gallringAr, removable: [], held: [] };
  const due = (await closedArenden(sql, forbundId, forUpdate))
    .map((a) => ({ ...a, gallringsdatum: gallringsdatum(a.avslutsdatum, gallringAr) }))
    .filter((a) => a.gallringsdatum <= today);
  // One after the other: inside a run's transaction these share one connection, and pg refuses
  // (and will stop allowing) a query sent while another is under way on it.
  const devices = await holdingDevices(sql, forbundId);
  const setAt = await gallringSetAt(sql, forbundId);
  const counts = await countsUnder(
    sql,
    forbundId,
    due.map((a) => a.id),
  );
  const removable: GallringArende[] = [];
  const held: GallringHeld[] = [];
  for (const a of due) {
    const item = toItem(a, counts.get(a.id));
    const waitingFor = devices
      .filter((d) => d.enhetIds.includes(a.enhetId) && !syncedSince(d.syncedAt, a.gallringsdatum, setAt))
      .map(({ deviceId, username, syncedAt }) => ({ deviceId, username, lastSyncAt: syncedAt }));
    if (waitingFor.length === 0) removable.push(item);
    else held.push({ ...item, waitingFor });
  }
  return { today, gallringAr, removable, held };
}

function toItem(
  a: ClosedArende & { gallringsdatum: string },
  c: { records: number; responses: number } | undefined,
): GallringArende {
  return {
    arendeId: a.id,
    enhetId: a.enhetId,
    avslutsdatum: a.avslutsdatum,
    gallringsdatum: a.gallringsdatum,
    records: c?.records ?? 1,
    responses: c?.responses ?? 0,
  };
}

/**
 * Whether a device synced after the ärende became due. Midnight UTC of the gallringsdatum is an
 * hour or two after midnight in Sweden: a sync in those hours counts as before, never the reverse.
 */
function syncedSince(syncedAt: string | null, gallringsdatumIso: string, setAt: string | null): boolean {
  if (syncedAt === null) return false;
  const dueFrom = `${gallringsdatumIso}T00:00:00.000Z`;
  const since = setAt !== null && setAt > dueFrom ? setAt : dueFrom;
  return syncedAt >= since;
}

/**
 * Runs gallring for one förbund: removes what is removable now, audits every id, records the run.
 * One transaction, the plan made inside it; an advisory lock per förbund keeps two runs (the
 * schedule in several processes, an admin's) from interleaving. Pushes run beside it (issue 19):
 * the plan locks the closed ärenden's rows (store/gallring.ts says why that suffices), and a run
 * that deadlocks with a push is run again, as a push is. `dryRun` makes the same plan and removes nothing. Running again
 * removes nothing more.
 */
export async function runGallring(
  sql: Sql,
  q: { forbundId: string; now: Date; dryRun: boolean; userId: string | null },
): Promise<GallringRun> {
  if (q.dryRun) {
    const plan = await planGallring(sql, q.forbundId, q.now);
    return { dryRun: true, ...planResult(plan) };
  }
  return retryOnCollision(() =>
    sql.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock(hashtext($1))', [q.forbundId]);
      const plan = await planGallring(tx, q.forbundId, q.now, true);
      for (const a of plan.removable) {
        const removed = await removeArendeAndAllUnder(tx, q.forbundId, a.arendeId);
        // The same transaction tells every device of the enhet to drop the ärende and its case
        // work (responses are write-once and never on a device).
        await removeFromDevices(tx, q.forbundId, asLeaving(removed.records));
        await auditGallring(tx, {
          forbundId: q.forbundId,
          userId: q.userId,
          at: q.now,
          removed: [...removed.records, ...removed.responseIds.map((id) => ({ entity: 'response', id }))],
        });
      }
      if (plan.gallringAr !== null)
        await recordGallringRun(tx, {
          forbundId: q.forbundId,
          at: q.now,
          userId: q.userId,
          removed: plan.removable.length,
          held: plan.held.length,
        });
      return { dryRun: false, ...planResult(plan) };
    }),
  );
}

/** Removed rows as removals; a kind outside the registry (none is stored) cannot be pulled anyway. */
function asLeaving(records: readonly RemovedRecord[]): LeavingRecord[] {
  return records.flatMap((r) => {
    const entity = EntityName.safeParse(r.entity);
    return entity.success ? [{ entity: entity.data, id: r.id, enhetId: r.enhetId }] : [];
  });
}

const planResult = (plan: GallringPlan) => ({
  today: plan.today,
  gallringAr: plan.gallringAr,
  removed: plan.removable,
  held: plan.held,
});
