// Case work in the field, offline for real: with the network cut and the server stopped a
// handläggare records a samtycke, a trepartssamtal with two åtgärder and the M15 answer, and a SIP
// that is refused as "upprättad" until complete; prints it. Back online the server holds exactly
// these records, a second device shows them, and an överlämning reaches a colleague's list.
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/server/auth/users';
import { expectNoAxeViolations } from './harness/axe';
import { launchBrowser, newContext, waitForActiveServiceWorker } from './harness/browser';
import { withServerDb } from './harness/db';
import { startTestServer, type TestServer } from './harness/server';
import { arendeForm } from './pages/arende-form-page';
import { arendeList } from './pages/arende-list-page';
import { arendeOverview } from './pages/arende-overview-page';
import { logIn } from './pages/login-page';
import { motePage } from './pages/mote-page';
import { sipPage } from './pages/sip-page';
import { unlock } from './pages/unlock-page';

const M15 = 'Stödet vi har gett har gjort att deltagaren är mer redo att kunna arbeta eller studera.';
const swedishDate = (d: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(d);
const daysAgo = (n: number) => swedishDate(new Date(Date.now() - n * 86_400_000));
const TODAY = daysAgo(0);

describe('case work recorded offline reaches the server once and moves with an överlämning', () => {
  let server: TestServer;
  let browser: Browser;
  let laptop: BrowserContext;
  let page: Page;
  let code = '';
  const colleague = {
    username: 'kollega-e2e',
    password: `test-${randomUUID()}`,
    name: 'Handläggare Kollega',
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

  it('logs in online, then works with the network cut and the server stopped', async () => {
    await page.goto(`${server.url}/`);
    await logIn(page, server.demoLogin.username, server.demoLogin.password);
    await waitForActiveServiceWorker(page);
    await laptop.setOffline(true);
    await server.stop();
    await page.reload();
    await unlock(page, server.demoLogin.password);
    await arendeList(page).openNew();
    await arendeForm(page).choose('Kön', 'Kvinna');
    await arendeForm(page).save();
    code = await arendeList(page).savedCode();
    await arendeList(page).openOverview(code);
    await arendeOverview(page).heading(code).waitFor();
    await expectNoAxeViolations(page, 'Ärendeöversikt (tom)');
  });

  it('records a SIP samtycke received by the signed-in user', async () => {
    await arendeOverview(page).recordSamtycke(['Socialtjänsten', 'Psykiatrin']);
    const samtycken = arendeOverview(page).section('Samtycken');
    await samtycken.getByRole('cell', { name: 'Socialtjänsten, Psykiatrin' }).waitFor();
    expect(await samtycken.getByRole('cell', { name: /Demo Handläggare \(du\)/ }).count()).toBe(1);
  });

  it('records a trepartssamtal with three participants and two åtgärder, and answers M15', async () => {
    const mote = motePage(page);
    await arendeOverview(page).newMote();
    await mote.useTrepartsTemplate();
    expect(await mote.participants().count()).toBe(3);
    await mote.addAtgard(1, {
      vad: 'Boka gemensam kartläggning',
      part: 'af',
      ansvarig: 'Arbetsförmedlare',
      senast: daysAgo(3),
    });
    await mote.addAtgard(2, {
      vad: 'Söka tre utbildningar',
      part: 'deltagare',
      ansvarig: 'Deltagaren',
      senast: daysAgo(-14),
    });
    await expectNoAxeViolations(page, 'Nytt möte');
    await mote.save();
    await mote.stegPrompt().waitFor();
    await expectNoAxeViolations(page, 'Stegförflyttning vid mötet');
    await mote.answer(M15, '4');
    await mote.saveWithoutM14();
    await arendeOverview(page).heading(code).waitFor();

    const atgarder = arendeOverview(page).section('Öppna åtgärder');
    expect(await atgarder.getByRole('row').count()).toBe(3);
    await atgarder
      .getByRole('row', { name: /Boka gemensam kartläggning/ })
      .getByText('Försenad')
      .waitFor();
    expect(
      await atgarder
        .getByRole('row', { name: /Söka tre utbildningar/ })
        .getByText('Försenad')
        .count(),
    ).toBe(0);
    const steg = arendeOverview(page).section('Stegförflyttning');
    await steg.getByRole('row', { name: `${TODAY} – 4` }).waitFor();
    await steg.locator('canvas').waitFor();
    await expectNoAxeViolations(page, 'Ärendeöversikt med möte och stegförflyttning');
  });

  it('refuses to mark a SIP upprättad until its contents are complete, naming each missing item', async () => {
    const sip = sipPage(page);
    await arendeOverview(page).newSip();
    await page.getByRole('heading', { name: `SIP – ärende ${code}` }).waitFor();
    await expectNoAxeViolations(page, 'SIP');
    await sip.markUpprattad();
    const refusal = await sip.refusal().textContent();
    for (const nr of [1, 2, 4, 5, 6, 7, 8, 9, 10]) expect(refusal).toContain(`Punkt ${nr}:`);
    expect(refusal).not.toContain('Punkt 3:'); // the samtycke is there
    await expectNoAxeViolations(page, 'SIP, upprättad nekad');

    await sip.check(/Deltagaren har behov av insatser från både/);
    await sip.choose(/Vem bedömde att planen behövs/, 'Båda');
    await sip.date(/Datum då behovet uppmärksammades/, daysAgo(9));
    await sip.date(/Datum då arbetet med planen startade/, daysAgo(2));
    await sip.choose(/Medverkade deltagaren/, 'Ja, deltagaren medverkade');
    await sip.choose(/Närstående/, 'Det finns inga närstående');
    await sip.addInsats(1, 'Arbetsmarknadsinsats', 'socialtjanst', 'Socialsekreterare');
    await sip.addInsats(2, 'Samtalsbehandling', 'psykiatri', 'Koordinator');
    await sip.addInsats(3, 'Gemensam kartläggning', 'af', 'Arbetsförmedlare');
    await sip.choose(/övergripande ansvaret/, 'Kommunen');
    await sip.markUpprattad();
    await page.getByText('SIP:en är markerad som upprättad.').waitFor();
    await page.getByRole('definition').filter({ hasText: 'Upprättad' }).waitFor();
    await page.getByRole('definition').filter({ hasText: '7 dagar' }).waitFor();
  });

  it('prints the SIP as a clean A4 document', async () => {
    await sipPage(page).openPrint();
    await page.getByRole('heading', { name: 'Samordnad individuell plan (SIP)' }).waitFor();
    await page.emulateMedia({ media: 'print' });
    // A4 is 210 mm wide: 794 CSS px at 96 dpi, so the screenshot shows the page's own line lengths.
    await page.setViewportSize({ width: 794, height: 1123 });
    expect(await page.locator('.app-header').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Skriv ut' }).isVisible()).toBe(false);
    const text = (await page.locator('.sip-print').textContent()) ?? '';
    expect(text).toContain('16 kap. 4 § hälso- och sjukvårdslagen (2017:30)');
    expect(text).toContain('socialtjänstlagen (2025:400)');
    expect(text).not.toMatch(/landsting/i);
    await page.screenshot({ path: '/tmp/sip-print.png', fullPage: true });
    await expectNoAxeViolations(page, 'SIP utskrift');
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('syncs when back online; the server holds exactly these records, each once', async () => {
    await server.restart();
    await laptop.setOffline(false);
    await arendeList(page).syncNow();
    await arendeList(page).syncRegion().getByText('Ej synkat: 0').waitFor({ timeout: 30_000 });

    const counts = await withServerDb(server, async (sql) => {
      const rows = await sql.query<{ entity: string; n: number; versions: number[] }>(
        `select entity, count(*)::int as n, array_agg(version order by version) as versions
           from record group by entity order by entity`,
      );
      const applied = await sql.query<{ n: number }>('select count(*)::int as n from applied_mutation');
      const sip = await sql.query<{ status: string; enhet: string; arende: string }>(
        `select s.data->>'status' as status, s.enhet_id::text as enhet, a.enhet_id::text as arende
           from record s join record a on a.id::text = s.data->>'arendeId' where s.entity = 'sip'`,
      );
      const mote = await sql.query<{ n: number }>(
        `select jsonb_array_length(data->'participants')::int as n from record where entity = 'mote'`,
      );
      // The colleague who will take the ärende over: same förbund and enhet as the ärende.
      const arende = await sql.query<{ forbund_id: string; enhet_id: string }>(
        `select forbund_id::text, enhet_id::text from record where entity = 'arende'`,
      );
      const a = arende.rows[0];
      if (!a) throw new Error('no ärende on the server');
      await createUser(sql, {
        forbundId: a.forbund_id,
        username: colleague.username,
        displayName: colleague.name,
        role: 'handlaggare',
        password: colleague.password,
        enhetIds: [a.enhet_id],
      });
      return {
        rows: rows.rows,
        applied: applied.rows[0]?.n,
        sip: sip.rows[0],
        participants: mote.rows[0]?.n,
      };
    });
    expect(Object.fromEntries(counts.rows.map((r) => [r.entity, r.versions]))).toEqual({
      arende: [1],
      atgard: [1, 1],
      mote: [1],
      samtycke: [1],
      sip: [2],
      stegmatning: [1],
    });
    expect(counts.applied).toBe(8);
    expect(counts.participants).toBe(3);
    expect(counts.sip).toMatchObject({ status: 'upprattad' });
    expect(counts.sip?.enhet).toBe(counts.sip?.arende);
  });

  it('shows the case work on a second device of the same user', async () => {
    const tablet = await newContext(browser, { tablet: true });
    const other = await tablet.newPage();
    await other.goto(`${server.url}/`);
    await logIn(other, server.demoLogin.username, server.demoLogin.password);
    await arendeList(other).showing(1, 1).waitFor({ timeout: 30_000 });
    await arendeList(other).openOverview(code);
    const overview = arendeOverview(other);
    await overview
      .section('Öppna åtgärder')
      .getByRole('row', { name: /Boka gemensam kartläggning/ })
      .waitFor();
    await overview.section('Samtycken').getByRole('cell', { name: 'Socialtjänsten, Psykiatrin' }).waitFor();
    await overview.section('Möten').getByRole('cell', { name: 'Trepartssamtal', exact: true }).waitFor();
    await overview
      .section(/SIP/)
      .getByRole('cell', { name: /Upprättad/ })
      .waitFor();
    await overview
      .section('Stegförflyttning')
      .getByRole('row', { name: `${TODAY} – 4` })
      .waitFor();
    await expectNoAxeViolations(other, 'Ärendeöversikt på en andra enhet');
    await tablet.close();
  });

  it('hands the ärende over to a colleague of the enhet, whose list shows it after sync', async () => {
    // The server was restarted by the read above; a sync also fetches the enhet's colleagues.
    await arendeList(page).syncNow();
    await arendeList(page).syncRegion().getByText('Ej synkat: 0').waitFor({ timeout: 30_000 });
    await page.getByRole('link', { name: 'Ärenden', exact: true }).click();
    await arendeList(page).openOverview(code);
    await arendeOverview(page).section('Överlämning').getByRole('option', { name: colleague.name }).waitFor({
      state: 'attached',
    });
    await expectNoAxeViolations(page, 'Ärendeöversikt med kollegor');
    await arendeOverview(page).handOver(colleague.name);
    await arendeList(page).syncNow();
    await arendeList(page).syncRegion().getByText('Ej synkat: 0').waitFor({ timeout: 30_000 });
    await page.getByRole('link', { name: 'Ärenden', exact: true }).click();
    await arendeList(page).showing(0, 0).waitFor();

    const theirs = await newContext(browser);
    const other = await theirs.newPage();
    await other.goto(`${server.url}/`);
    await logIn(other, colleague.username, colleague.password);
    await arendeList(other).showing(1, 1).waitFor({ timeout: 30_000 });
    expect(await arendeList(other).codes()).toEqual([code]);
    await expectNoAxeViolations(other, 'Mina ärenden hos kollegan');
    await theirs.close();
  });
});
