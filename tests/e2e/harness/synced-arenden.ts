/**
 * The set-up of the e2e files that take records off a device (access loss, gallring): ärenden
 * created through the UI, one note each, a samtycke on one of them, all synced, then the server's
 * ids of the ärenden (by their codes) and of the samtycke read from its database.
 */
import type { Page } from 'playwright-core';
import { arendeForm } from '../pages/arende-form-page';
import { arendeList } from '../pages/arende-list-page';
import { arendeOverview } from '../pages/arende-overview-page';
import { withServerDb } from './db';
import type { TestServer } from './server';

/** Fills `ids` (id and code of each ärende, in the order of `notes`); returns the samtycke's id. */
export async function createSyncedArenden<K extends string>(
  page: Page,
  server: TestServer,
  notes: Readonly<Record<K, string>>,
  ids: Record<K, { id: string; code: string }>,
  withSamtycke: NoInfer<K>,
): Promise<string> {
  const list = arendeList(page);
  for (const [key, note] of Object.entries(notes) as [K, string][]) {
    await list.openNew();
    await arendeForm(page).choose('Kön', 'Kvinna');
    await arendeForm(page).notes(note);
    await arendeForm(page).save();
    ids[key].code = await list.savedCode();
  }
  await list.openOverview(ids[withSamtycke].code);
  await arendeOverview(page).recordSamtycke(['Socialtjänsten']);
  await page.goto(`${server.url}/#/`);
  await list.syncNow();
  await list.syncRegion().getByText('Ej synkat: 0').waitFor({ timeout: 30_000 });
  let samtyckeId = '';
  await withServerDb(server, async (sql) => {
    const { rows } = await sql.query<{ id: string; entity: string; code: string | null }>(
      `select id::text, entity, data->>'code' as code from record`,
    );
    for (const r of rows) {
      const key = (Object.keys(ids) as K[]).find((k) => ids[k].code === r.code);
      if (key) ids[key].id = r.id;
      if (r.entity === 'samtycke') samtyckeId = r.id;
    }
  });
  return samtyckeId;
}
