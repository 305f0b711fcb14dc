/**
 * The wire format between device and server. A device numbers its mutations 1, 2, 3… (its
 * sequence); the server applies each device's mutations once and in order, so a batch sent again
 * after a lost reply changes nothing and gets the same answers back.
 */
import { z } from 'zod';
import { EntityName } from './entity-names';

export const PUSH_BATCH_MAX = 500;
export const PULL_PAGE_MAX = 1000;

export const Mutation = z.object({
  /** Client-generated id of the outbox entry. */
  id: z.uuid(),
  /** Per-device sequence, strictly increasing from 1. */
  seq: z.int().positive(),
  entity: EntityName,
  recordId: z.uuid(),
  /** The server version the edit was based on; null when the record is created. */
  baseVersion: z.int().nonnegative().nullable(),
  /** Only the fields that changed, with their new values. */
  changes: z.record(z.string(), z.unknown()),
  /** When the user made the edit, by the device's clock. */
  at: z.iso.datetime(),
});
export type Mutation = z.infer<typeof Mutation>;

export const PushRequest = z.object({
  deviceId: z.uuid(),
  mutations: z.array(Mutation).min(1).max(PUSH_BATCH_MAX),
});
export type PushRequest = z.infer<typeof PushRequest>;

export const FieldConflict = z.object({
  field: z.string(),
  /** The value this device sent, which lost. */
  local: z.unknown(),
  /** The value the server kept. */
  server: z.unknown(),
});
export type FieldConflict = z.infer<typeof FieldConflict>;

export const ErrorBody = z.object({
  code: z.string(),
  message: z.string(),
  /** Field name → Swedish message, where the error is about particular fields. */
  fields: z.record(z.string(), z.string()).optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const MutationResult = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('applied'),
    id: z.uuid(),
    seq: z.int(),
    recordId: z.uuid(),
    record: z.record(z.string(), z.unknown()),
    conflicts: z.array(FieldConflict),
  }),
  z.object({
    status: z.literal('rejected'),
    id: z.uuid(),
    seq: z.int(),
    recordId: z.uuid(),
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

export const PullResponse = z.object({
  changes: z.array(PullChange),
  /** Opaque to the device; store it with the page and send it back. */
  cursor: z.string(),
  hasMore: z.boolean(),
});
export type PullResponse = z.infer<typeof PullResponse>;

/** Every error the API returns has this one shape, with a message fit to show a user. */
export const ApiErrorResponse = z.object({ error: ErrorBody });
export type ApiErrorResponse = z.infer<typeof ApiErrorResponse>;
