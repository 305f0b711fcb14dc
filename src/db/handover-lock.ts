/**
 * Whether the device is in hand-over mode (PRODUCT.md §3), read at start-up before anything renders.
 * Apart from handover-repo.ts (starting, answering, unlocking), which only the hand-over and enkät
 * screens load, so the first screen does not carry it.
 */

import { IsoDate } from '../domain/arende';
import { FormId } from '../domain/instrument/form-ids';
import { SurveyRound } from '../domain/instrument/round';
import { z } from '../domain/zod';
import type { FaltsamDb } from './database';

export const LOCK_KEY = 'handoverLock' as const;

/**
 * What a hand-over answers for: an enkät of an ärende, a half-year round, or the deltagare's
 * stegförflyttning item (M14) at a meeting, stored as the ärende's measurement of that date.
 */
export const HandoverTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('arende'), arendeId: z.uuid() }),
  z.object({ kind: z.literal('round'), period: SurveyRound, enhetId: z.uuid() }),
  z.object({
    kind: z.literal('steg'),
    arendeId: z.uuid(),
    forbundId: z.uuid(),
    moteId: z.uuid().nullable(),
    date: IsoDate,
  }),
]);
export type HandoverTarget = z.infer<typeof HandoverTarget>;

/** answering: the questionnaire; tack: the thank-you screen; idle: closed after no input. */
export const HandoverPhase = z.enum(['answering', 'tack', 'idle']);
export type HandoverPhase = z.infer<typeof HandoverPhase>;

export const HandoverLock = z.object({
  formId: FormId,
  target: HandoverTarget,
  phase: HandoverPhase,
  /** Where the app goes after unlock (a route of the ui, e.g. the ärende's page). */
  returnTo: z.string(),
  startedAt: z.iso.datetime(),
  failedUnlocks: z.int().nonnegative(),
  /** After repeated wrong passwords, no new attempt before this time. */
  retryAfter: z.iso.datetime().nullable(),
});
export type HandoverLock = z.infer<typeof HandoverLock>;

// A lock value that cannot be read still locks: the locked screen, never the case list.
const UNREADABLE_LOCK: HandoverLock = {
  formId: 'F-D-UNDER',
  target: { kind: 'arende', arendeId: '00000000-0000-4000-8000-000000000000' },
  phase: 'idle',
  returnTo: '#/',
  startedAt: new Date(0).toISOString(),
  failedUnlocks: 0,
  retryAfter: null,
};

/** The active hand-over lock, or null when the device is in normal mode. */
export async function getHandoverLock(db: FaltsamDb): Promise<HandoverLock | null> {
  const row = await db.meta.get(LOCK_KEY);
  if (row === undefined || row.value === null) return null;
  const parsed = HandoverLock.safeParse(row.value);
  return parsed.success ? parsed.data : UNREADABLE_LOCK;
}
