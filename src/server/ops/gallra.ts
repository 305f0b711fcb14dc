/**
 * `faltsam gallra [--dry-run] [--forbund <id|namn>]`: gallring on demand, as the schedule runs it
 * (services/gallring.ts) — for one förbund or every förbund that has chosen a period. A dry run
 * lists what a run would remove now and what waits for a device's sync, and removes nothing.
 * What the operator sees are pseudonymous ids, dates and counts: never an ärende's content.
 */

import type { GallringArende, GallringHeld } from '../../domain/gallring';
import { z } from '../../domain/zod';
import { runGallring } from '../services/gallring';
import { forbundWithGallring } from '../store/gallring';
import type { Sql } from '../store/sql';
import { findForbundBy, OpsError } from './accounts';

export const GallraInput = z.strictObject({
  dryRun: z.boolean(),
  forbund: z.string().trim().min(1).max(200).optional(),
});
export type GallraInput = z.input<typeof GallraInput>;

export interface GallraResult {
  forbund: { id: string; namn: string };
  dryRun: boolean;
  today: string;
  /** Null: the förbund has chosen no gallring period (nothing is ever due). */
  gallringAr: number | null;
  removed: GallringArende[];
  held: GallringHeld[];
}

export async function gallra(sql: Sql, raw: unknown, now: Date): Promise<GallraResult[]> {
  const parsed = GallraInput.safeParse(raw);
  if (!parsed.success) throw new OpsError('ogiltig', 'Ogiltiga uppgifter för gallring.');
  const input = parsed.data;
  const targets = input.forbund
    ? [await findForbundBy(sql, input.forbund)]
    : await namesOf(sql, await forbundWithGallring(sql));
  const out: GallraResult[] = [];
  for (const f of targets) {
    const run = await runGallring(sql, { forbundId: f.id, now, dryRun: input.dryRun, userId: null });
    out.push({ forbund: f, ...run });
  }
  return out;
}

async function namesOf(sql: Sql, ids: string[]): Promise<{ id: string; namn: string }[]> {
  if (ids.length === 0) return [];
  const { rows } = await sql.query<{ id: string; namn: string }>(
    'select id::text as id, namn from forbund where id = any($1::uuid[]) order by namn, id',
    [ids],
  );
  return rows;
}
