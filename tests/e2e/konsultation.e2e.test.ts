// The konsultationsteam on a koordinator's laptop, offline for real: with the network cut and the
// server stopped the koordinator records a meeting with two de-identified case summaries, sees the
// statistics, reloads (still there), then syncs; the server holds exactly those records and no
// pseudonym code or ärende link anywhere in them.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PSEUDONYM_CODE_RE } from '../../src/domain/arende';
import { expectNoAxeViolations } from './harness/axe';
import { launchBrowser, newContext, waitForActiveServiceWorker } from './harness/browser';
import { withServerDb } from './harness/db';
import { startTestServer, type TestServer } from './harness/server';
import { konsultationPage } from './pages/konsultation-page';
import { unlock } from './pages/unlock-page';

const TODAY = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());

describe('konsultationsteam recorded offline by a koordinator', () => {
  let server: TestServer;
  let browser: Browser;
  let laptop: BrowserContext;
  let page: Page;

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

  it('logs in online as the koordinator, then works with the network cut and the server stopped', async () => {
    await page.goto(`${server.url}/`);
    await page.getByLabel('Användarnamn').fill(server.koordinatorLogin.username);
    await page.getByLabel('Lösenord', { exact: true }).fill(server.koordinatorLogin.password);
    await page.getByRole('button', { name: 'Logga in' }).click();
    const k = konsultationPage(page);
    await page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'Konsultationsteam' })
      .waitFor();
    await waitForActiveServiceWorker(page);
    await laptop.setOffline(true);
    await server.stop();
    await page.reload();
    // The key is gone after a reload: unlocked offline with the secret (the login password).
    await unlock(page, server.koordinatorLogin.password);
    await k.open();
    await k.heading('Konsultationsteam').waitFor();
    await page.getByText('Inga möten ännu.').waitFor();
    await expectNoAxeViolations(page, 'Konsultationsteam (tom)');
  });

  it('records a meeting with two case summaries; a code-like text and a day in a month field are refused first', async () => {
    const k = konsultationPage(page);
    await k.newMeeting();
    await k.heading('Nytt möte i konsultationsteamet').waitFor();
    await k.meeting(
      TODAY,
      ['Socialtjänsten', 'Arbetsförmedlingen', 'Försäkringskassan', 'Psykiatrin'],
      'FK deltog via video.',
    );
    await k.addFall(1, {
      lyftAv: 'af',
      aktuellSedan: '2025-09',
      sammanfattning: 'Långvarigt försörjningsstöd, ohälsa utan sjukskrivning.',
      fraga: 'Vem kan göra en arbetsförmågebedömning? Se NOR-4K7P.',
      rad: 'Boka flerpartsmöte med vårdcentralen och FK.',
      utfall: 'gemensam_planering',
    });
    await k.addFall(2, {
      lyftAv: 'psykiatri',
      aktuellSedan: '2026-01-15',
      sammanfattning: 'Ung vuxen utan SGI, väntar på utredning.',
      fraga: 'Vilken part har samordningsansvaret?',
      rad: 'FK har samordningsansvar; kontaktväg via processtödjaren.',
      utfall: 'ny_kontaktvag',
    });
    await expectNoAxeViolations(page, 'Nytt konsultationsmöte (ifyllt)');
    await k.save();
    const summary = page.getByRole('heading', { name: 'Rätta 2 fel innan du sparar' });
    await summary.waitFor();
    await expectNoAxeViolations(page, 'Nytt konsultationsmöte (fel)');
    const fall1 = page.getByRole('group', { name: 'Ärende 1', exact: true });
    const fall2 = page.getByRole('group', { name: 'Ärende 2', exact: true });
    await fall1.getByText(/liknar en ärendekod/).waitFor();
    await fall2
      .getByText(/ÅÅÅÅ-MM/)
      .first()
      .waitFor();
    await fall1.getByLabel('Frågan till teamet').fill('Vem kan göra en arbetsförmågebedömning?');
    await fall2.getByLabel(/^Aktuellt sedan/).fill('2026-01');
    await k.save();
    await k.heading('Konsultationsteam').waitFor();
    await page.getByRole('status').getByText('Mötet är sparat på apparaten.').waitFor();
    const row = k.meetings().getByRole('row', { name: new RegExp(TODAY) });
    expect(await row.textContent()).toContain('Ej synkad');
    await expectNoAxeViolations(page, 'Konsultationsteam (ett möte)');
  });

  it('shows the statistics offline, prints them, and keeps everything after an offline reload', async () => {
    const k = konsultationPage(page);
    await k.statistics();
    await k.heading('Konsultationsteamets statistik').waitFor();
    const totals = k.table('Sammanfattning för perioden');
    await totals.getByRole('row', { name: /Antal ärenden 2/ }).waitFor();
    await totals.getByRole('row', { name: /Andel från andra än socialtjänsten \(%\) 100/ }).waitFor();
    const perMeeting = k.table(/^Per möte/);
    expect(await perMeeting.getByRole('row').count()).toBe(2);
    expect(await perMeeting.getByRole('row').nth(1).textContent()).toContain(
      'Socialtjänsten, Arbetsförmedlingen, Försäkringskassan, Psykiatrin',
    );
    await expectNoAxeViolations(page, 'Konsultationsteamets statistik');
    await page.screenshot({ path: '/tmp/konsultation-statistik.png', fullPage: true });

    const download = page.waitForEvent('download');
    await page
      .getByRole('button', {
        name: 'Ladda ner CSV: per part: möten närvarande och ärenden lyfta under perioden',
      })
      .click();
    const file = await (await download).path();
    const { readFile } = await import('node:fs/promises');
    const csv = await readFile(file, 'utf8');
    expect(csv.startsWith('\uFEFFPart;Möten närvarande;Ärenden lyfta;Andel av ärendena (%)\r\n')).toBe(true);
    expect(csv).toContain('Arbetsförmedlingen;1;1;50\r\n');

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.app-header__nav').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Skriv ut' }).isVisible()).toBe(false);
    expect(await page.getByLabel('Från och med').isVisible()).toBe(false);
    await page.screenshot({ path: '/tmp/konsultation-statistik-utskrift.png', fullPage: true });
    await page.emulateMedia({ media: 'screen' });

    await page.reload();
    await unlock(page, server.koordinatorLogin.password);
    await k.heading('Konsultationsteamets statistik').waitFor();
    await k
      .table('Sammanfattning för perioden')
      .getByRole('row', { name: /Antal möten 1/ })
      .waitFor();
    await k.open();
    await k
      .meetings()
      .getByRole('link', { name: `Möte ${TODAY}` })
      .click();
    await page.getByRole('group', { name: 'Ärende 2', exact: true }).waitFor();
    expect(
      await page
        .getByRole('group', { name: 'Ärende 2', exact: true })
        .getByLabel(/^Aktuellt sedan/)
        .inputValue(),
    ).toBe('2026-01');
    await expectNoAxeViolations(page, 'Konsultationsmöte (sparat)');
  });

  it('syncs when back online; the server holds exactly the meeting and its two summaries', async () => {
    await server.restart();
    await laptop.setOffline(false);
    const sync = page.getByRole('region', { name: 'Synkning' });
    await sync.getByRole('button', { name: 'Synka nu' }).click();
    await sync.getByText('Ej synkat: 0').waitFor({ timeout: 30_000 });

    const rows = await withServerDb(server, async (sql) => {
      const r = await sql.query<{
        entity: string;
        enhet_id: string | null;
        version: number;
        data: Record<string, unknown>;
      }>(`select entity, enhet_id::text, version, data from record order by entity, data->>'nr'`);
      return r.rows;
    });
    expect(rows.map((r) => [r.entity, r.enhet_id, r.version])).toEqual([
      ['konsultationsfall', null, 1],
      ['konsultationsfall', null, 1],
      ['konsultationsmote', null, 1],
    ]);
    const [f1, f2, mote] = rows.map((r) => r.data);
    expect(mote).toMatchObject({ datum: TODAY, narvarande: ['socialtjanst', 'af', 'fk', 'psykiatri'] });
    expect(f1).toMatchObject({
      moteId: mote?.id,
      nr: 1,
      lyftAv: 'af',
      aktuellSedan: '2025-09',
      utfall: 'gemensam_planering',
    });
    expect(f2).toMatchObject({
      moteId: mote?.id,
      nr: 2,
      lyftAv: 'psykiatri',
      aktuellSedan: '2026-01',
      aldersgrupp: null,
      enhetId: null,
    });
    for (const data of rows.map((r) => r.data)) {
      expect(Object.keys(data)).not.toContain('arendeId');
      expect(Object.keys(data)).not.toContain('code');
      for (const value of Object.values(data))
        if (typeof value === 'string')
          expect(value).not.toMatch(new RegExp(PSEUDONYM_CODE_RE.source.slice(1, -1)));
    }
  });
});
