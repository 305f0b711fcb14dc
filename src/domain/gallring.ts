/**
 * Gallring (PRODUCT.md §8): a closed ärende, and everything under it, is culled a set number of
 * years after its avslutsdatum, chosen per förbund. Invariants: an open ärende is never due; an
 * ärende is due on its gallringsdatum and every day after; the date follows from avslutsdatum and
 * the förbund's years alone, so the server, the CLI and a device all agree on it. What the server
 * removes and when, and which ärenden wait for a device, are in the server's gallring service.
 */

import { IsoDate } from './arende';
import { Id } from './id';
import { z } from './zod';

/** Years after avslut. At least one; thirty is beyond any rule for socialtjänstens akter. */
export const GallringAr = z
  .int({ message: 'Ange ett helt antal år.' })
  .min(1, { message: 'Minst 1 år.' })
  .max(30, { message: 'Högst 30 år.' });

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** `avslutsdatum` plus `ar` years; 29 February falls on 28 February in a year without it. */
export function gallringsdatum(avslutsdatum: string, ar: number): string {
  const year = Number(avslutsdatum.slice(0, 4)) + ar;
  const month = Number(avslutsdatum.slice(5, 7));
  const day = Number(avslutsdatum.slice(8, 10));
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(Math.min(day, lastDay), 2)}`;
}

/** The gallringsdatum of an ärende, or null when it is open or the förbund has set no period. */
export function gallringsdatumOf(
  a: { status: string; avslutsdatum: string | null },
  ar: number | null,
): string | null {
  if (ar === null || a.status !== 'avslutad' || a.avslutsdatum === null) return null;
  return gallringsdatum(a.avslutsdatum, ar);
}

/** Whether the ärende is due for gallring on `today` (ISO dates). */
export function isDueForGallring(
  a: { status: string; avslutsdatum: string | null },
  ar: number | null,
  today: string,
): boolean {
  const date = gallringsdatumOf(a, ar);
  return date !== null && date <= today;
}

/** A device that may hold unsynced changes to an ärende and has not synced since it became due. */
export const GallringDevice = z.object({
  deviceId: Id,
  username: z.string(),
  /** When the device last completed a sync (its pull after a full push); null: never since registered. */
  lastSyncAt: z.iso.datetime().nullable(),
});
export type GallringDevice = z.infer<typeof GallringDevice>;

/** One ärende in a gallring run or its dry run: ids, dates and counts only. */
export const GallringArende = z.object({
  arendeId: Id,
  enhetId: Id,
  avslutsdatum: IsoDate,
  gallringsdatum: IsoDate,
  /** Records under it (the ärende itself, its case work) and its enkät responses. */
  records: z.int().nonnegative(),
  responses: z.int().nonnegative(),
});
export type GallringArende = z.infer<typeof GallringArende>;

/** An ärende that is due but held back until the listed devices have synced. */
export const GallringHeld = GallringArende.extend({ waitingFor: z.array(GallringDevice) });
export type GallringHeld = z.infer<typeof GallringHeld>;

/** POST /api/admin/gallring: `dryRun` lists what a run would remove and removes nothing. */
export const GallringRunRequest = z.strictObject({
  dryRun: z.boolean({ error: 'Ange om det är en provkörning (true/false).' }),
});
export type GallringRunRequest = z.infer<typeof GallringRunRequest>;

export const GallringRun = z.object({
  dryRun: z.boolean(),
  /** The day the run judged by (Swedish time). */
  today: IsoDate,
  gallringAr: GallringAr.nullable(),
  /** Removed by this run, or, in a dry run, what a run now would remove. */
  removed: z.array(GallringArende),
  held: z.array(GallringHeld),
});
export type GallringRun = z.infer<typeof GallringRun>;

/** Due and upcoming gallring per month and enhet, for the koordinator and the admin. */
export const GallringGroup = z.object({
  /** ÅÅÅÅ-MM of the gallringsdatum; past months are overdue (waiting for a device or the next run). */
  month: z.string().regex(/^\d{4}-\d{2}$/),
  enhetId: Id,
  enhetNamn: z.string(),
  count: z.int().positive(),
  /** Of `count`, how many are due and wait for a device to sync. */
  waiting: z.int().nonnegative(),
});
export type GallringGroup = z.infer<typeof GallringGroup>;

export const GallringOverview = z.object({
  gallringAr: GallringAr.nullable(),
  today: IsoDate,
  /** Due now (month ≤ this month) and in the coming twelve months. */
  groups: z.array(GallringGroup),
  lastRun: z.object({ at: z.iso.datetime(), removed: z.int().nonnegative() }).nullable(),
});
export type GallringOverview = z.infer<typeof GallringOverview>;

/** How far ahead the overview looks. */
export const GALLRING_OVERVIEW_MONTHS = 12;
