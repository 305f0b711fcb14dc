/**
 * One sync round: push the outbox in batches, then pull pages until the server has nothing more.
 * Failures are sorted by cause so the caller knows whether to retry: no network or a 5xx is
 * retried with backoff; an expired login waits for the user; a rejected record is kept in the
 * outbox, shown, and never blocks the others. Offline, a round ends at once with kind 'network'.
 */

import type { FaltsamDb } from '../db/database';
import { getDeviceId } from '../db/meta';
import { applyPulledPage, applyPushResults, getCursor, pendingBatch } from '../db/sync-apply';
import { recordSyncError, recordSyncSuccess } from '../db/sync-status';
import { PULL_PAGE_MAX } from '../domain/sync-protocol';
import { type ApiClient, ApiError, NetworkError } from './api';

export type SyncFailureKind = 'network' | 'server' | 'auth' | 'storage';

export type SyncOutcome =
  | { ok: true; pushed: number; rejected: number; pulled: number }
  | { ok: false; kind: SyncFailureKind; retry: boolean; message: string };

export interface SyncEngineOptions {
  db: FaltsamDb;
  api: Pick<ApiClient, 'push' | 'pull'>;
  now?: () => Date;
  pushBatchSize?: number;
  pullPageSize?: number;
}

const MESSAGES: Record<SyncFailureKind, string> = {
  network: 'Ingen anslutning – allt är sparat på apparaten och synkas när nätet är tillbaka.',
  server: 'Servern kunde inte ta emot ändringarna just nu. Fältsam försöker igen automatiskt.',
  auth: 'Din inloggning har gått ut. Logga in igen för att synka – inget av det du sparat går förlorat.',
  storage:
    'Apparaten har inte plats att spara mer. Det som redan är sparat finns kvar. Frigör utrymme på apparaten och försök igen.',
};

export function classifyError(e: unknown): { kind: SyncFailureKind; retry: boolean; message: string } {
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

export function createSyncEngine({
  db,
  api,
  now = () => new Date(),
  pushBatchSize = 200,
  pullPageSize = 500,
}: SyncEngineOptions) {
  let running: Promise<SyncOutcome> | null = null;

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

  async function pullAll(): Promise<number> {
    let pulled = 0;
    for (;;) {
      // The pull follows a full push: the server may take it as "nothing queued here until now".
      const page = await api.pull(
        await getCursor(db),
        Math.min(pullPageSize, PULL_PAGE_MAX),
        await getDeviceId(db),
      );
      await applyPulledPage(db, page);
      pulled += page.changes.length;
      if (!page.hasMore) return pulled;
    }
  }

  async function round(): Promise<SyncOutcome> {
    try {
      const { pushed, rejected } = await pushAll();
      const pulled = await pullAll();
      await recordSyncSuccess(db, now());
      return { ok: true, pushed, rejected, pulled };
    } catch (e) {
      const c = classifyError(e);
      await recordSyncError(db, { kind: c.kind, message: c.message, at: now().toISOString() }).catch(
        () => {},
      );
      return { ok: false, ...c };
    }
  }

  return {
    /** Runs one round; a call while a round is running joins it instead of starting another. */
    sync(): Promise<SyncOutcome> {
      running ??= round().finally(() => {
        running = null;
      });
      return running;
    },
  };
}
