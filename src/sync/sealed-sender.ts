/**
 * The service worker's push of the sealed outbox (issue 16): the boxes in sequence order, in
 * batches, with the push-only credential, in the sync lock the pages hold for their rounds. Each
 * answer is stored as receipts, dropping its boxes in the same transaction (db/sw-store.ts), so
 * a box is sent again only when its answer was lost — and then the server answers it the same.
 * Raw fetch and plain checks here, no zod: this runs in sw.js, which must stay small.
 */
import type { SealedRow } from '../db/sw-store';
import { getCredential, readSealed, storeReceipts } from '../db/sw-store';
import type { MutationResult } from '../domain/sync-protocol';
import type { FetchLike } from './api';
import { DEADLINES, withDeadline } from './deadline';
import { DeadlineError } from './errors';
import { SYNC_LOCK } from './sync-lock';

/** Well below the server's 500: a batch of long notes stays a modest request on a poor line. */
const BATCH = 100;

/**
 * done: everything sealed was answered; nothing: there was nothing to send; retry: no network or
 * a server fault (the browser retries the Background Sync); stopped: the server refused (revoked,
 * logged out, a gap in the sequence) and the page takes over at the next unlock.
 */
export type SendOutcome = 'done' | 'nothing' | 'retry' | 'stopped';

export interface SealedSenderOptions {
  /** The worker's store (sw-store.ts swStoreName). */
  store: string;
  fetch: FetchLike;
  baseUrl?: string;
  locks?: Pick<LockManager, 'request'> | undefined;
  /**
   * How long one batch may take, answer included (deadline.ts; tests pass a shorter one). Without
   * it a connection that never answers would keep the sync lock, and every page's round waiting.
   */
  deadlineMs?: number;
  /**
   * Told when a batch got no answer within its deadline. Meanwhile a page's round waits for the
   * sync lock and its status would say nothing: the worker tells the open pages (worker-report.ts).
   */
  onDeadline?: (ms: number) => void;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Only the content-free fields of an answer are kept, whatever else a reply might carry. */
function receiptOf(v: unknown): MutationResult | null {
  if (!isObj(v) || typeof v.id !== 'string' || typeof v.seq !== 'number' || typeof v.recordId !== 'string')
    return null;
  const base = { id: v.id, seq: v.seq, recordId: v.recordId };
  if (v.status === 'applied' && Array.isArray(v.conflicts)) {
    const version = typeof v.version === 'number' ? v.version : null;
    const conflicts = v.conflicts.filter(isObj).map((c) => ({ field: String(c.field) }));
    return { status: 'applied', ...base, version, conflicts };
  }
  if (v.status === 'rejected' && isObj(v.error)) {
    return {
      status: 'rejected',
      ...base,
      error: { code: String(v.error.code), message: String(v.error.message) },
    };
  }
  return null;
}

async function sendBatch(
  opts: SealedSenderOptions,
  token: string,
  rows: SealedRow[],
): Promise<SendOutcome | MutationResult[]> {
  let answer: { res: Response; body: unknown };
  try {
    answer = await withDeadline(opts.deadlineMs ?? DEADLINES.request, async (signal) => {
      const res = await opts.fetch(`${opts.baseUrl ?? ''}/api/sync/push-sealed`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          accept: 'application/json',
        },
        body: JSON.stringify({ boxes: rows.map((r) => r.box) }),
        signal,
      });
      // The body within the same deadline: a server may send its headers and then stall.
      const body: unknown = res.ok ? await res.json().catch(() => null) : null;
      return { res, body };
    });
  } catch (e) {
    // No answer, or none in time: the boxes stay, and the server answers them the same next time.
    if (e instanceof DeadlineError) opts.onDeadline?.(e.ms);
    return 'retry';
  }
  const { res, body } = answer;
  if (res.status >= 500 || res.status === 429) return 'retry';
  if (!res.ok) return 'stopped';
  if (!isObj(body) || !Array.isArray(body.results)) return 'retry';
  const sent = new Map(rows.map((r) => [r.seq, r.id]));
  // Only answers to the boxes just sent, each to its own mutation id.
  return body.results
    .map(receiptOf)
    .filter((r): r is MutationResult => r !== null && sent.get(r.seq) === r.id);
}

async function sendAll(opts: SealedSenderOptions): Promise<SendOutcome> {
  let outcome: SendOutcome = 'nothing';
  for (;;) {
    const cred = await getCredential(opts.store);
    const rows = cred ? await readSealed(opts.store, BATCH) : [];
    if (!cred || rows.length === 0) return outcome;
    const answered = await sendBatch(opts, cred.token, rows);
    if (typeof answered === 'string') return answered;
    // The server stops at a gap in the sequence: without progress the page has to take over.
    if (answered.length === 0) return 'stopped';
    await storeReceipts(opts.store, answered);
    outcome = 'done';
  }
}

/** Sends the sealed outbox once, in the sync lock when the runtime has Web Locks. */
export function sendSealedOutbox(opts: SealedSenderOptions): Promise<SendOutcome> {
  return opts.locks ? opts.locks.request(SYNC_LOCK, () => sendAll(opts)) : sendAll(opts);
}
