// Hand-over mode on a tablet, offline for real (network cut and server stopped): a deltagare answers
// on the handläggare's tablet and sees nothing of the ärende; the device stays locked until the
// handläggare's password; the server gets each response once and the handläggare never sees the
// answers. Then a half-year round goes round a koordinator's tablet and arrives anonymous.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INSTRUMENT_VERSION } from '../../src/domain/instrument';
import { createUser } from '../../src/server/auth/users';
import { expectNoAxeViolations } from './harness/axe';
import { launchBrowser, newContext, waitForActiveServiceWorker } from './harness/browser';
import { withServerDb } from './harness/db';
import { startTestServer, type TestServer } from './harness/server';
import { arendeForm } from './pages/arende-form-page';
import { arendeList } from './pages/arende-list-page';
import { handover } from './pages/handover-page';
import { logIn } from './pages/login-page';
import { unlock } from './pages/unlock-page';

const FIRST_ANSWERS = { M01: 4, M03: 2, M08: 5, M10: 1, M14: 3, M18: 4 }; // M05 skipped
const SECOND_ANSWERS = { M02: 1, M04: 2, M06: 3, M09: 4, M11: 5, M12: 1, M13: 2, M14: 5, M18: 2 };

/** Everything the device's IndexedDB holds in its records, outbox and meta stores. */
function readDeviceDb(page: Page) {
  return page.evaluate(
    () =>
      new Promise<{ records: unknown[]; outbox: unknown[]; meta: unknown[] }>((resolve, reject) => {
        const open = indexedDB.open('faltsam');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['records', 'outbox', 'meta'], 'readonly');
          const all = (name: string) =>
            new Promise<unknown[]>((done) => {
              const req = tx.objectStore(name).getAll();
              req.onsuccess = () => done(req.result);
            });
          Promise.all([all('records'), all('outbox'), all('meta')]).then(([records, outbox, meta]) => {
            db.close();
            resolve({ records, outbox, meta });
          }, reject);
        };
      }),
  );
}

/** Every 1–5 target of the statement on screen is at least 44 × 44 CSS px. */
async function expectLargeTargets(page: Page) {
  const boxes = await page.locator('.likert__option').evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      return { width: r.width, height: r.height };
    }),
  );
  expect(boxes).toHaveLength(5);
  for (const box of boxes) {
    expect(box.width).toBeGreaterThanOrEqual(44);
    expect(box.height).toBeGreaterThanOrEqual(44);
  }
}

/** Each hand-over screen moves focus to its heading; keyboard steps start from there. */
async function headingFocused(page: Page) {
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
}

async function syncUntilDone(page: Page) {
  await arendeList(page).syncNow();
  await arendeList(page).syncRegion().getByText('Ej synkat: 0').waitFor({ timeout: 30_000 });
}

describe('hand-over mode on a tablet', () => {
  let server: TestServer;
  let browser: Browser;
  let tablet: BrowserContext;
  let page: Page;
  let code = '';
  let arendeId = '';

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    tablet = await newContext(browser, { tablet: true });
    page = await tablet.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('logs in online and creates an ärende', async () => {
    await page.goto(`${server.url}/`);
    await logIn(page, server.demoLogin.username, server.demoLogin.password);
    await waitForActiveServiceWorker(page);
    await arendeList(page).openNew();
    await arendeForm(page).choose('Kön', 'Man');
    await arendeForm(page).save();
    code = await arendeList(page).savedCode();
    const href = await page.getByRole('table').getByRole('link', { name: code }).getAttribute('href');
    arendeId = decodeURIComponent(/#\/arenden\/([^/]+)/.exec(href ?? '')?.[1] ?? '');
    expect(arendeId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('hands over F-D-UNDER offline; the deltagare answers with support, skips one and submits', async () => {
    await tablet.setOffline(true);
    await server.stop();
    await page.reload();
    await unlock(page, server.demoLogin.password);
    await arendeList(page).heading().waitFor();
    await page.evaluate((hash) => {
      window.location.hash = hash;
    }, `#/arenden/${arendeId}`);
    await page.getByText('Enkäter: 0 skickade').waitFor();
    await page.getByLabel('Deltagare – under rehabiliteringsprocessen', { exact: true }).tap();
    await page.getByRole('button', { name: 'Lämna över' }).tap();

    const h = handover(page);
    await h.heading('Enkät').waitFor();
    expect(await page.content()).not.toContain(code);
    expect(await page.getByRole('banner').count()).toBe(0);
    await expectNoAxeViolations(page, 'Överlämning: start');
    await page.getByLabel('Med stöd').tap();
    await h.tap('Börja');

    const values = [4, 2, null, 5, 1, 3, 4];
    for (const [i, value] of values.entries()) {
      await h.heading(`Påstående ${i + 1} av 7`).waitFor();
      if (i === 0) {
        await expectLargeTargets(page);
        await expectNoAxeViolations(page, 'Överlämning: påstående');
        expect(await page.getByText('Instämmer inte alls').count()).toBe(1);
        expect(await page.getByText('Instämmer helt').count()).toBe(1);
      }
      if (value === null) {
        await h.tap('Hoppa över');
        continue;
      }
      await h.answer(value);
      expect(await h.option(value).isChecked()).toBe(true);
      await h.tap('Nästa');
    }
    await h.heading('Skicka dina svar').waitFor();
    await page.getByText('Du har svarat på 6 av 7 påståenden.').waitFor();
    await expectNoAxeViolations(page, 'Överlämning: skicka');
    await h.tap('Skicka');
    await h.heading('Tack för dina svar!').waitFor();
    await expectNoAxeViolations(page, 'Överlämning: tack');
  });

  it('stays locked on a typed URL and a reload, with nothing of the ärende in the DOM', async () => {
    await page.goto(`${server.url}/#/`);
    await page.reload();
    await handover(page).heading('Tack för dina svar!').waitFor();
    const html = await page.content();
    expect(html).not.toContain(code);
    expect(html).not.toContain(arendeId);
    expect(await page.getByRole('table').count()).toBe(0);
    await page.goto(`${server.url}/#/arenden/${arendeId}`);
    await handover(page).heading('Tack för dina svar!').waitFor();
    expect(await page.content()).not.toContain(code);
  });

  it('refuses a wrong unlock code and unlocks with the handläggare’s', async () => {
    const h = handover(page);
    await page.getByRole('button', { name: 'Lås upp (för handläggaren)' }).tap();
    await h.heading('Lås upp').waitFor();
    await expectNoAxeViolations(page, 'Överlämning: lås upp');
    await page.getByRole('button', { name: 'Avbryt' }).tap();
    await h.unlock('inte-lösenordet');
    await page.getByText('Fel upplåsningskod. Försök igen.').waitFor({ timeout: 15_000 });
    expect(await page.content()).not.toContain(code);
    await expectNoAxeViolations(page, 'Överlämning: fel upplåsningskod');
    await page.getByLabel('Upplåsningskod', { exact: true }).fill(server.demoLogin.password);
    await page.getByRole('button', { name: 'Lås upp', exact: true }).tap();
    // Offline with the server stopped: sealed and queued on the tablet, not yet sent.
    await page.getByText('Enkäter: 0 skickade, 1 väntar på synk').waitFor({ timeout: 15_000 });
  });

  it('gives a second deltagare a clean F-D-AVSLUT form, answered by keyboard, also in portrait', async () => {
    await page.getByLabel('Deltagare – vid avslut', { exact: true }).tap();
    await page.getByRole('button', { name: 'Lämna över' }).tap();
    const h = handover(page);
    await h.heading('Enkät').waitFor();
    expect(await h.checkedCount()).toBe(0);
    await page.getByLabel('Svarar själv').tap();
    await h.tap('Börja');

    const values = Object.values(SECOND_ANSWERS);
    for (const [i, value] of values.entries()) {
      await h.heading(`Påstående ${i + 1} av ${values.length}`).waitFor();
      // Nothing carried over from the first respondent (M14 and M18 were answered then).
      expect(await h.checkedCount()).toBe(0);
      if (i === 1) {
        await page.setViewportSize({ width: 768, height: 1024 });
        await expectLargeTargets(page);
        await expectNoAxeViolations(page, 'Överlämning: påstående, stående');
        await page.getByRole('button', { name: 'Hög kontrast' }).tap();
        await expectNoAxeViolations(page, 'Överlämning: påstående, hög kontrast');
        await page.setViewportSize({ width: 1024, height: 768 });
      }
      // Tab from the heading to the first target, Space to choose, arrows to the value, Tab to Nästa.
      if (i !== 1) await headingFocused(page);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Space');
      for (let k = 1; k < value; k++) await page.keyboard.press('ArrowRight');
      expect(await h.option(value).isChecked()).toBe(true);
      for (let k = 0; k < 3; k++) await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
    }
    await h.heading('Skicka dina svar').waitFor();
    await headingFocused(page);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await h.heading('Tack för dina svar!').waitFor();
    await h.unlock(server.demoLogin.password);
    await page.getByText('Enkäter: 0 skickade, 2 väntar på synk').waitFor({ timeout: 15_000 });
  });

  it('syncs when back online: the server holds the two responses once, the device none of their answers', async () => {
    await server.restart();
    await tablet.setOffline(false);
    await syncUntilDone(page);

    const { rows } = await withServerDb(server, (sql) =>
      sql.query<{
        form_id: string;
        answers: Record<string, number>;
        answered_with: string;
        instrument_version: string;
        arende_id: string;
      }>(
        'select form_id, answers, answered_with, instrument_version, arende_id from survey_response order by form_id',
      ),
    );
    expect(rows).toEqual([
      {
        form_id: 'F-D-AVSLUT',
        answers: SECOND_ANSWERS,
        answered_with: 'sjalv',
        instrument_version: INSTRUMENT_VERSION,
        arende_id: arendeId,
      },
      {
        form_id: 'F-D-UNDER',
        answers: FIRST_ANSWERS,
        answered_with: 'med_stod',
        instrument_version: INSTRUMENT_VERSION,
        arende_id: arendeId,
      },
    ]);
    expect(rows[1]?.answers).not.toHaveProperty('M05');

    // The handläggare's screens show counts only; the device keeps nothing of the answers.
    await page.reload();
    await unlock(page, server.demoLogin.password);
    await page.getByText('Enkäter: 2 skickade').waitFor({ timeout: 15_000 });
    const text = (await page.locator('body').textContent()) ?? '';
    expect(text).not.toContain('Jag får stödet på ett sätt som är till nytta för mig.');
    expect(text).not.toMatch(/M01|Instämmer/);
    const device = await readDeviceDb(page);
    expect(device.records.filter((r) => (r as { entity: string }).entity === 'response')).toEqual([]);
    expect(device.outbox).toEqual([]);
    expect(JSON.stringify(device)).not.toContain('"answers"');
  });
});

describe('a half-year round on a koordinator’s tablet', () => {
  let server: TestServer;
  let browser: Browser;
  const koordinator = { username: 'koordinator-test', password: 'koordinator-test-losenord-2026' };

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('is answered by two people in a row and arrives anonymous', async () => {
    const enheter = await withServerDb(server, async (sql) => {
      const { rows } = await sql.query<{ id: string; kod: string; forbund_id: string }>(
        'select id, kod, forbund_id from enhet order by kod',
      );
      const forbundId = rows[0]?.forbund_id ?? '';
      await createUser(sql, {
        forbundId,
        username: koordinator.username,
        displayName: 'Koordinator Test',
        role: 'koordinator',
        password: koordinator.password,
        enhetIds: rows.map((r) => r.id),
      });
      return rows;
    });
    const ske = enheter.find((e) => e.kod === 'SKE')?.id ?? '';
    const session = await fetch(`${server.url}/api/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(koordinator),
    });
    const { token } = (await session.json()) as { token: string };
    const opened = await fetch(`${server.url}/api/rounds`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        period: '2026H2',
        enhetIds: enheter.map((e) => e.id),
        formIds: ['F-ST-HALVÅR'],
      }),
    });
    expect(opened.status).toBe(201);
    const { round } = (await opened.json()) as { round: { id: string } };

    const tablet = await newContext(browser, { tablet: true });
    const page = await tablet.newPage();
    await page.goto(`${server.url}/`);
    await logIn(page, koordinator.username, koordinator.password, 'Resultat och statistik');
    await waitForActiveServiceWorker(page);
    await page.getByRole('link', { name: 'Halvårsenkäter' }).tap();
    await page.getByRole('heading', { level: 2, name: 'Omgång 2026H2' }).waitFor({ timeout: 30_000 });
    await expectNoAxeViolations(page, 'Halvårsenkäter');

    await tablet.setOffline(true);
    await page.getByRole('radio', { name: 'Skellefteå kommun – ekonomiskt bistånd' }).tap();
    await page.getByRole('button', { name: 'Lämna över' }).tap();
    const h = handover(page);
    const respond = async (values: (number | null)[]) => {
      await h.heading('Enkät').waitFor();
      expect(await page.getByRole('group', { name: 'Hur svarar du?' }).count()).toBe(0);
      await h.tap('Börja');
      for (const [i, value] of values.entries()) {
        await h.heading(`Påstående ${i + 1} av 3`).waitFor();
        expect(await h.checkedCount()).toBe(0);
        if (value === null) await h.tap('Hoppa över');
        else {
          await h.answer(value);
          await h.tap('Nästa');
        }
      }
      await h.tap('Skicka');
      await h.heading('Tack för dina svar!').waitFor();
    };
    await respond([5, 4, null]);
    await expectNoAxeViolations(page, 'Halvår: tack');
    await h.tap('Nästa person svarar');
    await respond([1, 2, 3]);
    await h.unlock(koordinator.password);
    await page.getByRole('heading', { level: 1, name: 'Halvårsenkäter' }).waitFor({ timeout: 15_000 });

    await tablet.setOffline(false);
    await syncUntilDone(page);
    const { rows } = await withServerDb(server, (sql) =>
      sql.query<Record<string, unknown>>(
        'select * from survey_response where round_id = $1 order by answers::text',
        [round.id],
      ),
    );
    expect(rows.map((r) => r.answers)).toEqual([
      { M21: 1, M24: 2, M25: 3 },
      { M21: 5, M24: 4 },
    ]);
    for (const row of rows) {
      expect(row).toMatchObject({
        arende_id: null,
        enhet_id: ske,
        respondent_group: 'styrelse',
        form_id: 'F-ST-HALVÅR',
      });
      expect(Object.keys(row).some((k) => /user|device/.test(k))).toBe(false);
    }
    await tablet.close();
  });
});
