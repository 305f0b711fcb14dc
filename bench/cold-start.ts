/**
 * Figure 4 – cold_start_offline_lock_screen (ms, budget 1500), unlock_to_5000_listed_ms and
 * unlock_to_5000_listed_reload_ms (ms, budget 500; issue 15; they were cold_start_offline_5000 and
 * _reload with budget 1500).
 *
 * Method (set-up shared with first-sync-chromium.ts in lib/seeded-login.ts): the real server
 * (lib/server.ts) gets 5,000 synthetic ärenden for the demo handläggare, pushed through the sync
 * API by a Node device (lib/node-device.ts, seedServer). Debian's
 * Chromium (e2e harness: launchBrowser/newContext, fresh profile) opens the app, logs in through
 * the UI (labels "Användarnamn", "Lösenord", button "Logga in") and waits until the list's count
 * line reads "… av 5 000 ärenden" (t.list.showing in src/ui/i18n/sv.ts; numbers in sv-SE with a
 * no-break space), i.e. the first sync pulled all 5,000 into IndexedDB. If the first sync round
 * ends (the sync status shows "Senast synkad") with fewer, the script fails. It then waits for
 * 0.5 s (SETTLE_MS; the page writes the list's snapshot at its first idle moment after the pull,
 * which takes a few hundred ms for 5,000 ärenden; closed before that, the first unlock reads and
 * decrypts every row, ~900 ms), waits for the service worker to be activated and controlling
 * the page, turns the network off (context.setOffline) and stops the server, and closes that page.
 *
 * Since the store is encrypted (issue 5), a new page or a reload opens on the lock screen: the data
 * key lives only in memory. cold_start_offline_lock_screen is performance.now() (from the
 * navigation's start) in the first frame showing the lock screen's heading. unlock_to_5000_listed_ms
 * and its _reload twin are then timed from the unlock form's submit (captured in the page) to the first
 * frame with all 5,000 listed: PBKDF2 at 600,000 iterations, decrypting 5,000 records, rendering.
 * Before encryption these two were measured from the navigation's start to the list instead.
 *
 * Each run measured, in the page, performance.now() (which counts from the navigation's start) in
 * the first animation frame whose DOM shows the count line with all 5,000 ärenden (waitForFunction
 * with rAF polling). unlock_to_5000_listed_ms: a NEW page in the same browser context navigates to
 * the app (3 runs, each page closed afterwards). unlock_to_5000_listed_reload_ms: one page reloads
 * (3 runs). Each figure is the median of its 3 runs. The service worker, IndexedDB and the HTTP
 * disk cache are warm – as when a handläggare reopens the app – but no earlier page stays open.
 */
import type { Page } from 'playwright-core';
import { waitForActiveServiceWorker } from '../tests/e2e/harness/browser';
import { emit, median, note, round, runFigure } from './lib/report';
import {
  countSource,
  fillLogin,
  markNextSubmit,
  seededSetup,
  submitTime,
  timeToListed,
  timeToRows,
} from './lib/seeded-login';

const N = 5000;
const RUNS = 3;
const SCOPE = 'cold-start';
/** Rows on the list's first page (PAGE_SIZE in src/ui/pages/ArendeListPage.tsx). */
const PAGE_ROWS = 200;
/** Set-up: the pause after the first sync before that page is closed (see below; SETTLE_MS=…). */
const SETTLE_MS = Number(process.env.SETTLE_MS ?? 500);
/** Submit → the first page's PAGE_ROWS rows built, per unlock (a note beside the figures). */
const pageBuilt: number[] = [];

/** The count line once all N ärenden are listed, as the sv-SE locale prints it ("av 5 000"). */
const COUNT_SOURCE = countSource(N);

/** performance.now() in the first frame that shows the full count; fails after the timeout. */
const timeToList = (page: Page) => timeToListed(page, N, 30_000);

/** performance.now() in the first frame that shows the lock screen (a kept session, store locked). */
async function timeToLockScreen(page: Page): Promise<number> {
  const handle = await page.waitForFunction(
    () => (document.querySelector('h1')?.textContent === 'Fältsam är låst' ? performance.now() : false),
    undefined,
    { polling: 'raf', timeout: 30_000 },
  );
  return (await handle.jsonValue()) as number;
}

/**
 * Types the unlock secret and submits it; returns the ms from the submit to the first frame with
 * all N ärenden listed (PBKDF2 600,000 + decrypting every ärende + rendering).
 */
async function unlockToList(page: Page, secret: string): Promise<number> {
  await page.getByLabel('Upplåsningskod', { exact: true }).fill(secret);
  await markNextSubmit(page);
  await page.getByRole('button', { name: 'Lås upp' }).click();
  const shown = await timeToList(page);
  const paged = await timeToRows(page, PAGE_ROWS, 30_000);
  const submitAt = await submitTime(page);
  pageBuilt.push(paged - submitAt);
  return shown - submitAt;
}

async function main(): Promise<void> {
  const setup = await seededSetup(SCOPE, N);
  const { server, context, page: first } = setup;
  try {
    const password = setup.login.password;
    await fillLogin(first, setup.login);
    const t = performance.now();
    await first.getByRole('button', { name: 'Logga in' }).click();
    // Either the whole list arrived, or the first sync round ended without it.
    await first.waitForFunction(
      (source) =>
        new RegExp(source).test(document.querySelector('.list-count')?.textContent ?? '') ||
        document.querySelector('.sync-status time') !== null,
      COUNT_SOURCE,
      { timeout: 90_000 },
    );
    // The round can end before the list has read and decrypted what it stored (seconds under
    // load): give it that time. This is the set-up, not a figure.
    await first
      .waitForFunction(
        (source) => new RegExp(source).test(document.querySelector('.list-count')?.textContent ?? ''),
        COUNT_SOURCE,
        { timeout: 30_000 },
      )
      .catch(() => undefined);
    const shown = (await first.locator('.list-count').textContent()) ?? '';
    if (!new RegExp(COUNT_SOURCE).test(shown)) {
      throw new Error(`after login and the first sync the list reads "${shown}", not all ${N} ärenden`);
    }
    note(
      SCOPE,
      `login + first sync of ${N} ärenden in Chromium: ${round((performance.now() - t) / 1000, 2)} s`,
    );
    // The page gets the moment it needs after the pull to write the list's snapshot
    // (src/db/list-snapshot.ts, at the first idle moment after a pull; see above).
    await first.waitForTimeout(SETTLE_MS);
    await waitForActiveServiceWorker(first);
    const controlled = await first.evaluate(async () => {
      if (!navigator.serviceWorker.controller) {
        await new Promise((resolve) =>
          navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }),
        );
      }
      return navigator.serviceWorker.controller?.scriptURL ?? null;
    });
    if (!controlled) throw new Error('the service worker does not control the page');

    await context.setOffline(true);
    await server.stop();
    await first.close();

    const lockScreen: number[] = [];
    const newPage: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const page = await context.newPage();
      await page.goto(`${server.url}/`, { waitUntil: 'commit' });
      lockScreen.push(await timeToLockScreen(page));
      newPage.push(await unlockToList(page, password));
      await page.close();
    }
    const reload: number[] = [];
    const page = await context.newPage();
    await page.goto(`${server.url}/`, { waitUntil: 'commit' });
    await timeToLockScreen(page);
    await unlockToList(page, password);
    for (let i = 0; i < RUNS; i++) {
      await page.reload({ waitUntil: 'commit' });
      await timeToLockScreen(page);
      reload.push(await unlockToList(page, password));
    }
    note(
      SCOPE,
      `lock screen: ${lockScreen.map((v) => round(v, 0)).join(', ')} ms; unlock → list, new page: ${newPage.map((v) => round(v, 0)).join(', ')} ms; after reloads: ${reload.map((v) => round(v, 0)).join(', ')} ms`,
    );
    note(
      SCOPE,
      `unlock → all ${PAGE_ROWS} rows of the first page built (the figures' frame shows the count and the first rows): ${pageBuilt.map((v) => round(v, 0)).join(', ')} ms`,
    );
    emit({
      metric: 'cold_start_offline_lock_screen',
      value: round(median(lockScreen), 0),
      unit: 'ms',
      budget: 1500,
    });
    // Issue 15 names this figure and sets its budget: submit of the secret to 5,000 listed.
    emit({ metric: 'unlock_to_5000_listed_ms', value: round(median(newPage), 0), unit: 'ms', budget: 500 });
    emit({
      metric: 'unlock_to_5000_listed_reload_ms',
      value: round(median(reload), 0),
      unit: 'ms',
      budget: 500,
    });
    await context.close();
  } finally {
    await setup.dispose();
  }
}

runFigure(SCOPE, main);
