// A koordinator opens a half-year round in the browser: the demo koordinator logs in, the form
// refuses a bad period, says plainly that it needs the network when offline (keeping what was
// filled in), and online opens the round, which the device then lists and the server holds.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './harness/axe';
import { launchBrowser, newContext } from './harness/browser';
import { withServerDb } from './harness/db';
import { startTestServer, type TestServer } from './harness/server';
import { logIn } from './pages/login-page';
import { unlock } from './pages/unlock-page';

const NOR = 'Norsjö kommun – ekonomiskt bistånd';
const SKE = 'Skellefteå kommun – ekonomiskt bistånd';

describe('opening a half-year round (demo koordinator)', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  const period = () => page.getByLabel('Period', { exact: true });
  const open = () => page.getByRole('button', { name: 'Öppna enkätomgången' }).click();

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    context = await newContext(browser);
    page = await context.newPage();
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.dispose();
  });

  it('shows the form to the koordinator, validated on the device', async () => {
    await page.goto(`${server.url}/`);
    await logIn(
      page,
      server.koordinatorLogin.username,
      server.koordinatorLogin.password,
      'Resultat och statistik',
    );
    await page.getByRole('link', { name: 'Halvårsenkäter' }).click();
    await page.getByRole('heading', { level: 2, name: 'Öppna en ny enkätomgång' }).waitFor();
    expect(await period().inputValue()).toMatch(/^\d{4}H[12]$/);
    await expectNoAxeViolations(page, 'Halvårsenkäter: öppna omgång');

    await period().fill('2026H5');
    await open();
    await page.getByRole('heading', { name: 'Rätta 3 fel innan du öppnar omgången' }).waitFor();
    await page.getByText('Välj minst en enhet.').first().waitFor();
    await expectNoAxeViolations(page, 'Halvårsenkäter: öppna omgång, fel');
  });

  it('says it needs the network when offline and keeps the input', async () => {
    await period().fill('2026H2');
    await page.getByLabel(NOR).check();
    await page.getByLabel(SKE).check();
    await page.getByLabel('Styrelse – per halvår').check();
    await context.setOffline(true);
    await open();
    await page
      .getByRole('alert')
      .getByText('Du behöver vara uppkopplad för att öppna en enkätomgång', { exact: false })
      .waitFor({ timeout: 15_000 });
    expect(await period().inputValue()).toBe('2026H2');
    expect(await page.getByLabel(NOR).isChecked()).toBe(true);
    expect(await page.getByLabel('Styrelse – per halvår').isChecked()).toBe(true);
    expect(await page.getByRole('heading', { level: 2, name: 'Omgång 2026H2' }).count()).toBe(0);
    await expectNoAxeViolations(page, 'Halvårsenkäter: öppna omgång, offline');
  });

  it('opens the round online; the device lists it and the server holds it', async () => {
    await context.setOffline(false);
    await open();
    await page.getByRole('heading', { level: 2, name: 'Omgång 2026H2' }).waitFor({ timeout: 15_000 });
    await page.getByRole('status').getByText('Enkätomgången 2026H2 är öppnad.').waitFor();
    await expectNoAxeViolations(page, 'Halvårsenkäter: omgång öppnad');

    const { rows } = await withServerDb(server, (sql) =>
      sql.query<{ period: string; form_ids: string[] }>('select * from survey_round'),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ period: '2026H2' });

    // Kept on the device: listed again after a reload.
    await page.reload();
    await unlock(page, server.koordinatorLogin.password);
    await page.getByRole('heading', { level: 2, name: 'Omgång 2026H2' }).waitFor({ timeout: 15_000 });
  });
});
