// The service worker syncs while Fältsam is locked and closed (issue 16), in real Chromium: two
// ärenden saved offline, the app locked and every tab closed; with the network back, Background
// Sync is fired through the DevTools protocol — first with the server stopped, then with the
// reply lost on the way back, then for real. The server holds the two ärenden exactly once;
// IndexedDB and the caches hold no plaintext; reopened and unlocked, the list shows them synced
// and nothing is sent twice.
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newContext, waitForActiveServiceWorker } from './harness/browser';
import { withServerDb } from './harness/db';
import { startTestServer, type TestServer } from './harness/server';
import { arendeForm } from './pages/arende-form-page';
import { arendeList } from './pages/arende-list-page';
import { logIn } from './pages/login-page';
import { unlock } from './pages/unlock-page';

const NOTES = ['Uppföljning med AF bokad till tisdag.', 'Praktikplats på verkstaden diskuterad.'];

/** Every store of the app's databases and every cached response, raw, as one searchable text. */
function rawStorage(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const dump = (name: string) =>
      new Promise<unknown>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const idb = open.result;
          const names = [...idb.objectStoreNames];
          if (names.length === 0) return resolve({});
          const tx = idb.transaction(names, 'readonly');
          const out: Record<string, unknown> = {};
          for (const n of names) {
            const req = tx.objectStore(n).getAll();
            req.onsuccess = () => {
              out[n] = req.result;
            };
          }
          tx.oncomplete = () => {
            idb.close();
            resolve(out);
          };
        };
      });
    const dbs = await indexedDB.databases();
    const out: Record<string, unknown> = {};
    for (const d of dbs) if (d.name) out[d.name] = await dump(d.name);
    for (const key of await caches.keys()) {
      const cache = await caches.open(key);
      for (const req of await cache.keys()) out[req.url] = await (await cache.match(req))?.text();
    }
    return JSON.stringify(out, (_k, v: unknown) =>
      v instanceof ArrayBuffer || v instanceof Uint8Array
        ? new TextDecoder('latin1').decode(v instanceof ArrayBuffer ? new Uint8Array(v) : v)
        : v,
    );
  });
}

/** The server's ärenden with these codes, and how many mutations it has applied, read from its database. */
async function onServer(server: TestServer, codes: readonly string[]) {
  return withServerDb(server, async (sql) => ({
    versions: (
      await sql.query<{ version: number }>(
        `select version from record where entity = 'arende' and data->>'code' = any($1::text[])`,
        [codes],
      )
    ).rows.map((r) => Number(r.version)),
    applied: (await sql.query<{ n: number }>('select count(*)::int as n from applied_mutation')).rows[0]?.n,
  }));
}

describe('the service worker pushes the sealed outbox while the app is locked and closed', () => {
  let server: TestServer;
  let browser: Browser;
  let laptop: BrowserContext;
  let page: Page;
  let cdp: CDPSession;
  let registrationId = '';
  const codes: string[] = [];
  let pushes = 0;
  /** Sealed pushes that got their 200 back to the worker. */
  let answered = 0;
  let pagePushes = 0;
  let loseReply = false;

  /** Fires the worker's Background Sync (tag faltsam-sync) through the DevTools protocol. */
  async function fireSync(lastChance = false): Promise<void> {
    await cdp.send('ServiceWorker.dispatchSyncEvent', {
      origin: server.url,
      registrationId,
      tag: 'faltsam-sync',
      lastChance,
    });
  }

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    laptop = await newContext(browser);
    // Counts the worker's sealed pushes; can let one through to the server and drop its reply.
    await laptop.route('**/api/sync/push-sealed', async (route) => {
      pushes += 1;
      if (!loseReply) {
        const res = await route.fetch().catch(() => null);
        if (!res) return route.abort('connectionrefused');
        if (res.status() === 200) answered += 1;
        return route.fulfill({ response: res });
      }
      loseReply = false;
      await route.fetch();
      return route.abort('connectionreset');
    });
    await laptop.route('**/api/sync/push', async (route) => {
      pagePushes += 1;
      return route.continue();
    });
    page = await laptop.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('saves two ärenden offline, seals them, then locks and closes every tab', async () => {
    await page.goto(`${server.url}/`);
    await logIn(page, server.demoLogin.username, server.demoLogin.password);
    await waitForActiveServiceWorker(page);
    await laptop.setOffline(true);
    const list = arendeList(page);
    const form = arendeForm(page);
    for (const [i, notes] of NOTES.entries()) {
      await list.openNew();
      await form.choose('Kön', i === 0 ? 'Kvinna' : 'Man');
      await form.notes(notes);
      await form.save();
      codes.push(await list.savedCode());
    }
    await list.syncRegion().getByText('Ej synkat: 2').waitFor();
    await page.getByRole('button', { name: 'Lås Fältsam nu' }).click();
    await page.getByRole('heading', { name: 'Fältsam är låst', level: 1 }).waitFor();
    const stored = await rawStorage(page);
    for (const text of [...NOTES, ...codes]) expect(stored, `${text} in storage`).not.toContain(text);
    expect(stored).toContain('"box"');

    // A page of another origin hosts the DevTools session; no Fältsam tab stays open.
    const blank = await laptop.newPage();
    cdp = await laptop.newCDPSession(blank);
    const found = new Promise<string>((resolve) =>
      cdp.on('ServiceWorker.workerRegistrationUpdated', (e) => {
        const r = e.registrations.find((x: { scopeURL: string }) => x.scopeURL.startsWith(server.url));
        if (r) resolve(r.registrationId);
      }),
    );
    await cdp.send('ServiceWorker.enable');
    registrationId = await found;
    await page.close();
  });

  it('sends nothing while the server is down; the boxes stay', async () => {
    await server.stop();
    await laptop.setOffline(false);
    await fireSync().catch(() => {});
    // The worker tries (once for the fired sync; Chromium may also fire the registered sync
    // itself when the network returns – CI once saw two tries) and nothing reaches the server.
    await expect.poll(() => pushes, { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
    await new Promise((r) => setTimeout(r, 1000));
    expect(answered).toBe(0);
    expect(await onServer(server, codes)).toEqual({ versions: [], applied: 0 });
  });

  it('sends again after a lost reply without a duplicate, then has nothing more to send', async () => {
    await server.restart();
    loseReply = true;
    await fireSync().catch(() => {});
    // The server applied the batch; the worker never heard back, so its boxes are still there.
    await expect.poll(() => loseReply, { timeout: 20_000 }).toBe(false);
    await new Promise((r) => setTimeout(r, 1000));
    expect(answered).toBe(0);
    expect(await onServer(server, codes)).toEqual({ versions: [1, 1], applied: 2 });
    await fireSync(true).catch(() => {});
    // Polled without touching the server's database (reading it stops the server).
    await expect.poll(() => answered, { timeout: 30_000 }).toBe(1);
    expect(await onServer(server, codes)).toEqual({ versions: [1, 1], applied: 2 });
  });

  it('reopened and unlocked, the list shows both synced and nothing is sent twice', async () => {
    const before = pushes;
    const pageBefore = pagePushes;
    page = await laptop.newPage();
    await page.goto(`${server.url}/`);
    // The worker's receipts are in storage now: still nothing of the ärenden readable.
    const stored = await rawStorage(page);
    for (const text of [...NOTES, ...codes]) expect(stored, `${text} in storage`).not.toContain(text);
    await unlock(page, server.demoLogin.password);
    const list = arendeList(page);
    await list.showing(2, 2).waitFor();
    await list.syncRegion().getByText('Ej synkat: 0').waitFor({ timeout: 30_000 });
    expect(await list.codes()).toEqual([...codes].sort());
    await list.syncNow();
    await new Promise((r) => setTimeout(r, 1000));
    // The worker had nothing left; the page's outbox was emptied by the receipts: no push at all.
    expect(pushes - before).toBe(0);
    expect(pagePushes - pageBefore).toBe(0);
    expect(await onServer(server, codes)).toEqual({ versions: [1, 1], applied: 2 });
  });
});
