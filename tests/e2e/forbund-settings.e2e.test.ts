// The förbund's own settings in the browser: the admin sets the stegförflyttning interval and a
// gallring period, adds, renames and retires a behovsgrupp; a handläggare's device gets them with
// its next sync (the new group offered, the retired one shown "(utgången)" on the ärende already in
// it and offered to no other), and offers stegförflyttning at the admin's interval; the admin's and
// the koordinator's gallring views show what is due. Every screen is checked with axe.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './harness/axe';
import { launchBrowser, newContext } from './harness/browser';
import { withServerDb } from './harness/db';
import { startTestServer, type TestServer } from './harness/server';
import { adminLogIn, adminPage } from './pages/admin-page';
import { arendeForm } from './pages/arende-form-page';
import { arendeList } from './pages/arende-list-page';
import { arendeOverview } from './pages/arende-overview-page';
import { logIn } from './pages/login-page';

describe('förbund settings, behovsgrupper and gallring', () => {
  let server: TestServer;
  let browser: Browser;
  let admin: Page;
  let field: Page;
  let code = '';

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    admin = await (await newContext(browser)).newPage();
    field = await (await newContext(browser)).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  const synced = () => arendeList(field).syncRegion().getByText('Ej synkat: 0').waitFor({ timeout: 30_000 });

  it('the admin sets a 1-month interval and a 5-year gallring period', async () => {
    await admin.goto(`${server.url}/`);
    await adminLogIn(admin, server.adminLogin.username, server.adminLogin.password);
    await adminPage(admin).nav('Inställningar');
    await adminPage(admin).heading('Förbundets inställningar').waitFor();
    await admin.getByLabel('Stegförflyttning erbjuds efter (månader)').fill('13');
    await admin.getByRole('button', { name: 'Spara inställningarna' }).click();
    await admin.getByRole('link', { name: /Högst 12 månader/ }).waitFor();
    await expectNoAxeViolations(admin, 'Inställningar med fel');
    await admin.getByLabel('Stegförflyttning erbjuds efter (månader)').fill('1');
    await admin.getByLabel('Gallring efter avslut (år)').fill('5');
    await admin.getByRole('button', { name: 'Spara inställningarna' }).click();
    await admin.getByText('Inställningarna är sparade.').waitFor();
    await expectNoAxeViolations(admin, 'Inställningar');
  });

  it('a handläggare puts an ärende in a group the admin then renames and retires', async () => {
    await adminPage(admin).nav('Behovsgrupper');
    await admin.getByLabel('Namn', { exact: true }).fill('Studier på distans');
    await admin.getByRole('button', { name: 'Lägg till gruppen' }).click();
    await admin.getByText('Behovsgruppen Studier på distans är tillagd.').waitFor();
    await expectNoAxeViolations(admin, 'Behovsgrupper');

    await field.goto(`${server.url}/`);
    await logIn(field, server.demoLogin.username, server.demoLogin.password);
    await arendeList(field).openNew();
    await arendeForm(field).choose('Kön', 'Man');
    await field.getByLabel('Behovsgrupp', { exact: true }).selectOption({ label: 'Studier på distans' });
    await arendeForm(field).save();
    code = await arendeList(field).savedCode();
    await arendeList(field).syncNow();
    await synced();

    const row = admin.getByRole('row', { name: /Studier på distans/ });
    await row.getByRole('button', { name: 'Byt namn: Studier på distans' }).click();
    await admin.getByLabel('Nytt namn för Studier på distans').fill('Studier och distansutbildning');
    await admin.getByRole('button', { name: 'Spara namnet' }).click();
    await admin.getByText('Behovsgruppen Studier och distansutbildning är ändrad.').waitFor();
    await admin.getByRole('button', { name: 'Ta ur bruk: Studier och distansutbildning' }).click();
    await admin
      .getByRole('row', { name: /Studier och distansutbildning/ })
      .getByText(/^Utgången sedan/)
      .waitFor();
    await expectNoAxeViolations(admin, 'Behovsgrupper med en utgången');
  });

  it('the device gets the renamed, retired group and the interval with its next sync', async () => {
    await arendeList(field).syncNow();
    await synced();
    await field
      .getByRole('row', { name: new RegExp(code) })
      .getByText('Studier och distansutbildning (utgången)')
      .waitFor();
    await arendeList(field).openNew();
    const options = await field
      .getByLabel('Behovsgrupp', { exact: true })
      .locator('option')
      .allTextContents();
    expect(options.some((o) => o.startsWith('Studier'))).toBe(false);
    await field.getByRole('link', { name: 'Ärenden', exact: true }).click();
    await arendeList(field).open(code);
    const select = field.getByLabel('Behovsgrupp', { exact: true });
    expect(await select.locator('option:checked').textContent()).toBe(
      'Studier och distansutbildning (utgången)',
    );
    await expectNoAxeViolations(field, 'Ärende i en utgången behovsgrupp');

    await field.getByRole('link', { name: 'Ärenden', exact: true }).click();
    await arendeList(field).openOverview(code);
    await arendeOverview(field).heading(code).waitFor();
    await arendeOverview(field)
      .section('Stegförflyttning')
      .getByText(/senaste mätningen är en månad gammal/)
      .waitFor();
    const stored = await withServerDb(
      server,
      async (sql) =>
        (
          await sql.query<{ g: string }>(
            `select data->>'behovsgrupp' as g from record where entity = 'arende'`,
          )
        ).rows,
    );
    expect(stored).toEqual([{ g: 'studier_pa_distans' }]);
  });

  it('the admin’s gallring view, its dry run, and the koordinator’s view', async () => {
    await adminPage(admin).nav('Gallring');
    await admin.getByText(/Ett avslutat ärende gallras 5 år efter avslutsdatum/).waitFor();
    await admin.getByRole('button', { name: 'Provkör – visa vad som skulle tas bort' }).click();
    await admin.getByRole('heading', { name: 'Provkörning: detta skulle tas bort nu' }).waitFor();
    await admin.getByText('Inget att ta bort.').waitFor();
    await expectNoAxeViolations(admin, 'Gallring (admin)');

    const koordinator = await (await newContext(browser)).newPage();
    await koordinator.goto(`${server.url}/`);
    await logIn(
      koordinator,
      server.koordinatorLogin.username,
      server.koordinatorLogin.password,
      'Resultat och statistik',
    );
    await koordinator.getByRole('link', { name: 'Gallring' }).click();
    await koordinator.getByRole('heading', { level: 1, name: 'Gallring' }).waitFor();
    await koordinator.getByText('Inga ärenden ska gallras de närmaste tolv månaderna.').waitFor();
    await expectNoAxeViolations(koordinator, 'Gallring (koordinator)');
  });
});
