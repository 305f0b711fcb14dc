// Encryption at rest in a real browser (issue 5, device): an ärende made offline is in IndexedDB
// only as ciphertext (read raw with indexedDB.open + getAll, not through the app); 10 minutes
// without input lock the store, with the network cut and the server stopped; a wrong secret is
// refused, the right one shows the list again; "Lås" locks on demand; back online the server
// holds exactly the ärende, once.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './harness/axe';
import { launchBrowser, newContext, waitForActiveServiceWorker } from './harness/browser';
import { withServerDb } from './harness/db';
import { startTestServer, type TestServer } from './harness/server';
import { arendeForm } from './pages/arende-form-page';
import { arendeList } from './pages/arende-list-page';
import { logIn } from './pages/login-page';
import { lockScreen } from './pages/unlock-page';

const NOTES = 'Trepartssamtal med Arbetsförmedlingen inbokat, fokus på praktikplats.';

/** Every object store of the app's database, read raw; bytes as latin1 text so a search sees them. */
function rawIndexedDb(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('faltsam');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const idb = open.result;
          const names = [...idb.objectStoreNames];
          const tx = idb.transaction(names, 'readonly');
          const out: Record<string, unknown[]> = {};
          for (const name of names) {
            const req = tx.objectStore(name).getAll();
            req.onsuccess = () => {
              out[name] = req.result;
            };
          }
          tx.oncomplete = () => {
            idb.close();
            resolve(
              JSON.stringify(out, (_k, v: unknown) => {
                const bytes =
                  v instanceof ArrayBuffer ? new Uint8Array(v) : v instanceof Uint8Array ? v : null;
                return bytes ? new TextDecoder('latin1').decode(bytes) : v;
              }),
            );
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

describe('the encrypted store on a tablet', () => {
  let server: TestServer;
  let browser: Browser;
  let tablet: BrowserContext;
  let page: Page;
  let code = '';
  const today = new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    tablet = await newContext(browser, { tablet: true });
    page = await tablet.newPage();
    // Time runs normally; the test fast-forwards it past the idle limit.
    await page.clock.install();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('stores an ärende made offline with nothing of it readable in IndexedDB', async () => {
    await page.goto(`${server.url}/`);
    await logIn(page, server.demoLogin.username, server.demoLogin.password);
    await waitForActiveServiceWorker(page);
    await tablet.setOffline(true);
    await server.stop();

    const list = arendeList(page);
    const form = arendeForm(page);
    await list.openNew();
    await form.choose('Kön', 'Kvinna');
    await form.months12('11');
    await form.months36('29');
    await form.notes(NOTES);
    await form.save();
    code = await list.savedCode();

    const dump = await rawIndexedDb(page);
    expect(dump).toContain('"records"');
    expect(dump).toContain('"outbox"');
    for (const value of [NOTES, 'Trepartssamtal', 'praktikplats', code, code.slice(4), today, 'kvinna'])
      expect(dump, `${value} in IndexedDB`).not.toContain(value);
  });

  it('locks after 10 minutes without input, offline, and shows nothing of the data', async () => {
    await arendeList(page).heading().waitFor();
    await page.clock.fastForward('09:00');
    expect(await lockScreen(page).heading().count()).toBe(0);
    await page.clock.fastForward('01:05');
    await lockScreen(page).heading().waitFor({ timeout: 15_000 });
    const html = await page.content();
    expect(html).not.toContain(code);
    expect(html).not.toContain(NOTES);
    expect(await page.getByRole('table').count()).toBe(0);
    // A typed URL of a screen does not get past the lock either.
    await page.evaluate(() => {
      window.location.hash = '#/arenden/nytt';
    });
    await lockScreen(page).heading().waitFor();
    await expectNoAxeViolations(page, 'Fältsam är låst');
  });

  it('refuses a wrong secret with a plain message and shows the list again with the right one', async () => {
    const lock = lockScreen(page);
    await lock.submit('inte-ratt-kod');
    await page
      .getByText('Fel upplåsningskod. Försök igen – uppgifterna finns kvar.')
      .waitFor({ timeout: 15_000 });
    await lock.heading().waitFor();
    expect(await page.content()).not.toContain(code);
    await expectNoAxeViolations(page, 'Fältsam är låst: fel kod');
    await lock.submit(server.demoLogin.password);
    await lock.heading().waitFor({ state: 'detached', timeout: 15_000 });
    await page.evaluate(() => {
      window.location.hash = '#/';
    });
    await arendeList(page).showing(1, 1).waitFor({ timeout: 15_000 });
    expect(await arendeList(page).codes()).toEqual([code]);
  });

  it('locks on demand with the Lås button, usable by keyboard', async () => {
    const button = page.getByRole('button', { name: 'Lås Fältsam nu' });
    await button.focus();
    await page.keyboard.press('Enter');
    await lockScreen(page).heading().waitFor();
    expect(await page.content()).not.toContain(code);
    await lockScreen(page).secret().focus();
    await page.keyboard.type(server.demoLogin.password);
    await page.keyboard.press('Enter');
    await arendeList(page).showing(1, 1).waitFor({ timeout: 15_000 });
  });

  it('syncs when back online: the server holds exactly the ärende, once', async () => {
    await server.restart();
    await tablet.setOffline(false);
    await arendeList(page).syncNow();
    await arendeList(page).syncRegion().getByText('Ej synkat: 0').waitFor({ timeout: 30_000 });
    const rows = await withServerDb(server, (sql) =>
      sql.query<{ code: string; notes: string; version: number }>(
        `select data->>'code' as code, data->>'anteckningar' as notes, version
           from record where entity = 'arende'`,
      ),
    );
    expect(rows.rows).toEqual([{ code, notes: NOTES, version: 1 }]);
    const applied = await withServerDb(server, (sql) =>
      sql.query<{ n: number }>('select count(*)::int as n from applied_mutation'),
    );
    expect(applied.rows[0]?.n).toBe(1);
  });
});
