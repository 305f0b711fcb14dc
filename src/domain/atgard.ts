/**
 * Åtgärd: one thing agreed at a meeting — which party, what, which role answers for it, by when, and
 * its status. A record of its own so its status never conflicts with edits to the möte. Invariant:
 * status only moves forward (planerad → pågår → inställd → klar), so concurrent changes converge.
 */

import { IsoDate } from './arende';
import { guardedText } from './guard';
import { Id } from './id';
import { CASE_RECORD_META, withCrossFieldRules } from './record-meta';
import { Samverkanspart } from './samtycke';
import { z } from './zod';

export const ATGARD_STATUSAR = ['planerad', 'pagar', 'klar', 'installd'] as const;
export type AtgardStatus = (typeof ATGARD_STATUSAR)[number];

export const ATGARD_STATUS_LABEL: Record<AtgardStatus, string> = {
  planerad: 'Planerad',
  pagar: 'Pågår',
  klar: 'Klar',
  installd: 'Inställd',
};

export const AtgardFieldsShape = {
  /** The meeting where it was agreed; fixed once the åtgärd exists. */
  moteId: Id,
  part: Samverkanspart,
  vad: guardedText(500, 'Vad ska göras').trim().min(1, { message: 'Beskriv vad som ska göras.' }),
  ansvarigRoll: guardedText(80, 'Ansvarig (roll)')
    .trim()
    .min(1, { message: 'Ange vilken roll som ansvarar.' }),
  senast: IsoDate,
  status: z.enum(ATGARD_STATUSAR),
} as const;
export const AtgardFields = z.object(AtgardFieldsShape);
export type AtgardFields = z.infer<typeof AtgardFields>;
export type AtgardField = keyof AtgardFields;

/** No rule spans two fields of an åtgärd; kept so every record kind has the same contract. */
export function atgardCrossFieldIssues(_a: AtgardFields): { path: AtgardField; message: string }[] {
  return [];
}

export const ValidAtgardFields = withCrossFieldRules(AtgardFields, atgardCrossFieldIssues);

/** An åtgärd as stored on the device and the server. `version` is the server's; 0 = never synced. */
export const Atgard = AtgardFields.extend(CASE_RECORD_META);
export type Atgard = z.infer<typeof Atgard>;

// One total order, planerad < pågår < inställd < klar, and status only climbs it: so whichever of two
// concurrent changes arrives first, both devices end on the higher one. Klar ranks above inställd
// because a cancelled åtgärd can still turn out done, and if one device marks it done while another
// cancels it, the work was done.
const RANK: Record<AtgardStatus, number> = { planerad: 0, pagar: 1, installd: 2, klar: 3 };

/** Forward only: a mistaken "klar" is corrected with a new åtgärd, never by moving back. */
export function canChangeAtgardStatus(from: AtgardStatus, to: AtgardStatus): boolean {
  return RANK[to] > RANK[from];
}

/** The status two devices converge on: the further one. Commutative, associative, idempotent. */
export function mergeAtgardStatus(a: AtgardStatus, b: AtgardStatus): AtgardStatus {
  return RANK[a] >= RANK[b] ? a : b;
}

export function isOpen(a: Pick<AtgardFields, 'status'>): boolean {
  return a.status === 'planerad' || a.status === 'pagar';
}

/** Open and its senast-datum has passed (ISO dates); due today is not yet overdue. */
export function isOverdue(a: Pick<AtgardFields, 'status' | 'senast'>, today: string): boolean {
  return isOpen(a) && a.senast < today;
}

/** The open åtgärder, earliest senast-datum first; equal dates keep their order in `list`. */
export function openAtgarder<T extends Pick<AtgardFields, 'status' | 'senast'>>(list: readonly T[]): T[] {
  return list.filter(isOpen).sort((x, y) => (x.senast < y.senast ? -1 : x.senast > y.senast ? 1 : 0));
}
