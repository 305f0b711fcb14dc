/**
 * The Lighthouse benches' steps in puppeteer (Lighthouse's own driver): wait for a text, and log
 * the demo handläggare in through the UI until the first sync has listed `n` ärenden and the
 * service worker controls the page. Shared by lighthouse.ts and lighthouse-list-profile.ts.
 */
import type { Browser, Page } from 'puppeteer-core';
import type { BenchServer } from './server';

export async function waitForText(
  page: Page,
  selector: string,
  pattern: RegExp,
  timeout = 90_000,
): Promise<void> {
  await page.waitForFunction(
    (sel: string, source: string) => new RegExp(source).test(document.querySelector(sel)?.textContent ?? ''),
    { timeout },
    selector,
    pattern.source,
  );
}

/** Logs the demo handläggare in through the UI and waits for the first sync and the service worker. */
export async function logIn(browser: Browser, server: BenchServer, n: number): Promise<void> {
  const page = await browser.newPage();
  await page.goto(`${server.url}/`);
  await page.waitForSelector('input[name="username"]');
  await page.type('input[name="username"]', server.demoLogin.username);
  await page.type('input[name="password"]', server.demoLogin.password);
  await page.click('button[type="submit"]');
  await waitForText(page, '.list-count', new RegExp(`\\b${n}\\b`));
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller)
      await new Promise((resolve) =>
        navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }),
      );
  });
  await page.close();
}
