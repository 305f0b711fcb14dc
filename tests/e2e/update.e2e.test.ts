// A new version of the app never takes over by itself: the page shows "Ny version finns –
// uppdatera", the old version keeps running until the user chooses "Uppdatera nu", and then the
// page reloads under the new service worker.
import { appendFile, cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './harness/axe';
import { launchBrowser, newContext, waitForActiveServiceWorker } from './harness/browser';
import { DIST_DIR, startTestServer, type TestServer } from './harness/server';

describe('a new version of the app', () => {
  let build: string;
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    build = await mkdtemp(join(tmpdir(), 'faltsam-build-'));
    await cp(DIST_DIR, build, { recursive: true });
    server = await startTestServer({ staticDir: build });
    browser = await launchBrowser();
    page = await (await newContext(browser)).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
    await rm(build, { recursive: true, force: true });
  });

  const waitingWorker = () =>
    page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration())?.waiting));

  it('waits for the user before taking over', async () => {
    await page.goto(`${server.url}/`);
    await waitForActiveServiceWorker(page);
    // Deploy a new version: any byte change of sw.js makes the browser install it.
    // The build's precompressed copies go with it, as a real deploy replaces them (the server
    // would otherwise send the old sw.js.br to a browser that accepts brotli).
    await appendFile(join(build, 'sw.js'), '\n// version 2\n');
    await rm(join(build, 'sw.js.br'), { force: true });
    await rm(join(build, 'sw.js.gz'), { force: true });
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    const banner = page.getByText('Ny version finns – uppdatera');
    await banner.waitFor({ timeout: 30_000 });
    expect(await waitingWorker()).toBe(true);
    await expectNoAxeViolations(page, 'Logga in med uppdateringsbanner');
  });

  it('reloads under the new version when the user chooses to update', async () => {
    const reloaded = page.waitForEvent('load', { timeout: 30_000 });
    await page.getByRole('button', { name: 'Uppdatera nu' }).click();
    await reloaded;
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await waitingWorker()).toBe(false);
    expect(await page.getByText('Ny version finns – uppdatera').count()).toBe(0);
  });
});
