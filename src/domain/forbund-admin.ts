/**
 * The admin's settings of the förbund (src/domain/admin.ts has the rest of the admin API), same
 * rules: admin only, own förbund, every change audited (names of what changed, never values).
 *
 *   GET   /api/admin/installningar           → 200 ForbundSettingsResponse
 *   PATCH /api/admin/installningar           ForbundSettingsPatch → 200 ForbundSettingsResponse
 *   GET   /api/admin/behovsgrupper           → 200 BehovsgrupperResponse (retired ones too)
 *   POST  /api/admin/behovsgrupper           NewBehovsgrupp → 201 BehovsgruppResponse (code made
 *                                            from the name, unique in the förbund, never reused)
 *   PATCH /api/admin/behovsgrupper/:code     BehovsgruppPatch → 200 BehovsgruppResponse (rename,
 *                                            retire, take back into use; the code never changes)
 *   POST  /api/admin/gallring                GallringRunRequest → 200 GallringRun (domain/gallring.ts)
 *   GET   /api/gallring                      → 200 GallringOverview, for an admin or a koordinator
 *
 * Devices learn settings and groups with the signed-in user (GET /api/me), fetched after each sync.
 */

import { Behovsgrupp, ForbundSettings } from './account';
import { GallringAr } from './gallring';
import { findIdentifyingData, guardMessage } from './guard';
import { IntervalMonths } from './stegforflyttning';
import { z } from './zod';

export const ForbundSettingsResponse = z.object({ settings: ForbundSettings });
export type ForbundSettingsResponse = z.infer<typeof ForbundSettingsResponse>;

export const ForbundSettingsPatch = z
  .strictObject({
    stegIntervallManader: IntervalMonths.optional(),
    gallringAr: GallringAr.nullable().optional(),
  })
  .refine((p) => Object.keys(p).length > 0, { message: 'Ingen ändring angavs.' });
export type ForbundSettingsPatch = z.infer<typeof ForbundSettingsPatch>;

export const BehovsgruppNamn = z
  .string({ error: 'Ange behovsgruppens namn.' })
  .trim()
  .min(1, { message: 'Ange behovsgruppens namn.' })
  .max(120, { message: 'Namnet får vara högst 120 tecken långt.' })
  // Shown on every device and in every result: no control characters or broken Unicode.
  .refine((s) => s.isWellFormed() && !/\p{Cc}/u.test(s), {
    message: 'Namnet innehåller tecken som inte kan visas.',
    abort: true,
  })
  // Shown beside every ärende in the group: the free-text guard applies as to any text field.
  .superRefine((s, ctx) => {
    const findings = findIdentifyingData(s);
    if (findings.length > 0) ctx.addIssue({ code: 'custom', message: guardMessage(findings, 'Namn') });
  });

export const NewBehovsgrupp = z.strictObject({ label: BehovsgruppNamn });
export type NewBehovsgrupp = z.infer<typeof NewBehovsgrupp>;

export const BehovsgruppPatch = z
  .strictObject({
    label: BehovsgruppNamn.optional(),
    retired: z.boolean({ error: 'Ange om gruppen är utgången (true/false).' }).optional(),
  })
  .refine((p) => Object.keys(p).length > 0, { message: 'Ingen ändring angavs.' });
export type BehovsgruppPatch = z.infer<typeof BehovsgruppPatch>;

export const BehovsgrupperResponse = z.object({ behovsgrupper: z.array(Behovsgrupp) });
export type BehovsgrupperResponse = z.infer<typeof BehovsgrupperResponse>;
export const BehovsgruppResponse = z.object({ behovsgrupp: Behovsgrupp });
export type BehovsgruppResponse = z.infer<typeof BehovsgruppResponse>;

/** At most this many groups, retired ones included: a code list, not free tagging. */
export const BEHOVSGRUPPER_MAX = 100;

/**
 * A code for a new group from its name: a–z, digits and underscores ("Arbete utan krav på
 * svenska" → arbete_utan_krav_pa_svenska), made unique against every code the förbund has used.
 */
export function behovsgruppCode(label: string, taken: readonly string[]): string {
  const base =
    label
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 50) || 'grupp';
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}_${n}`)) return `${base}_${n}`;
}
