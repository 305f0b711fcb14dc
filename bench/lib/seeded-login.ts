/**
 * The set-up the Chromium list benches share (cold-start.ts, first-sync-chromium.ts): the real
 * server with N synthetic ärenden for the demo handläggare, pushed through the sync API by a Node
 * device (not timed), Debian's Chromium with a fresh profile, and the page-side helpers that time
 * from a form's submit to the first frame listing all N ärenden.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, newContext } from '../../tests/e2e/harness/browser';
import { seedServer } from './node-device';
import { note, round } from './report';
import { type BenchServer, startBenchServer } from './server';

export interface SeededSetup {
  server: BenchServer;
  browser: Browser;
  context: BrowserContext;
  /** A page of the fresh context on the app's login screen. */
  page: Page;
  login: { username: string; password: string };
  /** Closes the browser and disposes of the server (its data folder too). */
  dispose(): Promise<void>;
}

/** Starts the server, seeds `n` ärenden, launches Chromium and opens the app in a fresh profile. */
export async function seededSetup(scope: string, n: number): Promise<SeededSetup> {
  const server = await startBenchServer();
  let browser: Browser | undefined;
  try {
    browser = await launchBrowser();
    const login = server.demoLogin;
    const t = performance.now();
    await seedServer(server.url, login.username, login.password, n);
    note(
      scope,
      `seeded ${n} ärenden on the server in ${round((performance.now() - t) / 1000, 2)} s (not a figure)`,
    );
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    const opened = browser;
    return {
      server,
      browser: opened,
      context,
      page,
      login,
      async dispose() {
        await opened.close();
        await server.dispose();
      },
    };
  } catch (e) {
    await browser?.close();
    await server.dispose();
    throw e;
  }
}

/** The count line once all n ärenden are listed, as the sv-SE locale prints it ("av 5 000 ärenden"). */
export function countSource(n: number): string {
  return `\\bav\\s${n.toLocaleString('sv-SE').replace(/\s/g, '\\s?')}\\särenden\\b`;
}

/**
 * Records, in the page, performance.now() at the next form submit (capture phase). First makes
 * Playwright install its polling script in the page (a one-off evaluation of its injected script,
 * 100–200 ms of main-thread time here), which timeToListed's waitForFunction would otherwise do
 * inside the timed span: harness cost, not the app's.
 */
export async function markNextSubmit(page: Page): Promise<void> {
  await page.waitForFunction(() => true, undefined, { polling: 'raf' });
  await page.evaluate(() => {
    document.addEventListener(
      'submit',
      () => {
        (window as unknown as { submitAt: number }).submitAt = performance.now();
      },
      { capture: true, once: true },
    );
  });
}

/** performance.now() of the submit markNextSubmit saw. */
export function submitTime(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { submitAt: number }).submitAt);
}

/** performance.now() in the first animation frame whose count line lists all n ärenden. */
export async function timeToListed(page: Page, n: number, timeout: number): Promise<number> {
  const handle = await page.waitForFunction(
    (source) => {
      const text = document.querySelector('.list-count')?.textContent ?? '';
      return new RegExp(source).test(text) ? performance.now() : false;
    },
    countSource(n),
    { polling: 'raf', timeout },
  );
  return (await handle.jsonValue()) as number;
}

/**
 * performance.now() in the first animation frame whose list table holds `rows` rows: the list
 * shows its count with the first screenful and builds the rest of its page a block per task.
 */
export async function timeToRows(page: Page, rows: number, timeout: number): Promise<number> {
  const handle = await page.waitForFunction(
    (n) => (document.querySelectorAll('.arende-table tbody tr').length >= n ? performance.now() : false),
    rows,
    { polling: 'raf', timeout },
  );
  return (await handle.jsonValue()) as number;
}

/** Types the demo handläggare's sign-in into the login form (not submitted). */
export async function fillLogin(page: Page, login: { username: string; password: string }): Promise<void> {
  await page.getByLabel('Användarnamn').fill(login.username);
  await page.getByLabel('Lösenord').fill(login.password);
}
