// English as the second language, end to end in Chromium: chosen in the header on the login
// screen, kept by the device across a reload and a logout, every screen of the handläggare, the
// deltagare (hand-over mode), the koordinator and the admin in English with <html lang="en"> and no
// axe violation, the instrument's statements verbatim Swedish marked lang="sv", and no CSP
// violation anywhere. (The Swedish screens are checked by the other specs.)
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './harness/axe';
import { collectPageErrors, launchBrowser, newContext, waitForActiveServiceWorker } from './harness/browser';
import { startTestServer, type TestServer } from './harness/server';

const M14 = 'Jag känner mig mer redo att kunna arbeta eller studera.';

/** Navigates inside the app (hash route) without a reload. */
async function go(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => {
    window.location.hash = h;
  }, hash);
}

const h1 = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

async function logInEnglish(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('User name').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

/** axe on the current screen, which must be English and free of CSP violations and errors. */
async function check(page: Page, errors: string[], screen: string): Promise<void> {
  expect(await page.getAttribute('html', 'lang')).toBe('en');
  await expectNoAxeViolations(page, `${screen} (English)`);
  expect(
    errors.filter((e) => e.startsWith('pageerror') || /Content Security Policy|Refused to/.test(e)),
  ).toEqual([]);
}

describe('the app in English', () => {
  let server: TestServer;
  let browser: Browser;
  let tablet: BrowserContext;
  let page: Page;
  let errors: string[];
  let arendeId = '';
  let code = '';

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    tablet = await newContext(browser, { tablet: true });
    page = await tablet.newPage();
    errors = collectPageErrors(page);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('switches the login screen to English from the header', async () => {
    await page.goto(`${server.url}/`);
    await h1(page, 'Logga in').waitFor();
    const english = page.getByRole('banner').getByRole('button', { name: 'English' });
    expect(await english.getAttribute('lang')).toBe('en');
    await english.tap();
    await h1(page, 'Log in').waitFor();
    await check(page, errors, 'Log in');
    expect(await page.getByRole('banner').getByRole('button', { name: 'Svenska' }).getAttribute('lang')).toBe(
      'sv',
    );
  });

  it('shows the handläggare’s screens in English', async () => {
    await logInEnglish(page, server.demoLogin.username, server.demoLogin.password);
    await h1(page, 'Cases').waitFor();
    await waitForActiveServiceWorker(page);
    await page.getByText('Showing 0 of 0 cases').waitFor();
    await check(page, errors, 'Cases');

    await page.getByRole('link', { name: 'New case' }).tap();
    await h1(page, 'New case').waitFor();
    await page.getByRole('group', { name: 'Gender' }).getByLabel('Woman', { exact: true }).tap();
    await page.getByLabel('Months with income support out of the last 12').fill('13');
    await page.getByRole('button', { name: 'Save' }).tap();
    await page.getByRole('region', { name: /Correct .* before saving/ }).waitFor();
    await check(page, errors, 'New case with errors');
    await page.getByLabel('Months with income support out of the last 12').fill('11');
    await page.getByRole('button', { name: 'Save' }).tap();
    const saved = page.getByText(/^Case [A-ZÅÄÖ]{2,4}-[0-9A-Z]{4} is saved on this device\.$/);
    await saved.waitFor();
    code = /[A-ZÅÄÖ]{2,4}-[0-9A-Z]{4}/.exec((await saved.textContent()) ?? '')?.[0] ?? '';
    const href = await page.getByRole('table').getByRole('link', { name: code }).getAttribute('href');
    arendeId = decodeURIComponent(/#\/arenden\/([^/]+)/.exec(href ?? '')?.[1] ?? '');
    await check(page, errors, 'Cases with one');

    await go(page, `#/arenden/${arendeId}`);
    await h1(page, `Case ${code}`).waitFor();
    await check(page, errors, 'Edit case');
    await go(page, `#/arenden/${arendeId}/oversikt`);
    await page.getByRole('heading', { level: 2, name: 'Consents' }).waitFor();
    await page.getByText('Surveys: 0 sent').waitFor();
    await check(page, errors, 'Case overview');
    await go(page, `#/arenden/${arendeId}/formular/F-P-UNDER`);
    await page.getByRole('button', { name: 'Send' }).waitFor();
    expect(await h1(page, /^Personal/).getAttribute('lang')).toBe('sv');
    await check(page, errors, 'Staff form');
    await go(page, '#/upplasningskod');
    await h1(page, 'Change unlock code').waitFor();
    await check(page, errors, 'Change unlock code');
    await go(page, '#/arenden/%E0');
    await h1(page, 'Page not found').waitFor();
    await check(page, errors, 'Page not found');
  });

  it('records a meeting and a SIP in English', async () => {
    await go(page, `#/arenden/${arendeId}/moten/nytt`);
    await h1(page, `New meeting – ${code}`).waitFor();
    await page.getByRole('button', { name: 'Use the three-party meeting template' }).tap();
    await check(page, errors, 'New meeting');
    await page.getByRole('button', { name: 'Save the meeting' }).tap();
    await page.getByRole('form', { name: 'Progression at the meeting' }).waitFor();
    await check(page, errors, 'Progression prompt');
    await page.getByRole('button', { name: 'Not now – to the overview' }).tap();
    await h1(page, `Case ${code}`).waitFor();
    await page.getByRole('button', { name: 'New SIP' }).tap();
    await h1(page, `SIP – case ${code}`).waitFor();
    await page.getByRole('button', { name: 'Mark as drawn up' }).tap();
    await page.getByRole('alert').filter({ hasText: 'cannot be marked as drawn up yet' }).waitFor();
    await check(page, errors, 'SIP refused');
    await page.getByRole('link', { name: 'Print view' }).tap();
    await page.getByRole('button', { name: 'Print' }).waitFor();
    await check(page, errors, 'SIP print view');
  });

  it('hands over in English: the respondent’s buttons English, the statement verbatim Swedish', async () => {
    await tablet.setOffline(true); // so the answer stays queued, and says so
    await go(page, `#/arenden/${arendeId}/oversikt`);
    const surveys = page.getByRole('region', { name: 'Surveys' });
    await surveys.getByLabel('Deltagare – per 1-3 mån under rehabiliteringsprocessen', { exact: true }).tap();
    await surveys.getByRole('button', { name: 'Hand over' }).tap();
    await h1(page, 'Survey').waitFor();
    await check(page, errors, 'Hand-over start');
    await page.getByLabel('On my own').tap();
    await page.getByRole('button', { name: 'Start', exact: true }).tap();
    await h1(page, 'Statement 1 of 1').waitFor();
    const statement = page.getByRole('group', { name: M14 });
    expect(await statement.locator('legend').getAttribute('lang')).toBe('sv');
    for (const name of ['Back', 'Skip', 'Next', 'Larger text', 'High contrast'])
      await page.getByRole('button', { name, exact: true }).waitFor();
    await check(page, errors, 'Hand-over statement');
    await page.getByRole('button', { name: 'Skip', exact: true }).tap();
    await h1(page, 'Send your answers').waitFor();
    await check(page, errors, 'Hand-over review');
    await page.getByRole('button', { name: 'Send', exact: true }).tap();
    await h1(page, 'Thank you for your answers!').waitFor();
    await check(page, errors, 'Hand-over thanks');
    await page.getByRole('button', { name: 'Unlock (for the case worker)' }).tap();
    await h1(page, 'Unlock').waitFor();
    await check(page, errors, 'Hand-over unlock');
    await page.getByLabel('Unlock code', { exact: true }).fill(server.demoLogin.password);
    await page.getByRole('button', { name: 'Unlock', exact: true }).tap();
    await page.getByText('Surveys: 0 sent, 1 waiting to sync').waitFor({ timeout: 15_000 });
    await tablet.setOffline(false);
  });

  it('remembers English on the device: the lock screen after a reload is English', async () => {
    await page.reload();
    await h1(page, 'Fältsam is locked').waitFor();
    await check(page, errors, 'Lock screen');
    await page.getByLabel('Unlock code', { exact: true }).fill(server.demoLogin.password);
    await page.getByRole('button', { name: 'Unlock', exact: true }).tap();
    await h1(page, `Case ${code}`).waitFor(); // the overview the hand-over returned to
  });

  it('shows the koordinator’s screens in English', async () => {
    const laptop = await newContext(browser);
    const k = await laptop.newPage();
    const kErrors = collectPageErrors(k);
    await k.goto(`${server.url}/`);
    await k.getByRole('button', { name: 'English' }).click();
    await logInEnglish(k, server.koordinatorLogin.username, server.koordinatorLogin.password);
    await h1(k, 'Results and statistics').waitFor();
    for (const area of ['Core indicators', 'Caseload', 'Progression', 'SIP', 'Meetings']) {
      await k
        .getByRole('navigation', { name: 'Areas' })
        .getByRole('link', { name: area, exact: true })
        .click();
      await k.getByRole('heading', { level: 2, name: area, exact: true }).waitFor();
      await check(k, kErrors, `Results: ${area}`);
    }
    await go(k, '#/halvar');
    await h1(k, 'Half-year surveys').waitFor();
    await check(k, kErrors, 'Half-year surveys');
    await go(k, '#/konsultation');
    await h1(k, 'Consultation team').waitFor();
    await check(k, kErrors, 'Consultation team');
    await go(k, '#/konsultation/nytt');
    await h1(k, 'New consultation team meeting').waitFor();
    await check(k, kErrors, 'New consultation team meeting');
    await go(k, '#/konsultation/statistik');
    await h1(k, 'Consultation team statistics').waitFor();
    await check(k, kErrors, 'Consultation team statistics');
    await go(k, '#/gallring');
    await h1(k, 'Deletion (gallring)').waitFor();
    await k.getByText('Fetching from the server …').waitFor({ state: 'detached' });
    await check(k, kErrors, 'Deletion (gallring)');
    await laptop.close();
  });

  it('shows the admin’s screens in English', async () => {
    const laptop = await newContext(browser);
    const a = await laptop.newPage();
    const aErrors = collectPageErrors(a);
    await a.goto(`${server.url}/`);
    await a.getByRole('button', { name: 'English' }).click();
    await logInEnglish(a, server.adminLogin.username, server.adminLogin.password);
    await a.getByRole('table', { name: 'Users in the association' }).waitFor();
    await check(a, aErrors, 'Users');
    for (const [hash, title] of [
      ['#/admin/anvandare/ny', 'New account'],
      ['#/admin/enheter', 'Units'],
      ['#/admin/apparater', 'Devices and logins'],
      ['#/admin/installningar', 'The association’s settings'],
      ['#/admin/behovsgrupper', 'Needs groups'],
      ['#/admin/gallring', 'Deletion (gallring)'],
      ['#/admin/logg', 'Event log'],
    ] as const) {
      await go(a, hash);
      await h1(a, title).waitFor();
      await a.getByText('Fetching from the server …').waitFor({ state: 'detached' });
      await check(a, aErrors, title);
    }
    await laptop.close();
  });
});
