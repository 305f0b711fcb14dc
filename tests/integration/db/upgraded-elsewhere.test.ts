/**
 * A tab left open while another tab's newer build upgrades the device database (Dexie 4 would
 * otherwise reopen it at this tab's older version on the next query and go on reading and writing
 * with the older code): the connection closes so the upgrade goes on, stays closed, and the tab is
 * told so it can ask for a reload. Real Dexie on fake-indexeddb.
 */
import Dexie from 'dexie';
import { expect, it } from 'vitest';
import { closeWhenUpgradedElsewhere, openFaltsamDb } from '../../../src/db/database';

it('closes this tab’s store for good when another tab upgrades it, and says so', async () => {
  const name = `tab-${crypto.randomUUID()}`;
  const db = openFaltsamDb(name);
  let told = 0;
  closeWhenUpgradedElsewhere(db, () => {
    told += 1;
  });
  await db.meta.put({ key: 'probe', value: 1 } as never);
  // The newer build in another tab: one version more, same tables.
  const newer = new Dexie(name);
  for (let v = 1; v <= db.verno + 1; v++) newer.version(v).stores(v === 1 ? { meta: 'key' } : {});
  await newer.open();
  expect(newer.verno).toBe(db.verno + 1);
  expect(told).toBe(1);
  expect(db.isOpen()).toBe(false);
  await expect(db.meta.get('probe')).rejects.toThrow(Dexie.DatabaseClosedError);
  await expect(db.meta.put({ key: 'late', value: 2 } as never)).rejects.toThrow();
  expect(await newer.table('meta').get('late')).toBeUndefined();
  newer.close();
});
