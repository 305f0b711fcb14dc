/**
 * Överlämning: an ärende handed from one handläggare to another of the same enhet, kept as a record of
 * its own with the date (PRODUCT.md §2: handläggarbyten break processes, so the hand-over is visible).
 * Invariant: a record of what happened, never edited; the ärende's handlaggareId changes with it.
 */

import { Id, id } from './id';
import { IsoDate } from './iso-date';
import { z } from './zod';

export const OverlamningFieldsShape = {
  franHandlaggareId: Id,
  tillHandlaggareId: id('Välj den handläggare som tar över ärendet.'),
  datum: IsoDate,
} as const;
export const OverlamningFields = z.object(OverlamningFieldsShape);
export type OverlamningFields = z.infer<typeof OverlamningFields>;
export type OverlamningField = keyof OverlamningFields;

export function overlamningCrossFieldIssues(
  o: OverlamningFields,
): { path: OverlamningField; message: string }[] {
  return o.franHandlaggareId === o.tillHandlaggareId
    ? [{ path: 'tillHandlaggareId', message: 'Välj en annan handläggare än den som har ärendet nu.' }]
    : [];
}

/** An överlämning as stored on the device and the server. `version` is the server's; 0 = never synced. */
export const Overlamning = OverlamningFields.extend({
  id: Id,
  forbundId: Id,
  arendeId: Id,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  version: z.int().nonnegative(),
});
export type Overlamning = z.infer<typeof Overlamning>;

/** A handläggare of an enhet as colleagues see them: an id and a display name, nothing more. */
export const Kollega = z.object({ id: Id, displayName: z.string() });
export type Kollega = z.infer<typeof Kollega>;
/** GET /api/enheter/:id/handlaggare */
export const KollegaList = z.object({ handlaggare: z.array(Kollega) });
export type KollegaList = z.infer<typeof KollegaList>;
