// Gallring reaches the device: a closed ärende past the förbund's gallring period, synced to a
// handläggare's laptop with a samtycke, is removed by a gallring run on the server, and at the
// laptop's next sync it is gone from the list and from IndexedDB; the other ärende stays.
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GallringRun } from '../../src/domain/gallring';
import { createUser } from '../../src/server/auth/users';
import { expectNoAxeViolations } from './harness/axe';
import { launchBrowser, newContext } from './harness/browser';
import { withServerDb } from './harness/db';
import { startTestServer, type TestServer } from './harness/server';
import { createSyncedArenden } from './harness/synced-arenden';
import { arendeList } from './pages/arende-list-page';
import { logIn } from './pages/login-page';

/** The ids of the records the device database holds (the values are encrypted). */
async function storedIds(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('faltsam');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['records'], 'readonly');
          const keys = tx.objectStore('records').getAllKeys();
          tx.oncomplete = () => {
            db.close();
            resolve((keys.result as [string, string][]).map(([, id]) => id));
          };
        };
      }),
  );
}

describe('a gallrat ärende leaves the devices that held it', () => {
  let server: TestServer;
  let browser: Browser;
  let laptop: BrowserContext;
  let page: Page;
  const admin = { username: 'gallring-admin-e2e', password: `test-${randomUUID()}` };
  const ids: Record<'culled' | 'stays', { id: string; code: string }> = {
    culled: { id: '', code: '' },
    stays: { id: '', code: '' },
  };
  let samtyckeId = '';

  const adminCall = async (method: string, path: string, body: unknown) => {
    const login = await fetch(`${server.url}/api/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(admin),
    });
    const { token } = (await login.json()) as { token: string };
    const res = await fetch(`${server.url}/api${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    laptop = await newContext(browser);
    page = await laptop.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('has two ärenden synced, one with a samtycke', async () => {
    await page.goto(`${server.url}/`);
    await logIn(page, server.demoLogin.username, server.demoLogin.password);
    samtyckeId = await createSyncedArenden(
      page,
      server,
      { culled: 'Anteckning i ett ärende som ska gallras.', stays: 'Ärendet stannar här.' },
      ids,
      'culled',
    );

    // One of them was closed long ago (written on the server: a closing date years back), and the
    // förbund has an admin.
    await withServerDb(server, async (sql) => {
      await sql.query(
        `update record set data = data || '{"status":"avslutad","avslutsdatum":"2001-01-01","avslutsorsak":"arbete"}'::jsonb
          where id = $1`,
        [ids.culled.id],
      );
      const f = await sql.query<{ id: string }>('select id::text from forbund limit 1');
      await createUser(sql, {
        forbundId: f.rows[0]?.id ?? '',
        username: admin.username,
        displayName: 'Admin Gallring',
        role: 'admin',
        password: admin.password,
        enhetIds: [],
      });
    });
    expect(samtyckeId).not.toBe('');
    expect(await storedIds(page)).toEqual(expect.arrayContaining([ids.culled.id, ids.stays.id, samtyckeId]));
  });

  it('the admin sets a gallring period; the run waits for the laptop, which then syncs', async () => {
    await adminCall('PATCH', '/admin/installningar', { gallringAr: 1 });
    const first = GallringRun.parse(await adminCall('POST', '/admin/gallring', { dryRun: true }));
    // Due; held for the laptop unless its minutely sync came in between.
    expect([...first.held, ...first.removed].map((h) => h.arendeId)).toEqual([ids.culled.id]);
    // The laptop's next sync (its pull names it) lets the run go ahead.
    await arendeList(page).syncNow();
    for (let i = 0; ; i++) {
      const dry = GallringRun.parse(await adminCall('POST', '/admin/gallring', { dryRun: true }));
      if (dry.removed.some((r) => r.arendeId === ids.culled.id)) break;
      if (i > 60) throw new Error('the laptop’s sync never reached the server');
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const run = GallringRun.parse(await adminCall('POST', '/admin/gallring', { dryRun: false }));
    expect(run.removed.map((r) => r.arendeId)).toEqual([ids.culled.id]);
  });

  it('at the next sync the gallrat ärende and its samtycke are gone from the list and from IndexedDB', async () => {
    const list = arendeList(page);
    await list.syncNow();
    await page
      .getByRole('table')
      .getByRole('link', { name: ids.culled.code })
      .waitFor({ state: 'detached', timeout: 30_000 });
    const stored = await storedIds(page);
    expect(stored).not.toContain(ids.culled.id);
    expect(stored).not.toContain(samtyckeId);
    expect(stored).toContain(ids.stays.id);
    expect(await list.codes()).toEqual([ids.stays.code]);
    await expectNoAxeViolations(page, 'Ärenden efter gallring');
  });

  it('the server holds only the ärende that stays', async () => {
    const rows = await withServerDb(
      server,
      async (sql) => (await sql.query<{ id: string }>('select id::text from record')).rows,
      { restart: false },
    );
    expect(rows.map((r) => r.id)).toEqual([ids.stays.id]);
  });
});
