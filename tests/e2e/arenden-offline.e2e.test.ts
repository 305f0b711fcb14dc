// The foundation's user flow, offline for real: a handläggare logs in at the office, then works
// with the network cut and the server stopped; nothing is lost on reload or reopen, and when
// both come back the server holds exactly what was made, once. A second device then pulls it.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './harness/axe';
import { launchBrowser, newContext, waitForActiveServiceWorker } from './harness/browser';
import { withServerDb } from './harness/db';
import { startTestServer, type TestServer } from './harness/server';
import { arendeForm } from './pages/arende-form-page';
import { arendeList } from './pages/arende-list-page';
import { logIn } from './pages/login-page';
import { unlock } from './pages/unlock-page';

describe('ärenden made offline reach the server exactly once', () => {
  let server: TestServer;
  let browser: Browser;
  let laptop: BrowserContext;
  let page: Page;
  const codes: string[] = [];

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

  it('logs in online and installs the app for offline use', async () => {
    await page.goto(`${server.url}/`);
    await expectNoAxeViolations(page, 'Logga in');
    await logIn(page, server.demoLogin.username, server.demoLogin.password);
    await waitForActiveServiceWorker(page);
    await expectNoAxeViolations(page, 'Ärenden (tom lista)');
  });

  it('loads from the service worker after a reload with the network cut and the server stopped', async () => {
    await laptop.setOffline(true);
    await server.stop();
    await page.reload();
    await unlock(page, server.demoLogin.password);
    await arendeList(page).heading().waitFor();
  });

  it('creates three ärenden offline, refusing notes with an e-mail address until corrected', async () => {
    const list = arendeList(page);
    const form = arendeForm(page);

    await list.openNew();
    await expectNoAxeViolations(page, 'Nytt ärende');
    await form.choose('Kön', 'Kvinna');
    await form.months12('11');
    await form.months36('30');
    await form.notes('Kontakt via namn.efternamn@example.org');
    await form.save();
    await form.errorSummary().waitFor();
    expect(await form.errorSummary().textContent()).toContain('e-postadress');
    await expectNoAxeViolations(page, 'Nytt ärende med fel');
    await form.notes('Trepartssamtal med AF bokat.');
    await form.save();
    codes.push(await list.savedCode());

    for (const kon of ['Man', 'Annat']) {
      await list.openNew();
      await form.choose('Kön', kon);
      await form.save();
      codes.push(await list.savedCode());
    }
    await list.showing(3, 3).waitFor();
    expect(await list.codes()).toEqual([...codes].sort());
    await expectNoAxeViolations(page, 'Ärenden (tre osynkade)');
  });

  it('edits one ärende offline and shows what is not yet synced', async () => {
    const list = arendeList(page);
    await list.open(codes[0] ?? '');
    await expectNoAxeViolations(page, 'Redigera ärende');
    await arendeForm(page).months12('12');
    await arendeForm(page).save();
    await list.savedCode();
    await list.syncRegion().getByText('Ej synkat: 4').waitFor();
  });

  it('still has all three after the page is closed and reopened offline', async () => {
    await page.close();
    page = await laptop.newPage();
    await page.goto(`${server.url}/`);
    await unlock(page, server.demoLogin.password);
    await arendeList(page).showing(3, 3).waitFor();
    expect(await arendeList(page).codes()).toEqual([...codes].sort());
  });

  it('syncs when the server and the network are back, and the server holds exactly the three with the edit', async () => {
    await server.restart();
    await laptop.setOffline(false);
    await arendeList(page).syncNow();
    await arendeList(page).syncRegion().getByText('Ej synkat: 0').waitFor({ timeout: 30_000 });

    const rows = await withServerDb(server, (sql) =>
      sql.query<{ code: string; months: number | null; version: number; kon: string }>(
        `select data->>'code' as code, (data->>'manaderAv12')::int as months, version, data->>'kon' as kon
           from record where entity = 'arende' order by data->>'code'`,
      ),
    );
    expect(rows.rows.map((r) => r.code)).toEqual([...codes].sort());
    const edited = rows.rows.find((r) => r.code === codes[0]);
    expect(edited).toMatchObject({ months: 12, version: 2, kon: 'kvinna' });
    expect(rows.rows.filter((r) => r.code !== codes[0]).every((r) => r.version === 1)).toBe(true);
    const applied = await withServerDb(server, (sql) =>
      sql.query<{ n: number }>('select count(*)::int as n from applied_mutation'),
    );
    expect(applied.rows[0]?.n).toBe(4);
  });

  it('shows the three ärenden on a second device of the same user after its pull', async () => {
    const tablet = await newContext(browser, { tablet: true });
    const other = await tablet.newPage();
    await other.goto(`${server.url}/`);
    await logIn(other, server.demoLogin.username, server.demoLogin.password);
    await arendeList(other).showing(3, 3).waitFor({ timeout: 30_000 });
    expect(await arendeList(other).codes()).toEqual([...codes].sort());
    await expectNoAxeViolations(other, 'Ärenden på en andra enhet');
    await tablet.close();
  });
});
