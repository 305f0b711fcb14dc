/**
 * From its gallringsdatum on, an ärende and its case work take no new changes on this device. The
 * server culls a due ärende once every device that may hold it has synced after that date
 * (server/services/gallring.ts); refusing changes from then on is what makes that sync the last
 * one that could carry any. Works offline, on the förbund's settings the device last fetched.
 */
import { gallringsdatumOf } from '../domain/gallring';
import { ValidationError } from '../domain/validation';
import type { FaltsamDb } from './database';
import { readRecord } from './records';
import { getSession } from './session-repo';

const swedishDay = (now: Date) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(now);

/** The Swedish refusal of a change to an ärende past its gallringsdatum. */
export const gallradMessage = (datum: string) =>
  `Ärendet har passerat sin gallringsfrist (${datum}) och gallras. Det går inte längre att ändra det eller dess uppgifter.`;

/** Throws a ValidationError when any of the ärenden is due for gallring on `now`. */
export async function assertNotDueForGallring(
  db: FaltsamDb,
  arendeIds: Iterable<string>,
  now: Date = new Date(),
): Promise<void> {
  const ar = (await getSession(db))?.user.forbund.settings?.gallringAr ?? null;
  if (ar === null) return;
  const today = swedishDay(now);
  for (const id of new Set(arendeIds)) {
    const a = await readRecord(db, 'arende', id);
    if (!a) continue;
    const datum = gallringsdatumOf(
      { status: String(a.status), avslutsdatum: (a.avslutsdatum as string | null) ?? null },
      ar,
    );
    if (datum !== null && datum <= today) throw new ValidationError({ _: gallradMessage(datum) });
  }
}
