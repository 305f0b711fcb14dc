// Issue 5 in the browser: the demo admin creates a handläggare with an enhet, who logs in on another
// device and works; the admin resets that user's password, and the device asks for a new login,
// keeps its unsynced ärende and syncs it after the login; the admin blocks the device, which is
// asked to log in again, keeps its work and is told it can no longer sync. A half-year respondent
// made by the admin answers a round. Every response of the server carries the strict CSP.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './harness/axe';
import { launchBrowser, newContext } from './harness/browser';
import { withServerDb } from './harness/db';
import { startTestServer, type TestServer } from './harness/server';
import { adminLogIn, adminPage } from './pages/admin-page';
import { arendeForm } from './pages/arende-form-page';
import { arendeList } from './pages/arende-list-page';
import { logIn } from './pages/login-page';

const NOR = 'Norsjö kommun – ekonomiskt bistånd';
const NEW_USER = { username: 'hanna.test', name: 'Testperson Hanna', password: 'forsta-losenordet-1' };
const NEW_PASSWORD = 'andra-losenordet-22';

/** A login whose password no longer opens the device's data asks for the unlock secret, then logs in. */
async function unlockWithPreviousSecret(page: Page, secret: string): Promise<void> {
  await page.getByText('Lösenordet öppnar inte uppgifterna på den här apparaten', { exact: false }).waitFor();
  await expectNoAxeViolations(page, 'Logga in: upplåsningskod behövs');
  await page.getByLabel('Upplåsningskod', { exact: true }).fill(secret);
  await page.getByRole('button', { name: 'Logga in' }).click();
}

describe('the admin screen and what it does to a field device', () => {
  let server: TestServer;
  let browser: Browser;
  let office: BrowserContext;
  let field: BrowserContext;
  let admin: Page;
  let device: Page;
  const codes: string[] = [];

  const arendeCodes = () =>
    withServerDb(server, async (sql) =>
      (
        await sql.query<{ code: string }>(
          `select data->>'code' as code from record where entity = 'arende' order by 1`,
        )
      ).rows.map((r) => r.code),
    );
  const syncRegion = () => device.getByRole('region', { name: 'Synkning' });

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    office = await newContext(browser);
    admin = await office.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('lands the admin on the users of the förbund, without ärenden', async () => {
    await admin.goto(`${server.url}/`);
    await adminLogIn(admin, server.adminLogin.username, server.adminLogin.password);
    await adminPage(admin).heading('Användare').waitFor();
    expect(await admin.getByRole('link', { name: 'Ärenden' }).count()).toBe(0);
    await expectNoAxeViolations(admin, 'Administration: användare');
    await admin.screenshot({ path: '/tmp/faltsam-admin-users.png', fullPage: true });
  });

  it('creates a handläggare with an enhet, after refusing a short and a common password', async () => {
    const a = adminPage(admin);
    await a.newUser({ ...NEW_USER, role: 'Handläggare', enheter: [NOR], password: 'kort' });
    await expectNoAxeViolations(admin, 'Administration: nytt konto');
    await a.create();
    await admin
      .getByRole('link', { name: 'Första lösenord: Lösenordet måste vara minst 12 tecken långt.' })
      .waitFor();
    await expectNoAxeViolations(admin, 'Administration: nytt konto med fel');
    // Long enough but on the server's list of common passwords: the server's reason, in Swedish.
    await admin.getByLabel('Första lösenord').fill('passwordpassword');
    await a.create();
    await admin
      .getByRole('link', {
        name: 'Första lösenord: Lösenordet är för vanligt – det finns bland de lösenord som prövas först vid intrång. Välj ett annat.',
      })
      .waitFor();
    await admin.getByLabel('Första lösenord').fill(NEW_USER.password);
    await a.create();
    await admin.getByText('Kontot hanna.test är skapat.').waitFor();
    await a.usersTable().getByRole('link', { name: NEW_USER.name }).waitFor();

    const rows = await withServerDb(server, (sql) =>
      sql.query<{ role: string; enheter: string[] }>(
        `select u.role, array_agg(e.kod) as enheter from app_user u
           join user_enhet ue on ue.user_id = u.id join enhet e on e.id = ue.enhet_id
          where u.username = $1 group by u.role`,
        [NEW_USER.username],
      ),
    );
    expect(rows.rows).toEqual([{ role: 'handlaggare', enheter: ['NOR'] }]);
  });

  it('lets the new handläggare log in on another device and work', async () => {
    field = await newContext(browser, { tablet: true });
    device = await field.newPage();
    await device.goto(`${server.url}/`);
    await logIn(device, NEW_USER.username, NEW_USER.password);
    const list = arendeList(device);
    await list.openNew();
    await arendeForm(device).choose('Kön', 'Kvinna');
    await arendeForm(device).save();
    codes.push(await list.savedCode());
    await list.syncNow();
    await syncRegion().getByText('Ej synkat: 0').waitFor({ timeout: 30_000 });
    expect(await arendeCodes()).toEqual(codes);
  });

  it('asks the device to log in again after the admin resets the password; the unsynced ärende is kept and syncs after the login', async () => {
    // Made offline, so it is on the device only when the password changes.
    await field.setOffline(true);
    const list = arendeList(device);
    await device.goto(`${server.url}/#/`);
    await list.heading().waitFor();
    await list.openNew();
    await arendeForm(device).choose('Kön', 'Man');
    await arendeForm(device).save();
    codes.push(await list.savedCode());
    await syncRegion().getByText('Ej synkat: 1').waitFor();

    const a = adminPage(admin);
    await a.nav('Användare');
    await a.openUser(NEW_USER.name);
    await admin.getByRole('heading', { level: 2, name: /^Konto: Testperson Hanna/ }).waitFor();
    await expectNoAxeViolations(admin, 'Administration: ett konto');
    await a.resetPassword(NEW_PASSWORD);

    await field.setOffline(false);
    await list.syncNow();
    const alert = syncRegion().getByRole('alert');
    await alert
      .getByText('Lösenordet till ditt konto har bytts', { exact: false })
      .waitFor({ timeout: 30_000 });
    await alert
      .getByText('En ändring som inte är synkad finns kvar på apparaten', { exact: false })
      .waitFor();
    await expectNoAxeViolations(device, 'Ärenden: logga in igen');
    await device.screenshot({ path: '/tmp/faltsam-relogin.png' });
    expect(await arendeCodes()).toEqual(codes.slice(0, 1));

    await alert.getByRole('link', { name: 'Logga in igen' }).click();
    await device.getByText('Logga in igen som Testperson Hanna.', { exact: false }).waitFor();
    expect(await device.getByLabel('Användarnamn').inputValue()).toBe(NEW_USER.username);
    await expectNoAxeViolations(device, 'Logga in igen');
    await device.getByLabel('Lösenord', { exact: true }).fill(NEW_PASSWORD);
    await device.getByRole('button', { name: 'Logga in' }).click();
    // The device's data is still locked with the old password (its unlock secret): asked for it.
    await unlockWithPreviousSecret(device, NEW_USER.password);
    await list.heading().waitFor();
    await syncRegion().getByText('Ej synkat: 0').waitFor({ timeout: 30_000 });
    expect(await list.codes()).toEqual([...codes].sort());
    expect(await arendeCodes()).toEqual([...codes].sort());
  });

  it('blocks the device from the admin screen: it is asked to log in again, keeps its work and is told it cannot sync', async () => {
    const a = adminPage(admin);
    await a.nav('Apparater och inloggningar');
    await admin.getByRole('table', { name: 'Registrerade apparater' }).waitFor();
    await admin.getByRole('table', { name: 'Inloggningar, nyast först' }).waitFor();
    await expectNoAxeViolations(admin, 'Administration: apparater och inloggningar');
    await admin.screenshot({ path: '/tmp/faltsam-admin-devices.png', fullPage: true });
    await a.revokeDeviceOf(NEW_USER.username);
    await admin
      .getByRole('table', { name: 'Registrerade apparater' })
      .getByText(/^Spärrad /)
      .waitFor();

    const list = arendeList(device);
    await list.openNew();
    await arendeForm(device).choose('Kön', 'Annat');
    await arendeForm(device).save();
    const kept = await list.savedCode();
    await list.syncNow();
    const alert = syncRegion().getByRole('alert');
    await alert.getByText('Den här apparaten har spärrats av en administratör', { exact: false }).waitFor({
      timeout: 30_000,
    });
    await alert
      .getByText('En ändring som inte är synkad finns kvar på apparaten', { exact: false })
      .waitFor();

    await alert.getByRole('link', { name: 'Logga in igen' }).click();
    await device.getByLabel('Lösenord', { exact: true }).fill(NEW_PASSWORD);
    await device.getByRole('button', { name: 'Logga in' }).click();
    await unlockWithPreviousSecret(device, NEW_USER.password);
    await list.heading().waitFor();
    await syncRegion().getByText('kan inte synka', { exact: false }).waitFor({ timeout: 30_000 });
    await syncRegion().getByText('Ej synkat: 1').waitFor();
    expect(await list.codes()).toContain(kept);
    expect(await arendeCodes()).toEqual([...codes].sort());
    await field.close();
  });

  it('adds an enhet, says plainly when offline, and shows the audit log without content', async () => {
    const a = adminPage(admin);
    await a.nav('Enheter');
    await admin.getByRole('table', { name: 'Enheter i förbundet' }).waitFor();
    await admin.getByLabel('Namn', { exact: true }).fill('Malå kommun – ekonomiskt bistånd');
    await admin.getByLabel('Kod', { exact: true }).fill('MAL');
    await admin.getByRole('button', { name: 'Lägg till enheten' }).click();
    await admin.getByText('Enheten Malå kommun – ekonomiskt bistånd är tillagd.').waitFor();
    await admin
      .getByRole('table', { name: 'Enheter i förbundet' })
      .getByText('MAL', { exact: true })
      .waitFor();
    await expectNoAxeViolations(admin, 'Administration: enheter');

    // Offline the admin screens say so and show nothing, so an old list is never taken for the current one.
    await office.setOffline(true);
    await admin
      .getByRole('alert')
      .getByText('Administrationen behöver anslutning till servern', { exact: false })
      .waitFor();
    expect(await admin.getByRole('table').count()).toBe(0);
    await expectNoAxeViolations(admin, 'Administration: offline');
    await office.setOffline(false);
    await admin.getByRole('table', { name: 'Enheter i förbundet' }).waitFor({ timeout: 15_000 });

    await a.nav('Händelselogg');
    const log = admin.getByRole('table', { name: 'Händelser, nyast först' });
    await log.waitFor();
    for (const action of ['Skapade konto', 'Nytt lösenord', 'Spärrade apparat', 'Skapade enhet'])
      await log.getByText(action, { exact: true }).first().waitFor();
    const text = (await log.textContent()) ?? '';
    expect(text).not.toContain(NEW_PASSWORD);
    expect(text).not.toContain(NEW_USER.password);
    await expectNoAxeViolations(admin, 'Administration: händelselogg');
  });

  it('lets a half-year respondent made by the admin answer a round anonymously', async () => {
    const a = adminPage(admin);
    await a.nav('Användare');
    await a.newUser({
      username: 'styrelse.test',
      name: 'Testperson Styrelse',
      role: 'Halvårsrespondent',
      group: 'Styrelse',
      password: 'styrelsens-losenord-3',
    });
    await a.create();
    await admin.getByText('Kontot styrelse.test är skapat.').waitFor();

    // The koordinator opens the round through the API (its screen is tested in rounds.e2e.test.ts).
    const login = await fetch(`${server.url}/api/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(server.koordinatorLogin),
    });
    const { token, user } = (await login.json()) as { token: string; user: { enheter: { id: string }[] } };
    const opened = await fetch(`${server.url}/api/rounds`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        period: '2026H2',
        enhetIds: user.enheter.map((e) => e.id),
        formIds: ['F-ST-HALVÅR'],
      }),
    });
    expect(opened.status).toBe(201);

    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await page.getByLabel('Användarnamn').fill('styrelse.test');
    await page.getByLabel('Lösenord', { exact: true }).fill('styrelsens-losenord-3');
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Halvårsenkät' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Omgång 2026H2' }).waitFor({ timeout: 30_000 });
    expect(await page.getByRole('link', { name: 'Ärenden' }).count()).toBe(0);
    await expectNoAxeViolations(page, 'Halvårsenkät: respondent');

    await page.getByLabel(NOR).check();
    await page.getByRole('button', { name: 'Besvara formuläret' }).click();
    await page.getByRole('button', { name: 'Börja' }).click();
    await page.getByRole('heading', { level: 1, name: /^Påstående 1 av / }).waitFor();
    await expectNoAxeViolations(page, 'Halvårsenkät: påstående');
    for (;;) {
      const heading = (await page.getByRole('heading', { level: 1 }).textContent()) ?? '';
      if (heading === 'Skicka dina svar') break;
      await page.getByRole('radio', { name: /^5( |$)/ }).check();
      await page.getByRole('button', { name: 'Nästa' }).click();
      await page.getByRole('heading', { level: 1, name: heading }).waitFor({ state: 'detached' });
    }
    await page.getByRole('button', { name: 'Skicka' }).click();
    await page.getByText('Tack! Ditt svar för omgång 2026H2 är sparat', { exact: false }).waitFor();
    await page.getByRole('region', { name: 'Synkning' }).getByRole('button', { name: 'Synka nu' }).click();
    await page
      .getByRole('region', { name: 'Synkning' })
      .getByText('Ej synkat: 0')
      .waitFor({ timeout: 30_000 });
    await expectNoAxeViolations(page, 'Halvårsenkät: skickat');
    await context.close();

    const { rows } = await withServerDb(server, (sql) =>
      sql.query<Record<string, unknown>>(
        `select r.* from survey_response r join survey_round s on s.id = r.round_id where s.period = '2026H2'`,
      ),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ form_id: 'F-ST-HALVÅR', respondent_group: 'styrelse' });
    const stored = JSON.stringify(rows[0]);
    expect(stored).not.toContain('styrelse.test');
    expect(rows[0]).not.toHaveProperty('user_id');
    expect(rows[0]).not.toHaveProperty('device_id');
  });

  it('sends the strict Content-Security-Policy with the document, a script, the service worker and the API', async () => {
    const html = await (await fetch(`${server.url}/`)).text();
    const script = /<script[^>]+src="([^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeTruthy();
    for (const path of ['/', script ?? '', '/sw.js', '/api/me', '/api/health']) {
      const res = await fetch(`${server.url}${path}`);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).toContain("object-src 'none'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).not.toContain('unsafe-inline');
      expect(csp, path).not.toContain('unsafe-eval');
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
  });
});
