// What users tripped on in the field (issue 17), end to end in Chromium on a tablet, offline where a
// user would be: a search that hid a new ärende, the hand-over unlock after "Byt upplåsningskod",
// M14 handed to the deltagare with the caseload out of reach, "Lämna över" on Översikt, a queued
// enkät that was called "skickad", a conflict notice with raw codes, dates that wrapped, a SIP start
// date one day off near midnight, and a malformed address that blanked the app. Every page is
// watched for CSP violations and uncaught errors throughout.
import 'fake-indexeddb/auto'; // the second device (a colleague's laptop in Node) keeps its store here

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateArende } from '../../src/db/arende-repo';
import { readAll } from '../../src/db/records';
import { ARENDE_FIELDS, type Arende, type ArendeFields } from '../../src/domain/arende';
import { type FieldDevice, loginDevice } from '../helpers/field-device';
import { expectNoAxeViolations } from './harness/axe';
import { collectPageErrors, launchBrowser, newContext, waitForActiveServiceWorker } from './harness/browser';
import { startTestServer, type TestServer } from './harness/server';
import { arendeForm } from './pages/arende-form-page';
import { arendeList } from './pages/arende-list-page';
import { arendeOverview } from './pages/arende-overview-page';
import { handover } from './pages/handover-page';
import { logIn } from './pages/login-page';
import { motePage } from './pages/mote-page';
import { unlock } from './pages/unlock-page';

const NEW_CODE = 'en-ny-upplasningskod-17';
const M14 = 'Jag känner mig mer redo att kunna arbeta eller studera.';
const M15 = 'Stödet vi har gett har gjort att deltagaren är mer redo att kunna arbeta eller studera.';

/** Records every CSP violation the page reports (the event fires even when the script catches it). */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const w = window as unknown as { cspViolations: string[] };
    w.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  return () => page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? []);
}

async function syncNow(page: Page) {
  await arendeList(page).syncNow();
  await arendeList(page).syncRegion().getByText('Ej synkat: 0').waitFor({ timeout: 30_000 });
}

describe('field use on a tablet (issue 17)', () => {
  let server: TestServer;
  let browser: Browser;
  let tablet: BrowserContext;
  let page: Page;
  let errors: string[];
  let cspViolations: () => Promise<string[]>;
  let code = '';
  let arendeId = '';
  let colleague: FieldDevice;

  const noErrors = async () => {
    expect(await cspViolations()).toEqual([]);
    expect(
      errors.filter((e) => e.startsWith('pageerror') || /Content Security Policy|Refused to/.test(e)),
    ).toEqual([]);
  };

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    tablet = await newContext(browser, { tablet: true });
    page = await tablet.newPage();
    errors = collectPageErrors(page);
    cspViolations = await watchCsp(page);
  });
  afterAll(async () => {
    colleague?.db.close();
    await browser?.close();
    await server?.dispose();
  });

  it('logs in without a CSP violation: zod builds its validators without eval', async () => {
    await page.goto(`${server.url}/`);
    await logIn(page, server.demoLogin.username, server.demoLogin.password);
    await waitForActiveServiceWorker(page);
    await noErrors();
  });

  it('shows a new ärende in the list even when a search typed earlier would hide it', async () => {
    await arendeList(page).openNew();
    await arendeForm(page).save();
    const first = await arendeList(page).savedCode();
    await page.getByLabel('Sök på kod').fill(first);
    await arendeList(page).showing(1, 1).waitFor();
    await arendeList(page).openNew();
    await arendeForm(page).choose('Kön', 'Kvinna');
    await arendeForm(page).save();
    code = await arendeList(page).savedCode();
    expect(await arendeList(page).codes()).toEqual([code, first].sort());
    expect(await page.getByLabel('Sök på kod').inputValue()).toBe('');
    const href = await page.getByRole('table').getByRole('link', { name: code }).getAttribute('href');
    arendeId = decodeURIComponent(/#\/arenden\/([^/]+)/.exec(href ?? '')?.[1] ?? '');
    await syncNow(page);
  });

  it('changes the unlock code offline; hand-over then asks for the upplåsningskod by that name', async () => {
    await tablet.setOffline(true);
    await server.stop();
    await page.getByRole('link', { name: 'Byt upplåsningskod' }).tap();
    await page.getByLabel('Nuvarande upplåsningskod').fill(server.demoLogin.password);
    await page.getByLabel('Ny upplåsningskod').fill(NEW_CODE);
    await page.getByLabel('Upprepa den nya upplåsningskoden').fill(NEW_CODE);
    await page.getByRole('button', { name: 'Byt upplåsningskod' }).tap();
    await page.getByText(/Upplåsningskoden är bytt/).waitFor({ timeout: 30_000 });

    // "Lämna över" is on Översikt, where the meeting happens.
    await page.evaluate((id) => {
      window.location.hash = `#/arenden/${id}/oversikt`;
    }, arendeId);
    await arendeOverview(page).heading(code).waitFor();
    const enkater = arendeOverview(page).section('Enkäter');
    await enkater.getByLabel('Deltagare – per 1-3 mån under rehabiliteringsprocessen', { exact: true }).tap();
    await enkater.getByRole('button', { name: 'Lämna över' }).tap();
    const h = handover(page);
    await h.heading('Enkät').waitFor();
    await page.getByLabel('Svarar själv').tap();
    await h.tap('Börja');
    await h.heading('Påstående 1 av 1').waitFor();
    await h.answer(3);
    await h.tap('Nästa');
    await h.tap('Skicka');
    await h.heading('Tack för dina svar!').waitFor();
    await h.tap('Lås upp (för handläggaren)');
    await h.heading('Lås upp').waitFor();
    const intro = (await page.getByText(/^För handläggaren:/).textContent()) ?? '';
    expect(intro).toContain('upplåsningskod');
    expect(intro).not.toMatch(/lösenord/i);
    expect(await page.getByLabel('Lösenord', { exact: true }).count()).toBe(0);
    await expectNoAxeViolations(page, 'Överlämning: lås upp');
    // The login password (the old code) no longer opens it; the new code does.
    await page.getByLabel('Upplåsningskod', { exact: true }).fill(server.demoLogin.password);
    await page.getByRole('button', { name: 'Lås upp', exact: true }).tap();
    await page.getByText('Fel upplåsningskod. Försök igen.').waitFor({ timeout: 15_000 });
    await page.getByLabel('Upplåsningskod', { exact: true }).fill(NEW_CODE);
    await page.getByRole('button', { name: 'Lås upp', exact: true }).tap();
    await arendeOverview(page).heading(code).waitFor({ timeout: 15_000 });
  });

  it('says "väntar på synk" for the queued enkät, and "skickad" once the server has it', async () => {
    const enkater = arendeOverview(page).section('Enkäter');
    await enkater.getByText('Enkäter: 0 skickade, 1 väntar på synk').waitFor();
    await server.restart();
    await tablet.setOffline(false);
    await syncNow(page);
    await enkater.getByText('Enkäter: 1 skickad').waitFor({ timeout: 15_000 });
  });

  it('hands M14 to the deltagare in hand-over mode, locked to that statement, the caseload unreachable', async () => {
    await tablet.setOffline(true);
    await server.stop();
    const mote = motePage(page);
    await arendeOverview(page).newMote();
    await mote.useTrepartsTemplate();
    await mote.save();
    await mote.stegPrompt().waitFor();
    // M14 is not on the unlocked screen at all: only the handläggare's own M15 is answered here.
    expect(await page.getByRole('group', { name: M14 }).count()).toBe(0);
    await mote.answer(M15, '2');
    await mote.saveAndHandOver();

    const h = handover(page);
    await h.heading('Enkät').waitFor();
    expect(await page.getByRole('banner').count()).toBe(0);
    for (const hash of ['#/', `#/arenden/${arendeId}`, '#/arenden/nytt']) {
      await page.goto(`${server.url}/${hash}`);
      await h.heading(/Enkät|Enkäten är stängd/).waitFor();
      const html = await page.content();
      expect(html).not.toContain(code);
      expect(html).not.toContain(arendeId);
      expect(await page.getByRole('table').count()).toBe(0);
      expect(await page.getByRole('link').count()).toBe(0);
    }
    // A reload forgets the key: the question shows as closed until the handläggare unlocks.
    await page.reload();
    await h.heading('Enkäten är stängd').waitFor();
    await h.unlock(NEW_CODE);
    await arendeOverview(page).heading(code).waitFor({ timeout: 15_000 });

    // The handläggare hands over again from the same meeting's prompt: now the deltagare answers.
    await arendeOverview(page).newMote();
    await mote.useTrepartsTemplate();
    await mote.save();
    await mote.stegPrompt().waitFor();
    await mote.saveAndHandOver();
    await h.heading('Enkät').waitFor();
    expect(await page.getByRole('group', { name: 'Hur svarar du?' }).count()).toBe(0);
    await expectNoAxeViolations(page, 'M14: start');
    await h.tap('Börja');
    await h.heading('Påstående 1 av 1').waitFor();
    await page.getByRole('group', { name: M14 }).waitFor();
    await h.answer(4);
    await h.tap('Nästa');
    await h.tap('Skicka');
    await h.heading('Tack för dina svar!').waitFor();
    await h.unlock(NEW_CODE);
    await arendeOverview(page).heading(code).waitFor({ timeout: 15_000 });
    const steg = arendeOverview(page).section('Stegförflyttning');
    await steg.getByRole('cell', { name: '4', exact: true }).waitFor();
    await steg.getByRole('cell', { name: '2', exact: true }).waitFor();
    await noErrors();
  });

  it('names the field and the values of a conflict as the user knows them, never a code', async () => {
    await server.restart();
    await tablet.setOffline(false);
    await syncNow(page);
    // A colleague's laptop (the same user, another device) changes the same field first.
    const nodeFetch = (input: RequestInfo | URL, init?: RequestInit) =>
      fetch(new URL(String(input), server.url), init);
    colleague = await loginDevice(nodeFetch, server.demoLogin.username, server.demoLogin.password);
    const theirs = (await readAll(colleague.db, 'arende')).find((a) => a.id === arendeId) as Arende;
    await tablet.setOffline(true);
    await page.evaluate((id) => {
      window.location.hash = `#/arenden/${id}`;
    }, arendeId);
    await page.getByRole('heading', { level: 1, name: `Ärende ${code}` }).waitFor();
    await arendeForm(page).choose('Försörjningshinder', 'Sjukdom');
    await arendeForm(page).save();
    await arendeList(page).savedCode();
    const fields = Object.fromEntries(ARENDE_FIELDS.map((f) => [f, theirs[f]])) as ArendeFields;
    await updateArende(colleague.db, arendeId, { ...fields, forsorjningshinder: 'sociala_skal' });
    expect((await colleague.faltsam.syncNow())?.ok).toBe(true);

    await tablet.setOffline(false);
    await syncNow(page);
    await page.evaluate((id) => {
      window.location.hash = `#/arenden/${id}`;
    }, arendeId);
    // "Synka nu" only starts the round: the notice shows the conflict as soon as the push has
    // answered, and the saved value once the pull that follows has brought it.
    const notice = page.getByRole('region', { name: /krockade med en annan ändring/ });
    await notice.filter({ hasText: 'den sparade ”' }).waitFor({ timeout: 15_000 });
    const text = (await notice.textContent()) ?? '';
    expect(text).toContain('Försörjningshinder: din ändring ”Sjukdom”, den sparade ”Sociala skäl”.');
    expect(text).not.toMatch(/forsorjningshinder|sociala_skal|sjukdom\b/);
    await expectNoAxeViolations(page, 'Konflikt');
  });

  it('keeps every date on one line in table cells, on a narrow tablet in portrait', async () => {
    await page.setViewportSize({ width: 600, height: 960 });
    await page.evaluate((id) => {
      window.location.hash = `#/arenden/${id}/oversikt`;
    }, arendeId);
    await arendeOverview(page).heading(code).waitFor();
    const dates = page.locator('table time.date');
    expect(await dates.count()).toBeGreaterThan(2);
    const lines = await dates.evaluateAll((els) => els.map((el) => el.getClientRects().length));
    expect(lines.every((n) => n === 1)).toBe(true);
    await page.setViewportSize({ width: 1024, height: 768 });
  });

  it('shows a SIP started at 00:30 in Stockholm as started that day, not the day before (UTC)', async () => {
    await page.clock.setFixedTime(new Date('2026-03-04T23:30:00.000Z'));
    await arendeOverview(page).newSip();
    await page.getByRole('heading', { name: `SIP – ärende ${code}` }).waitFor();
    await page.evaluate((id) => {
      window.location.hash = `#/arenden/${id}/oversikt`;
    }, arendeId);
    const sips = page.getByRole('table', { name: 'SIP:ar' });
    await sips.getByRole('rowheader', { name: '2026-03-05' }).waitFor();
    expect(await sips.getByRole('rowheader', { name: '2026-03-04' }).count()).toBe(0);
    await noErrors();
  });

  it('answers a malformed address with a Swedish page and the data intact', async () => {
    await page.goto(`${server.url}/#/arenden/%E0`);
    await page.reload();
    await unlock(page, NEW_CODE);
    await page.getByRole('heading', { level: 1, name: 'Sidan finns inte' }).waitFor();
    await page.getByText(/Allt du har sparat finns kvar på apparaten/).waitFor();
    await expectNoAxeViolations(page, 'Sidan finns inte');
    await page.getByRole('link', { name: 'Till startsidan' }).tap();
    await arendeList(page).heading().waitFor();
    // The heading comes before the device's ärenden are read: wait for the row, not just the page.
    await arendeList(page).codeLink(code).waitFor();
    // A malformed path (not a route) opens the app as usual.
    await page.goto(`${server.url}/%E0`);
    await unlock(page, NEW_CODE);
    await arendeList(page).heading().waitFor();
    // The heading comes before the device's ärenden are read: wait for the row, not just the page.
    await arendeList(page).codeLink(code).waitFor();
    await noErrors();
  });
});
