// The same möte and the same SIP edited offline on two devices of one handläggare (a laptop and a
// tablet, network cut and the server stopped). The laptop syncs first; the tablet's sync then shows
// each conflict with Swedish labels, on the ärende's overview, the möte and the SIP; the user keeps
// their own möte notes and the laptop's SIP goal, and the server ends holding exactly that choice.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './harness/axe';
import { launchBrowser, newContext, waitForActiveServiceWorker } from './harness/browser';
import { withServerDb } from './harness/db';
import { startTestServer, type TestServer } from './harness/server';
import { arendeForm } from './pages/arende-form-page';
import { arendeList } from './pages/arende-list-page';
import { arendeOverview } from './pages/arende-overview-page';
import { logIn } from './pages/login-page';
import { unlock } from './pages/unlock-page';

const MAL = /^Mål och progression mot egen försörjning/;
const synced = (page: Page) =>
  arendeList(page).syncRegion().getByText('Ej synkat: 0').waitFor({ timeout: 30_000 });

describe('conflicts on a möte and a SIP edited offline on two devices', () => {
  let server: TestServer;
  let browser: Browser;
  let laptopContext: BrowserContext;
  let tabletContext: BrowserContext;
  let laptop: Page;
  let tablet: Page;
  let code = '';
  let overviewUrl = '';

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    laptopContext = await newContext(browser);
    tabletContext = await newContext(browser, { tablet: true });
    laptop = await laptopContext.newPage();
    tablet = await tabletContext.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  /** Logged in, the service worker controlling the page (so it reloads offline), unlocked. */
  async function ready(page: Page): Promise<void> {
    await page.goto(`${server.url}/`);
    await logIn(page, server.demoLogin.username, server.demoLogin.password);
    await waitForActiveServiceWorker(page);
    await page.reload();
    await unlock(page, server.demoLogin.password);
  }

  it('records an ärende with a möte and a SIP on the laptop, and both devices have them', async () => {
    await ready(laptop);
    await arendeList(laptop).openNew();
    await arendeForm(laptop).choose('Kön', 'Kvinna');
    await arendeForm(laptop).save();
    code = await arendeList(laptop).savedCode();
    await arendeList(laptop).openOverview(code);
    await arendeOverview(laptop).heading(code).waitFor();
    overviewUrl = laptop.url();
    await arendeOverview(laptop).newMote();
    await laptop.getByRole('button', { name: 'Spara mötet' }).click();
    await laptop.getByRole('button', { name: 'Inte nu – till översikten' }).click();
    await arendeOverview(laptop).newSip();
    await laptop.getByRole('heading', { name: `SIP – ärende ${code}` }).waitFor();
    await laptop.goto(overviewUrl);
    await arendeList(laptop).syncNow();
    await synced(laptop);

    await ready(tablet);
    await arendeList(tablet).showing(1, 1).waitFor({ timeout: 30_000 });
  });

  it('edits the möte notes and the SIP goal on each device with the network cut and the server stopped', async () => {
    await laptopContext.setOffline(true);
    await tabletContext.setOffline(true);
    await server.stop();
    for (const [page, who] of [
      [laptop, 'Laptop'],
      [tablet, 'Surfplatta'],
    ] as const) {
      await page.goto(overviewUrl);
      await arendeOverview(page).heading(code).waitFor();
      await arendeOverview(page)
        .section('Möten')
        .getByRole('link', { name: /^Öppna mötet/ })
        .click();
      await page.getByRole('heading', { name: new RegExp(`^Möte .* – ${code}$`) }).waitFor();
      await page.getByLabel('Anteckningar').fill(`${who}: uppföljning bokad.`);
      await page.getByRole('button', { name: 'Spara mötet' }).click();
      await page.getByText('Ändringarna av mötet är sparade på apparaten.').waitFor();
      await arendeOverview(page)
        .section(/^SIP/)
        .getByRole('link', { name: /Öppna SIP/ })
        .click();
      await page.getByLabel(MAL).fill(`${who}: arbete på deltid.`);
      await page.getByRole('button', { name: 'Spara SIP' }).click();
      await page.getByText('SIP:en är sparad på apparaten.').waitFor();
    }
  });

  it('after sync the tablet shows each conflict in Swedish; the user resolves them', async () => {
    await server.restart();
    await laptopContext.setOffline(false);
    await arendeList(laptop).syncNow();
    await synced(laptop);
    await tabletContext.setOffline(false);
    await arendeList(tablet).syncNow();
    await synced(tablet);

    await tablet.goto(overviewUrl);
    const conflicts = tablet.getByRole('region', {
      name: /ändringar krockade med ändringar från andra apparater/,
    });
    await conflicts.waitFor({ timeout: 30_000 });
    const mote = conflicts.getByRole('table', { name: /^Möte .* \(Trepartssamtal\)$/ });
    const noteRow = mote.getByRole('row', { name: /Anteckningar/ });
    await noteRow.getByRole('cell', { name: 'Surfplatta: uppföljning bokad.' }).waitFor();
    await noteRow.getByRole('cell', { name: 'Laptop: uppföljning bokad.' }).waitFor();
    const sipRow = conflicts.getByRole('table', { name: /^SIP påbörjad/ }).getByRole('row', { name: MAL });
    await sipRow.getByRole('cell', { name: 'Surfplatta: arbete på deltid.' }).waitFor();
    await expectNoAxeViolations(tablet, 'Ärendeöversikt med krockar');
    await tablet.screenshot({ path: '/tmp/casework-conflicts.png', fullPage: true });

    await arendeOverview(tablet)
      .section('Möten')
      .getByRole('link', { name: /^Öppna mötet/ })
      .click();
    await tablet.getByRole('table', { name: /^Möte / }).waitFor();
    await expectNoAxeViolations(tablet, 'Möte med krock');
    await tablet.getByRole('button', { name: 'Använd min ändring för Anteckningar' }).click();
    await tablet
      .getByText('Valet är sparat på apparaten och skickas till servern vid nästa synkning.')
      .waitFor();
    expect(await tablet.getByLabel('Anteckningar').inputValue()).toBe('Surfplatta: uppföljning bokad.');

    await tablet.goto(overviewUrl);
    await arendeOverview(tablet)
      .section(/^SIP/)
      .getByRole('link', { name: /Öppna SIP/ })
      .click();
    await tablet.getByRole('table', { name: /^SIP påbörjad/ }).waitFor();
    await expectNoAxeViolations(tablet, 'SIP med krock');
    await tablet.getByRole('button', { name: /^Behåll det sparade för Mål och progression/ }).click();
    await tablet.getByRole('table', { name: /^SIP påbörjad/ }).waitFor({ state: 'detached' });
    expect(await tablet.getByLabel(MAL).inputValue()).toBe('Laptop: arbete på deltid.');

    await arendeList(tablet).syncNow();
    await synced(tablet);
  });

  it('the server holds the choice, and the laptop gets it', async () => {
    const held = await withServerDb(server, async (sql) => {
      const { rows } = await sql.query<{ entity: string; value: string }>(
        `select entity, case entity when 'mote' then data->>'anteckningar' else data->>'mal' end as value
           from record where entity in ('mote', 'sip') order by entity`,
      );
      return rows;
    });
    expect(held).toEqual([
      { entity: 'mote', value: 'Surfplatta: uppföljning bokad.' },
      { entity: 'sip', value: 'Laptop: arbete på deltid.' },
    ]);
    // The laptop has nothing to send: its round is a pull, waited for to its end.
    await arendeList(laptop).syncNowAndWait();
    await laptop.goto(overviewUrl);
    await arendeOverview(laptop)
      .section('Möten')
      .getByRole('link', { name: /^Öppna mötet/ })
      .click();
    await laptop.getByLabel('Anteckningar').waitFor();
    expect(await laptop.getByLabel('Anteckningar').inputValue()).toBe('Surfplatta: uppföljning bokad.');
    expect(await laptop.getByRole('region', { name: /krockade/ }).count()).toBe(0);
  });
});
