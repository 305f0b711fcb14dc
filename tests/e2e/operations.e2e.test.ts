// Issue 14 in the browser. An operator gives the demo admin a one-time password with the `faltsam`
// command (a child process, through the running server's admin socket); the login screen asks
// for an own password before anything else, signs in with it, and the old one no longer works.
// And the built app as it travels: every text file of dist/ has brotli and gzip copies that decode
// to it, Chromium is sent the brotli ones (with Vary), and the service worker's precache — fetched
// compressed — holds the plain files, so the app starts offline with the server stopped.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFaltsam } from '../helpers/processes';
import { expectNoAxeViolations } from './harness/axe';
import { launchBrowser, newContext, waitForActiveServiceWorker } from './harness/browser';
import { DIST_DIR, startTestServer, type TestServer } from './harness/server';

const ONE_TIME = 'engangs-losenord-fran-cli';
const OWN = 'adminens-eget-losenord';

describe('operations in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    context = await newContext(browser);
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('has brotli and gzip copies of every text file in the build, each decoding to the file', async () => {
    const files = (await readdir(DIST_DIR, { recursive: true })).filter((f) =>
      /\.(js|css|html|svg|webmanifest)$/.test(f),
    );
    expect(files).toContain('sw.js');
    for (const file of files) {
      const plain = await readFile(join(DIST_DIR, file));
      const br = await readFile(join(DIST_DIR, `${file}.br`)).catch(() => null);
      const gz = await readFile(join(DIST_DIR, `${file}.gz`)).catch(() => null);
      // A copy is left out only where it would not be smaller (tiny files).
      if (plain.length > 1024) expect(br && gz, file).toBeTruthy();
      if (br) expect(brotliDecompressSync(br).equals(plain), `${file}.br`).toBe(true);
      if (gz) expect(gunzipSync(gz).equals(plain), `${file}.gz`).toBe(true);
    }
  });

  it('sends Chromium the brotli copies with Vary, and the precache keeps the plain files for offline use', async () => {
    const encodings = new Map<string, string | undefined>();
    page.on('response', (res) => {
      const path = new URL(res.url()).pathname;
      if (/\.(js|css|html)$|^\/$/.test(path)) encodings.set(path, res.headers()['content-encoding']);
    });
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { name: 'Logga in' }).waitFor();
    await waitForActiveServiceWorker(page);
    expect(encodings.get('/')).toBe('br');
    const scripts = [...encodings].filter(([path]) => path.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    // Every script that has a brotli copy is sent as brotli; a file too small for brotli to
    // shrink has none (vite.config.ts writes a copy only when it is smaller) and is sent plain.
    for (const [path, enc] of scripts)
      expect(enc, path).toBe(existsSync(join(DIST_DIR, `${path}.br`)) ? 'br' : undefined);
    expect(scripts.filter(([, enc]) => enc === 'br').length).toBeGreaterThan(0);
    const head = await fetch(`${server.url}/`, { headers: { 'Accept-Encoding': 'br' } });
    expect(head.headers.get('vary')).toBe('Accept-Encoding');

    // The precache holds what the files say, not brotli bytes: compare one with dist/.
    const asset = scripts[0]?.[0] ?? '';
    const cached = await page.evaluate(async (path) => {
      for (const name of await caches.keys()) {
        const hit = await (await caches.open(name)).match(path, { ignoreSearch: true });
        if (hit) return hit.text();
      }
      return null;
    }, asset);
    expect(cached).toBe(await readFile(join(DIST_DIR, asset), 'utf8'));

    await context.setOffline(true);
    await server.stop();
    await page.reload();
    await page.getByRole('heading', { name: 'Logga in' }).waitFor();
    await server.restart();
    await context.setOffline(false);
  });

  it('makes the admin choose an own password after a one-time one from the faltsam command', async () => {
    const reset = await runFaltsam(['admin', 'reset-password', 'admin', '--password-stdin'], {
      env: { DATA_DIR: server.dataDir },
      stdin: ONE_TIME,
    });
    expect(reset.code, reset.stderr).toBe(0);

    const office = await newContext(browser);
    const tab = await office.newPage();
    try {
      await tab.goto(`${server.url}/`);
      await tab.getByLabel('Användarnamn').fill('admin');
      await tab.getByLabel('Lösenord', { exact: true }).fill(ONE_TIME);
      await tab.getByRole('button', { name: 'Logga in' }).click();
      await tab.getByText('Du har fått ett tillfälligt lösenord').waitFor();
      await expectNoAxeViolations(tab, 'Logga in: välj eget lösenord');
      await tab.getByLabel('Nytt lösenord').fill(OWN);
      await tab.getByLabel('Upprepa det nya lösenordet').fill(`${OWN}x`);
      await tab.getByRole('button', { name: 'Byt lösenord och logga in' }).click();
      await tab.getByText('Lösenorden är inte lika.').waitFor();
      await tab.getByLabel('Upprepa det nya lösenordet').fill(OWN);
      await tab.getByRole('button', { name: 'Byt lösenord och logga in' }).click();
      await tab.getByRole('table', { name: 'Användare i förbundet' }).waitFor();
    } finally {
      await office.close();
    }
    const signIn = (password: string) =>
      fetch(`${server.url}/api/sessions`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password }),
      });
    expect((await signIn(ONE_TIME)).status).toBe(401);
    expect((await signIn(OWN)).status).toBe(201);
  });
});
