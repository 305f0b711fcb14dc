// Smoke test of the installed PWA: the built app is served by the real server, its service worker
// takes control, and the app still starts when the network is gone and the server is down.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './harness/axe';
import { collectPageErrors, launchBrowser, newContext, waitForActiveServiceWorker } from './harness/browser';
import { startTestServer, type TestServer } from './harness/server';

/** The login screen: its heading, or failing that its form, once Preact has rendered. */
async function waitForLoginScreen(page: Page): Promise<void> {
  await page.locator('#app').locator('h1, form').first().waitFor({ state: 'visible', timeout: 20_000 });
}

describe('the app shell', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    context = await newContext(browser);
    page = await context.newPage();
    pageErrors = collectPageErrors(page);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.dispose();
  });

  it('renders the login screen when opened from the server', async () => {
    await page.goto(`${server.url}/`);
    await waitForLoginScreen(page);
    expect(await page.getAttribute('html', 'lang')).toBe('sv');
    // Uncaught exceptions and CSP violations (the server's policy is strict) are bugs; failed
    // network requests are not, so only those two kinds are checked here.
    expect(
      pageErrors.filter((e) => e.startsWith('pageerror') || e.includes('Content Security Policy')),
    ).toEqual([]);
  });

  it('installs the service worker, which controls the page after a reload', async () => {
    expect(await waitForActiveServiceWorker(page)).toBe(`${server.url}/sw.js`);
    await page.reload();
    await waitForLoginScreen(page);
    const scriptUrl = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? null);
    expect(scriptUrl).toBe(`${server.url}/sw.js`);
  });

  it('passes axe (WCAG 2.1 A/AA) on the login screen', async () => {
    await expectNoAxeViolations(page, 'Logga in');
  });

  it('starts from the service worker with the network off and the server stopped', async () => {
    await context.setOffline(true);
    await server.stop();
    await page.reload();
    await waitForLoginScreen(page);
    // A deep link must get the same shell (navigation route), not a network error page.
    await page.goto(`${server.url}/arenden`);
    await waitForLoginScreen(page);
    await expectNoAxeViolations(page, 'Logga in (offline)');
  });

  it('reaches the server again once it is back on the same origin', async () => {
    await server.restart();
    await context.setOffline(false);
    // /api is never answered by the service worker, so any HTTP status (even 404) proves the
    // request reached the restarted server; a network error would reject instead.
    const status = await page.evaluate(async () => {
      try {
        return (await fetch('/api/', { cache: 'no-store' })).status;
      } catch {
        return 'network error';
      }
    });
    expect(typeof status).toBe('number');
    await page.reload();
    await waitForLoginScreen(page);
  });
});
