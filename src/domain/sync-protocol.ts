/**
 * The wire format between device and server. A device numbers its mutations 1, 2, 3… (its
 * sequence); the server applies each device's mutations once and in order, so a batch sent again
 * after a lost reply changes nothing and gets the same answers back.
 */

import { ErrorBody } from './api-error';
import { EntityName } from './entity-names';
import { Id } from './id';
import { z } from './zod';

// The error shape lives apart so the first screen's API client loads it without this module.
export { ApiErrorResponse, ErrorBody } from './api-error';

export const PUSH_BATCH_MAX = 500;
/**
 * How much a device puts in one push at most, by the length of its mutations' JSON: a batch ends
 * before the mutation that would take it past this, and holds one mutation at least (one bigger
 * than this goes alone). With the request deadline (sync/deadline.ts, 20 s) a push of this size
 * needs an uplink of ~13 kB/s (~100 kbit/s); a new ärende is ~700 characters, so a batch of them
 * holds ~370.
 */
export const PUSH_BATCH_CHARS = 256 * 1024;
/**
 * The least a device's bound goes down to on a slow uplink (sync/engine.ts: halved after a slow
 * answer, quartered after none in time, doubled again after a quick one).
 */
export const PUSH_BATCH_CHARS_MIN = 4 * 1024;
export const PULL_PAGE_MAX = 1000;

export const Mutation = z.object({
  /** Client-generated id of the outbox entry. */
  id: Id,
  /** Per-device sequence, strictly increasing from 1. */
  seq: z.int().positive(),
  entity: EntityName,
  /**
   * The record's id. Any short string is taken into the batch so that one in the wrong form is
   * refused as that mutation alone (`ogiltigt_id`), never as the whole batch.
   */
  recordId: z.string().max(100),
  /** The server version the edit was based on; null when the record is created. */
  baseVersion: z.int().nonnegative().nullable(),
  /** Only the fields that changed, with their new values; empty for a deletion. */
  changes: z.record(z.string(), z.unknown()),
  /**
   * The record is deleted (only kinds the registry marks `deletable`): the server removes it and
   * every device holding it removes its copy at its next pull. Deleting what is already gone is done.
   */
  delete: z.literal(true).optional(),
  /** When the user made the edit, by the device's clock. */
  at: z.iso.datetime(),
});
export type Mutation = z.infer<typeof Mutation>;

export const PushRequest = z.object({
  deviceId: Id,
  mutations: z.array(Mutation).min(1).max(PUSH_BATCH_MAX),
  /**
   * The device has stored the answers of every sequence up to this one. Without it the server
   * takes the batch's lowest sequence minus one. A device sends its next batch while the answer to
   * the one before is still on its way (the engine's pipelined push): that batch's answers must
   * then be kept for a resend, so the device names what it really holds.
   */
  answeredThrough: z.int().nonnegative().optional(),
});
export type PushRequest = z.infer<typeof PushRequest>;

/**
 * A field this device changed that another device had changed first: the server kept its own
 * value. Only the field's name travels; the device has its own value in the outbox and gets the
 * server's with the pull that follows every push.
 */
export const FieldConflict = z.object({ field: z.string() });
export type FieldConflict = z.infer<typeof FieldConflict>;

/**
 * The answer to one mutation. It holds no record content — no field values, only ids, the new
 * version, the names of conflicting fields or a refusal's code and Swedish message — so the
 * server can keep it for a resend without keeping what a handläggare wrote (see README,
 * "Säkerhet och dataskydd"). The device gets the record itself from the pull that follows.
 */
export const MutationResult = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('applied'),
    id: Id,
    seq: z.int(),
    recordId: z.string(),
    /** The record's version on the server after this mutation; null for write-once responses. */
    version: z.int().positive().nullable(),
    conflicts: z.array(FieldConflict),
  }),
  z.object({
    status: z.literal('rejected'),
    id: Id,
    seq: z.int(),
    recordId: z.string(),
    error: ErrorBody,
  }),
]);
export type MutationResult = z.infer<typeof MutationResult>;

export const PushResponse = z.object({
  results: z.array(MutationResult),
  /** The highest sequence of this device that the server has applied. */
  lastSeq: z.int().nonnegative(),
});
export type PushResponse = z.infer<typeof PushResponse>;

export const PullChange = z.object({
  entity: EntityName,
  record: z.record(z.string(), z.unknown()),
});
export type PullChange = z.infer<typeof PullChange>;

/** A record the user may no longer see (moved away, gallrad …): the device deletes its copy. */
export const PullRemoval = z.object({ entity: EntityName, id: Id });
export type PullRemoval = z.infer<typeof PullRemoval>;

/**
 * What the user may pull right now: their enheter and the record kinds of their role. A device
 * compares it with the scope it synced under: a lost enhet or kind is deleted on the device, a
 * gained one is backfilled (its records from before the cursor are pulled once, see `until`).
 */
export const SyncScope = z.object({
  enhetIds: z.array(Id),
  entities: z.array(EntityName),
});
export type SyncScope = z.infer<typeof SyncScope>;

export const PullResponse = z.object({
  /** The förbund of every record in the page; records leave it out (compact-record.ts). */
  forbundId: Id,
  /** Records compact: without forbundId and without fields that are null (compact-record.ts). */
  changes: z.array(PullChange),
  /** Records that left the user's scope after the cursor; never in the same page as their change. */
  removals: z.array(PullRemoval),
  scope: SyncScope,
  /** Opaque to the device; store it with the page and send it back. */
  cursor: z.string(),
  hasMore: z.boolean(),
  /** Asked for with `count=1`: how many changes and removals there are after the request's cursor. */
  total: z.int().nonnegative().optional(),
});
export type PullResponse = z.infer<typeof PullResponse>;
