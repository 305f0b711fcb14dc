/**
 * first_sync_10000_chromium_s (s, budget 8; issue 15): a handläggare logs in on a fresh device in
 * Debian's Chromium and waits until all 10,000 ärenden of their enhet are listed.
 *
 * Method: the real server (lib/server.ts) gets 10,000 synthetic ärenden for the demo handläggare,
 * pushed through the sync API by a Node device (lib/node-device.ts, seedServer; not timed). A fresh
 * Chromium profile (e2e harness: launchBrowser/newContext) opens the app and logs in through the
 * UI (labels "Användarnamn", "Lösenord", button "Logga in"). The figure is the time, measured in
 * the page with performance.now(), from the login form's submit to the first animation frame whose
 * list count line reads "… av 10 000 ärenden" (rAF polling). It contains what the user waits for:
 * the login request, creating the data key (PBKDF2 600,000), the first sync's pull of every page,
 * storing it encrypted in IndexedDB, and listing. While it runs, the progress line is sampled once
 * per frame; the script fails if "Hämtar … av 10 000" never showed (the user would have had no
 * sign of progress) or if the first sync round ends with fewer ärenden listed.
 */
import type { Page } from 'playwright-core';
import { launchBrowser, newContext } from '../tests/e2e/harness/browser';
import { seedServer } from './lib/node-device';
import { emit, note, round, runFigure } from './lib/report';
import { startBenchServer } from './lib/server';

const N = 10_000;
const SCOPE = 'first-sync-chromium';

/** The count line once all N ärenden are listed, as the sv-SE locale prints it ("av 10 000"). */
const COUNT_SOURCE = `\\bav\\s${N.toLocaleString('sv-SE').replace(/\s/g, '\\s?')}\\särenden\\b`;

/** Records every distinct progress line the page shows, from now on, in window.progressSeen. */
async function watchProgress(page: Page): Promise<void> {
  // A string, not a function: tsx would wrap a named inner function in a helper the page lacks.
  await page.evaluate(`(() => {
    const seen = [];
    window.progressSeen = seen;
    const look = () => {
      const text = document.querySelector('.sync-progress')?.textContent ?? '';
      if (text && seen.at(-1) !== text) seen.push(text);
      requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  })()`);
}

async function loginToList(page: Page, username: string, password: string): Promise<number> {
  await page.getByLabel('Användarnamn').fill(username);
  await page.getByLabel('Lösenord').fill(password);
  await page.evaluate(() => {
    document.addEventListener(
      'submit',
      () => {
        (window as unknown as { submitAt: number }).submitAt = performance.now();
      },
      { capture: true, once: true },
    );
  });
  await watchProgress(page);
  await page.getByRole('button', { name: 'Logga in' }).click();
  const handle = await page.waitForFunction(
    (source) => {
      const text = document.querySelector('.list-count')?.textContent ?? '';
      return new RegExp(source).test(text) ? performance.now() : false;
    },
    COUNT_SOURCE,
    { polling: 'raf', timeout: 120_000 },
  );
  const shownAt = (await handle.jsonValue()) as number;
  const submitAt = await page.evaluate(() => (window as unknown as { submitAt: number }).submitAt);
  return shownAt - submitAt;
}

async function main(): Promise<void> {
  const server = await startBenchServer();
  const browser = await launchBrowser();
  try {
    const { username, password } = server.demoLogin;
    let t = performance.now();
    await seedServer(server.url, username, password, N);
    note(SCOPE, `seeded ${N} ärenden on the server in ${round((performance.now() - t) / 1000, 2)} s`);

    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    t = performance.now();
    const ms = await loginToList(page, username, password);
    note(
      SCOPE,
      `login → ${N} listed: ${round(ms, 0)} ms in the page, ${round(performance.now() - t, 0)} ms seen from Node`,
    );
    const progress = await page.evaluate(
      () => (window as unknown as { progressSeen: string[] }).progressSeen,
    );
    note(
      SCOPE,
      `progress lines shown: ${progress.length} (first "${progress[0] ?? ''}", last "${progress.at(-1) ?? ''}")`,
    );
    if (!progress.some((p) => /Hämtar .* av 10\s?000/.test(p))) {
      throw new Error(`no progress line "Hämtar … av 10 000" was shown during the first sync`);
    }
    emit({ metric: 'first_sync_10000_chromium_s', value: round(ms / 1000, 2), unit: 's', budget: 8 });
    await context.close();
  } finally {
    await browser.close();
    await server.dispose();
  }
}

runFigure(SCOPE, main);
