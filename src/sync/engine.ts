/**
 * One sync round: push the outbox in batches, pull the feed until the server has nothing more, then
 * backfill what a gained enhet or role brings and take off the device what the user may no longer
 * see. Failures are sorted by cause so the caller knows whether to retry: no network, no answer in
 * time or a 5xx is retried with backoff; an expired login waits for the user; a rejected record is
 * kept in the outbox, shown, and never blocks the others. Offline, a round ends at once with kind
 * 'network'. Every request has a deadline (api.ts), so a round always ends and says why.
 */

import type { FaltsamDb, StoredRecordRow } from '../db/database';
import { holdSnapshotWrites } from '../db/list-snapshot';
import { getDeviceId, getMeta } from '../db/meta';
import {
  applyBackfillPage,
  applyPulledPage,
  forgetAllRecords,
  getCursor,
  nextBackfill,
  sealPage,
  settleRemovals,
} from '../db/pull-apply';
import { applyPushResults, pendingBatch } from '../db/sync-apply';
import { recordSyncError, recordSyncSuccess } from '../db/sync-status';
import {
  PULL_PAGE_MAX,
  PUSH_BATCH_CHARS,
  PUSH_BATCH_CHARS_MIN,
  PUSH_BATCH_MAX,
  type PullResponse,
  type PushRequest,
  type PushResponse,
} from '../domain/sync-protocol';
import { type ApiClient, ApiError, DEADLINES, DeadlineError, NetworkError } from './api';
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
  /** The API client's request deadline (api.ts DEADLINES.request unless a test sets it). */
  requestDeadlineMs?: number;
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

const noop = () => {};

/**
 * A batch sent ahead that the server took before the one before it (services/push.ts), or that
 * waited behind it past its deadline: sent again on its own rather than failing the round.
 */
const sendAgain = (e: unknown) =>
  e instanceof DeadlineError || (e instanceof ApiError && e.body.code === 'sekvens_lucka');

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
 * The engine of a runner (runner.ts SyncEngineFactory): the sync calls over its API client, and
 * the best-effort refresh after a good round of what the device keeps for offline use beside the
 * records (the user as the server has it: settings, code lists; the colleagues of the user's
 * enheter; the open half-year rounds). The runner calls refresh after it has released the sync
 * lock: a refresh touches no outbox, and a connection that stops answering in the middle of it
 * must not hold up the next push (in this tab, another tab or the service worker) for a deadline
 * per request. Its requests run at the same time, so it ends within one request deadline.
 */
export function engineFor({
  api,
  db,
  ...rest
}: Omit<SyncEngineOptions, 'api'> & {
  api: Pick<ApiClient, 'request' | 'handlaggare' | 'rounds' | 'me'>;
}): RefreshingEngine {
  const engine = createSyncEngine({ ...rest, db, api: syncCalls(api) });
  return {
    sync: () => engine.sync(),
    async refresh() {
      await Promise.all([
        refreshSessionUser(db, api),
        refreshColleagues(db, api).catch(() => {}),
        refreshRounds(db, api).catch(() => {}),
      ]);
    },
  };
}

/** An engine with the refresh a runner runs after each good round, outside the sync lock. */
export interface RefreshingEngine extends SyncEngine {
  refresh?: () => Promise<void>;
}

export function createSyncEngine({
  db,
  api,
  now = () => new Date(),
  // As many as the server takes in one push; PUSH_BATCH_CHARS bounds a batch of long texts.
  pushBatchSize = PUSH_BATCH_MAX,
  requestDeadlineMs = DEADLINES.request,
  // A page of 1,000 compact records is a few hundred kB: one request and one transaction each.
  pullPageSize = PULL_PAGE_MAX,
  onProgress,
}: SyncEngineOptions) {
  const limit = Math.min(pullPageSize, PULL_PAGE_MAX);
  /**
   * How much JSON a push batch holds at most now. A slow uplink shows in how long a batch takes:
   * halved when one took over half the request deadline, quartered when one got no answer in time
   * (two batches share the uplink while one is sent ahead), doubled up to PUSH_BATCH_CHARS when
   * one was answered within a quarter of it. On a fast network every batch is as large as allowed;
   * on a slow one they settle where they are answered in time, rather than a full batch running
   * out of time in every round. (A batch sent ahead also waits at the server behind the one before
   * it: a busy server makes batches smaller too, which costs little.)
   */
  let batchChars = PUSH_BATCH_CHARS;
  const shrinkBatches = (by: number) => {
    batchChars = Math.max(PUSH_BATCH_CHARS_MIN, batchChars / by);
  };
  const answeredAfter = (ms: number) => {
    if (ms > requestDeadlineMs / 2) shrinkBatches(2);
    else if (ms < requestDeadlineMs / 4) batchChars = Math.min(PUSH_BATCH_CHARS, batchChars * 2);
  };

  /**
   * Sends the outbox in batches, the next one while the answer to the one before is on its way:
   * the device's work (read, decrypt, store the answers) and the server's then overlap instead of
   * taking turns (as the pull's pages do). The server applies a device's batches one after the
   * other (services/push.ts: the device's row is locked, sequences in order). When an answer
   * comes, the batch after the one already sent ahead goes out at once, before the answer is
   * stored, read from the outbox already while the server worked: the server then always has the
   * next batch waiting (it waited while the device stored answers and read the next batch, a tenth
   * of a 10,000-ärende push; read only when the answer came, the batch left 40–135 ms after it,
   * read ahead 3–15 ms). Every batch says up to which
   * sequence the device has stored its answers (`answeredThrough`: before the oldest batch whose
   * answers it has not stored), so the server keeps the answers still on their way, or not yet
   * stored, for a resend. A batch sent ahead that the server took before the one before it
   * (refused as out of order, `sekvens_lucka`) or that waited past its deadline behind it is sent
   * again at once, on its own (applied or not, the server answers it the same); any other failure
   * ends the round as always, and the next round starts from the oldest entry without an answer.
   */
  async function pushAll(): Promise<{ pushed: number; rejected: number }> {
    type InFlight = { batch: PushRequest; sending: Promise<PushResponse>; sentAt: number };
    // The batch after the one last sent, read while the server works on the batches before it,
    // so that it goes out the moment an answer makes room. Safe to read early: a pending entry
    // never changes once queued (only a refused one is replaced or dropped), and an entry queued
    // after the read goes in a later batch. Read again when the bound has changed meanwhile.
    let early: { after: number; chars: number; batch: Promise<PushRequest> } | null = null;
    const read = (after?: number) => {
      const kept = early;
      early = null;
      return kept && kept.after === after && kept.chars === batchChars
        ? kept.batch
        : pendingBatch(db, pushBatchSize, after, batchChars);
    };
    // The pending entries after sequence `after` (without: the oldest), sent, with how far the
    // device has stored answers when given (none pending: null). A request's failure is the
    // round's when it is awaited; until then (the next batch is read meanwhile) it is not an
    // unhandled rejection.
    const sendPending = async (after?: number, answeredThrough?: number): Promise<InFlight | null> => {
      const batch = await read(after);
      if (batch.mutations.length === 0) return null;
      const sending = api.push(answeredThrough === undefined ? batch : { ...batch, answeredThrough });
      sending.catch(noop);
      const last = batch.mutations.at(-1)?.seq ?? 0;
      early = { after: last, chars: batchChars, batch: pendingBatch(db, pushBatchSize, last, batchChars) };
      // Its failure is the round's only when that batch is sent.
      early.batch.catch(noop);
      return { batch, sending, sentAt: performance.now() };
    };
    const settled = (f: InFlight | null) => f?.sending.then(noop, noop);
    // The oldest pending entries as the outbox holds them now, sent (none: nothing to send).
    const fromOutbox = () => sendPending();
    // The pending entries after `batch`, sent (none: null).
    const sendAfter = (batch: PushRequest, answeredThrough: number) =>
      sendPending(batch.mutations.at(-1)?.seq ?? 0, answeredThrough);
    let pushed = 0;
    let rejected = 0;
    let current = await fromOutbox();
    let ahead: InFlight | null = null;
    let sentAhead = false;
    while (current) {
      const { batch, sending } = current;
      const storedThrough = (batch.mutations[0]?.seq ?? 1) - 1;
      ahead ??= await sendAfter(batch, storedThrough);
      let res: PushResponse;
      try {
        res = await sending;
      } catch (e) {
        // No answer in time: perhaps a slow uplink (two batches share it while one is sent ahead).
        // The next batches, in this round or the next, are smaller until one is answered in time.
        if (e instanceof DeadlineError) shrinkBatches(4);
        if (!(sentAhead && sendAgain(e))) throw e;
        // The one sent after it cannot have been applied before it: let it settle, then resend.
        await settled(ahead);
        current = await fromOutbox();
        ahead = null;
        sentAhead = false;
        continue;
      }
      answeredAfter(performance.now() - current.sentAt);
      const whole = res.results.length > 0 && res.results.length === batch.mutations.length;
      // Answered whole: the batch after the one sent ahead goes out now, while this answer is
      // stored (so it says this batch's answers are not stored yet).
      const following: InFlight | null = ahead && whole ? await sendAfter(ahead.batch, storedThrough) : null;
      await applyPushResults(db, res.results, now());
      pushed += res.results.filter((r) => r.status === 'applied').length;
      rejected += res.results.filter((r) => r.status === 'rejected').length;
      // The server stops at a gap in the sequence; without progress, a loop would never end.
      if (res.results.length === 0) throw new ApiError(409, { code: 'sekvens', message: MESSAGES.server });
      if (ahead && whole) {
        current = ahead;
        ahead = following;
        sentAhead = true;
      } else {
        // Answered in part (the rest follows a gap) or nothing was sent ahead: from the outbox
        // as it is now, which also holds what was saved during the round.
        await settled(ahead);
        current = await fromOutbox();
        ahead = null;
        sentAhead = false;
      }
    }
    return { pushed, rejected };
  }

  /**
   * Pages of one kind (the feed or a backfill) until the last; progress shown past one page.
   * `fetch` is given the cursor the previous page ended at (null for the first page). With
   * `ahead`, the next page is asked for while this one is stored, and `ahead` prepares it (parse,
   * encrypt) as soon as it has come: the device's work, the server's, the network's and the
   * database's then overlap instead of taking turns. Pages are still stored one after the other,
   * each only after the one before it; a page fetched ahead of a store that failed is dropped, and
   * the next round asks again from the stored cursor.
   */
  async function pages<A>(
    fetch: (first: boolean, after: string | null) => Promise<PullResponse>,
    store: (p: PullResponse, asked: string | null, prepared: Promise<A> | undefined) => Promise<void>,
    ahead?: (p: PullResponse) => Promise<A>,
  ) {
    let done = 0;
    let total = 0;
    let asked: string | null = null;
    const arrive = (p: Promise<PullResponse>) =>
      p.then((page) => {
        const prepared = ahead?.(page);
        // Its failure is the round's only when the page is stored (see applyPulledPage).
        prepared?.catch(() => {});
        return { page, prepared };
      });
    let next = arrive(fetch(true, null));
    for (let first = true; ; first = false) {
      const { page, prepared } = await next;
      const following = page.hasMore && ahead ? arrive(fetch(false, page.cursor)) : null;
      // Its failure is the round's only if that page is awaited (the store below succeeded).
      following?.catch(() => {});
      await store(page, asked, prepared);
      done += page.changes.length + page.removals.length;
      if (first) total = page.total ?? 0;
      if (page.hasMore && total > limit) onProgress?.({ done, total: Math.max(total, done) });
      if (!page.hasMore) return done;
      asked = page.cursor;
      next = following ?? arrive(fetch(false, page.cursor));
    }
  }

  async function pullAll(): Promise<number> {
    // The list's snapshot (list-snapshot.ts) is rewritten once the pull has ended, not between pages.
    const releaseSnapshot = holdSnapshotWrites(db);
    try {
      // The pull follows a full push: naming the device tells the server "nothing queued here until
      // now" (gallring waits for that). A device starting over names it only once caught up: its
      // own writes are left out of a named pull, and it dropped them.
      const deviceId = await getDeviceId(db);
      const startingOver = (await getMeta(db, 'startingOver')) === true;
      const start = await getCursor(db);
      // A page is asked from where the stored pages end: the stored cursor, then each page's own.
      const feedPage = (first: boolean, named: boolean, after: string) =>
        api.pull(after, limit, { count: first, deviceId: named ? deviceId : undefined });
      const storeFeed = (page: PullResponse, asked: string | null, sealed?: Promise<StoredRecordRow[]>) =>
        applyPulledPage(db, page, asked ?? start, sealed);
      let pulled = await pages(
        (first, after) => feedPage(first, !startingOver, after ?? start),
        storeFeed,
        (page) => sealPage(db, page),
      );
      // Caught up (it holds its own writes again): one more page, usually empty, names it.
      if (startingOver) {
        const from = await getCursor(db);
        pulled += await pages(
          (_first, after) => feedPage(false, true, after ?? from),
          (page, asked) => applyPulledPage(db, page, asked ?? from),
        );
      }
      for (let job = await nextBackfill(db); job; job = await nextBackfill(db)) {
        const { until, enhetIds, entities } = job;
        pulled += await pages(
          async (first) =>
            api.pull((await nextBackfill(db))?.after ?? '0', limit, {
              count: first,
              backfill: { until, enhetIds, entities },
            }),
          (page) => applyBackfillPage(db, page),
        );
      }
      await settleRemovals(db);
      return pulled;
    } finally {
      releaseSnapshot();
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
