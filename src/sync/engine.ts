/**
 * One sync round: push the outbox in batches, pull the feed until the server has nothing more, then
 * backfill what a gained enhet or role brings and take off the device what the user may no longer
 * see. Failures are sorted by cause so the caller knows whether to retry: no network, no answer in
 * time or a 5xx is retried with backoff; an expired login waits for the user; a rejected record is
 * kept in the outbox, shown, and never blocks the others. Offline, a round ends at once with kind
 * 'network'. Every request has a deadline (api.ts), so a round always ends and says why.
 */

import type { FaltsamDb } from '../db/database';
import { getDeviceId, getMeta } from '../db/meta';
import {
  applyBackfillPage,
  applyPulledPage,
  forgetAllRecords,
  getCursor,
  nextBackfill,
  settleRemovals,
} from '../db/pull-apply';
import { applyPushResults, pendingBatch } from '../db/sync-apply';
import { recordSyncError, recordSyncSuccess } from '../db/sync-status';
import { PULL_PAGE_MAX, type PullResponse } from '../domain/sync-protocol';
import { type ApiClient, ApiError, DeadlineError, NetworkError } from './api';
import { refreshColleagues } from './colleagues';
import { refreshRounds } from './rounds';
import { refreshSessionUser } from './session-refresh';
import { type SyncCalls, syncCalls } from './sync-calls';

export type SyncFailureKind = 'network' | 'timeout' | 'server' | 'auth' | 'storage';

export type SyncOutcome =
  | { ok: true; pushed: number; rejected: number; pulled: number }
  | { ok: false; kind: SyncFailureKind; retry: boolean; message: string };

/** How far a pull that takes more than one page has come: "Hämtar 3 000 av 10 000". */
export interface SyncProgress {
  done: number;
  total: number;
}

export interface SyncEngineOptions {
  db: FaltsamDb;
  api: SyncCalls;
  now?: () => Date;
  pushBatchSize?: number;
  pullPageSize?: number;
  /** Called as a many-page pull advances, and with null when it ends. */
  onProgress?: (progress: SyncProgress | null) => void;
}

const MESSAGES: Record<SyncFailureKind, string> = {
  network: 'Ingen anslutning – allt är sparat på apparaten och synkas när nätet är tillbaka.',
  // After the deadline's own sentence ("Servern svarade inte inom 20 sekunder.").
  timeout: 'Allt är sparat på apparaten och Fältsam försöker igen automatiskt.',
  server: 'Servern kunde inte ta emot ändringarna just nu. Fältsam försöker igen automatiskt.',
  auth: 'Din inloggning har gått ut. Logga in igen för att synka – inget av det du sparat går förlorat.',
  storage:
    'Apparaten har inte plats att spara mer. Det som redan är sparat finns kvar. Frigör utrymme på apparaten och försök igen.',
};

/** The server ended the session because the account or this device was blocked (auth/sessions.ts). */
const BLOCKED = new Set(['konto_sparrat', 'apparat_sparrad']);

export function classifyError(e: unknown): { kind: SyncFailureKind; retry: boolean; message: string } {
  if (e instanceof DeadlineError)
    return { kind: 'timeout', retry: true, message: `${e.message} ${MESSAGES.timeout}` };
  if (e instanceof NetworkError) return { kind: 'network', retry: true, message: MESSAGES.network };
  if (e instanceof ApiError) {
    // The server says why (expired, ended by an admin, password changed, device blocked) in Swedish.
    if (e.status === 401) return { kind: 'auth', retry: false, message: e.body.message || MESSAGES.auth };
    if (e.status >= 500 || e.status === 429) return { kind: 'server', retry: true, message: MESSAGES.server };
    return { kind: 'server', retry: false, message: e.body.message };
  }
  const name = (e as { name?: string } | null)?.name ?? '';
  if (
    name === 'QuotaExceededError' ||
    (e as { inner?: { name?: string } })?.inner?.name === 'QuotaExceededError'
  )
    return { kind: 'storage', retry: false, message: MESSAGES.storage };
  return { kind: 'server', retry: true, message: MESSAGES.server };
}

export type SyncEngine = ReturnType<typeof createSyncEngine>;

/**
 * The engine of a runner (runner.ts SyncEngineFactory): the sync calls over its API client; after
 * a good round it also refreshes, best effort, what the device keeps for offline use beside the
 * records (the user as the server has it: settings, code lists; the colleagues of the user's
 * enheter; the open half-year rounds).
 */
export function engineFor({
  api,
  db,
  ...rest
}: Omit<SyncEngineOptions, 'api'> & {
  api: Pick<ApiClient, 'request' | 'handlaggare' | 'rounds' | 'me'>;
}): SyncEngine {
  const engine = createSyncEngine({ ...rest, db, api: syncCalls(api) });
  return {
    async sync() {
      const outcome = await engine.sync();
      if (outcome.ok) {
        await refreshSessionUser(db, api);
        await refreshColleagues(db, api).catch(() => {});
        await refreshRounds(db, api).catch(() => {});
      }
      return outcome;
    },
  };
}

export function createSyncEngine({
  db,
  api,
  now = () => new Date(),
  pushBatchSize = 200,
  // A page of 1,000 compact records is a few hundred kB: one request and one transaction each.
  pullPageSize = PULL_PAGE_MAX,
  onProgress,
}: SyncEngineOptions) {
  const limit = Math.min(pullPageSize, PULL_PAGE_MAX);

  async function pushAll(): Promise<{ pushed: number; rejected: number }> {
    let pushed = 0;
    let rejected = 0;
    for (;;) {
      const batch = await pendingBatch(db, pushBatchSize);
      if (batch.mutations.length === 0) return { pushed, rejected };
      const res = await api.push(batch);
      await applyPushResults(db, res.results, now());
      pushed += res.results.filter((r) => r.status === 'applied').length;
      rejected += res.results.filter((r) => r.status === 'rejected').length;
      // The server stops at a gap in the sequence; without progress, a loop would never end.
      if (res.results.length === 0) throw new ApiError(409, { code: 'sekvens', message: MESSAGES.server });
    }
  }

  /**
   * Pages of one kind (the feed or a backfill) until the last; progress shown past one page. The
   * next page is asked for (after this page's cursor) while this one is stored, so the server's
   * work and the device's overlap; pages are still stored one after another, in order, and a page
   * that fails to store ends the loop (the page asked for meanwhile is dropped).
   */
  async function pages(
    fetch: (first: boolean, after: string | null) => Promise<PullResponse>,
    store: (p: PullResponse, after: string | null) => Promise<void>,
  ) {
    let done = 0;
    let total = 0;
    let after: string | null = null;
    let next = fetch(true, null);
    for (let first = true; ; first = false) {
      const page = await next;
      const asked = after;
      if (page.hasMore) {
        after = page.cursor;
        next = fetch(false, after);
        next.catch(() => undefined); // awaited in the next turn; unused if this store fails
      }
      await store(page, asked);
      done += page.changes.length + page.removals.length;
      if (first) total = page.total ?? 0;
      if (page.hasMore && total > limit) onProgress?.({ done, total: Math.max(total, done) });
      if (!page.hasMore) return done;
    }
  }

  async function pullAll(): Promise<number> {
    try {
      // The pull follows a full push: naming the device tells the server "nothing queued here until
      // now" (gallring waits for that). A device starting over names it only once caught up: its
      // own writes are left out of a named pull, and it dropped them.
      const deviceId = await getDeviceId(db);
      const startingOver = (await getMeta(db, 'startingOver')) === true;
      // The cursor a page was asked after: the stored one for a run's first page, else the cursor
      // of the page before it (which is stored before this page is).
      let start = '0';
      const feedPage = async (first: boolean, named: boolean, after: string | null) => {
        if (after === null) start = await getCursor(db);
        return api.pull(after ?? start, limit, { count: first, deviceId: named ? deviceId : undefined });
      };
      const storeFeed = (page: PullResponse, after: string | null) =>
        applyPulledPage(db, page, after ?? start);
      let pulled = await pages((first, after) => feedPage(first, !startingOver, after), storeFeed);
      // Caught up (it holds its own writes again): one more page, usually empty, names it.
      if (startingOver) pulled += await pages((_, after) => feedPage(false, true, after), storeFeed);
      for (let job = await nextBackfill(db); job; job = await nextBackfill(db)) {
        const { until, enhetIds, entities } = job;
        pulled += await pages(
          async (first, after) =>
            api.pull(after ?? (await nextBackfill(db))?.after ?? '0', limit, {
              count: first,
              backfill: { until, enhetIds, entities },
            }),
          (page) => applyBackfillPage(db, page),
        );
      }
      await settleRemovals(db);
      return pulled;
    } finally {
      onProgress?.(null);
    }
  }

  async function round(): Promise<SyncOutcome> {
    try {
      const { pushed, rejected } = await pushAll();
      const pulled = await pullAll();
      await recordSyncSuccess(db, now());
      return { ok: true, pushed, rejected, pulled };
    } catch (e) {
      // A blocked account or device keeps nothing but its unsynced work (shown, not sent).
      if (e instanceof ApiError && BLOCKED.has(e.body.code)) await forgetAllRecords(db).catch(() => {});
      const c = classifyError(e);
      await recordSyncError(db, { kind: c.kind, message: c.message, at: now().toISOString() }).catch(
        () => {},
      );
      return { ok: false, ...c };
    }
  }

  let running: Promise<SyncOutcome> | null = null;
  let queued: Promise<SyncOutcome> | null = null;

  /**
   * Runs one round. A call while a round is running gets the next one, started when that ends, so
   * whatever was saved before the call is sent; calls meanwhile share that next round.
   */
  function sync(): Promise<SyncOutcome> {
    if (!running) {
      running = round().finally(() => {
        running = null;
      });
      return running;
    }
    queued ??= running.then(() => {
      queued = null;
      return sync();
    });
    return queued;
  }

  return { sync };
}
