/**
 * The wire format of the sealed outbox (README, "Synk när appen är låst"). The page seals each
 * outbox entry for the server; the service worker sends the boxes with a push-only credential and
 * keeps the answers (the same content-free MutationResults as a push) for the page.
 */

import { Id } from './id';
import { SealedBox, SealKey } from './sealed-box';
import { PUSH_BATCH_MAX } from './sync-protocol';
import { z } from './zod';

export const PushCredentialRequest = z.object({ deviceId: Id });
export type PushCredentialRequest = z.infer<typeof PushCredentialRequest>;

/** A device's push-only credential: what the service worker may use, and what only sealed boxes hold. */
export const PushCredential = z.object({
  deviceId: Id,
  /** Bearer token of POST /api/sync/push-sealed only; bound to this device and its session. */
  token: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  /**
   * Proof, inside every box, that the page sealed it while unlocked: stored on the device under the
   * data key, never where the service worker can read it. A stolen token cannot forge a mutation.
   */
  secret: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  sealKey: SealKey,
});
export type PushCredential = z.infer<typeof PushCredential>;

/** What a box holds once opened: the outbox entry exactly as the page would push it. */
export const SealedMutation = z.object({
  deviceId: Id,
  secret: z.string().max(100),
  mutation: z.unknown(),
});
export type SealedMutation = z.infer<typeof SealedMutation>;

export const SealedPushRequest = z.object({
  boxes: z.array(SealedBox).min(1).max(PUSH_BATCH_MAX),
});
export type SealedPushRequest = z.infer<typeof SealedPushRequest>;
