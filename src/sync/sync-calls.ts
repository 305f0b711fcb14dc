/**
 * The two sync calls, with the wire format's schemas: loaded with the engine, not with the first
 * screen (the API client there only logs in and fetches small things).
 */
import { PullResponse, type PushRequest, PushResponse } from '../domain/sync-protocol';
import type { ApiClient } from './api';

export interface PullOptions {
  /** Also count what follows the cursor (for the progress line). */
  count?: boolean;
  /** Instead of the feed: records of gained enheter or kinds changed at or before `until`. */
  backfill?: { until: string; enhetIds: readonly string[]; entities: readonly string[] };
  /**
   * This device: tells the server it completed a sync (gallring waits for that), and the server
   * leaves out the records it holds as written by itself.
   */
  deviceId?: string | undefined;
}

export type SyncCalls = ReturnType<typeof syncCalls>;

export function syncCalls(api: Pick<ApiClient, 'request'>) {
  return {
    push: (req: PushRequest) => api.request('POST', '/api/sync/push', PushResponse, req),
    /** A feed page after `cursor` (or a backfill page, see PullOptions). */
    pull: (cursor: string, limit: number, opts: PullOptions = {}) => {
      const q = new URLSearchParams({ cursor, limit: String(limit) });
      if (opts.count) q.set('count', '1');
      if (opts.deviceId) q.set('deviceId', opts.deviceId);
      if (opts.backfill) {
        q.set('until', opts.backfill.until);
        for (const id of opts.backfill.enhetIds) q.append('enhet', id);
        for (const e of opts.backfill.entities) q.append('entity', e);
      }
      return api.request('GET', `/api/sync/pull?${q}`, PullResponse);
    },
  };
}
