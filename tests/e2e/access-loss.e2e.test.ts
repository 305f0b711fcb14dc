// Access loss reaches the device: ärenden a colleague moves to another enhet disappear from the old
// handläggare's device at their next sync — their notes and case work gone from IndexedDB — and
// one the handläggare had edited offline is kept and shown, with the edit, until they remove it.
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/server/auth/users';
import { expectNoAxeViolations } from './harness/axe';
import { launchBrowser, newContext } from './harness/browser';
import { withServerDb } from './harness/db';
import { startTestServer, type TestServer } from './harness/server';
import { createSyncedArenden } from './harness/synced-arenden';
import { arendeForm } from './pages/arende-form-page';
import { arendeList } from './pages/arende-list-page';
import { logIn } from './pages/login-page';

/** Every key of the device database's stores that name records (the values are encrypted). */
async function storedIds(page: Page): Promise<{ records: string[]; outbox: string[] }> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('faltsam');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['records', 'outbox'], 'readonly');
          const keys = tx.objectStore('records').getAllKeys();
          const outbox = tx.objectStore('outbox').getAll();
          tx.oncomplete = () => {
            db.close();
            resolve({
              records: (keys.result as [string, string][]).map(([, id]) => id),
              outbox: (outbox.result as { recordId: string }[]).map((e) => e.recordId),
            });
          };
        };
      }),
  );
}

describe('an ärende moved to another enhet leaves the old handläggare’s device', () => {
  let server: TestServer;
  let browser: Browser;
  let laptop: BrowserContext;
  let page: Page;
  const mover = { username: 'flyttare-e2e', password: `test-${randomUUID()}` };
  const ids: Record<'moved' | 'edited' | 'stays', { id: string; code: string }> = {
    moved: { id: '', code: '' },
    edited: { id: '', code: '' },
    stays: { id: '', code: '' },
  };
  let samtyckeId = '';
  let enheter: Record<string, string> = {};

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

  it('has three ärenden synced, one with a samtycke, the demo handläggare working in NOR', async () => {
    await page.goto(`${server.url}/`);
    await logIn(page, server.demoLogin.username, server.demoLogin.password);
    samtyckeId = await createSyncedArenden(
      page,
      server,
      {
        moved: 'Anteckning som ska följa med ärendet.',
        edited: 'Anteckning före flytten.',
        stays: 'Ärendet stannar här.',
      },
      ids,
      'moved',
    );

    // A colleague in NOR and SKE will move two of them: make the account.
    await withServerDb(server, async (sql) => {
      const e = await sql.query<{ id: string; kod: string; forbund_id: string }>(
        'select id::text, kod, forbund_id::text from enhet',
      );
      enheter = Object.fromEntries(e.rows.map((x) => [x.kod, x.id]));
      await createUser(sql, {
        forbundId: e.rows[0]?.forbund_id ?? '',
        username: mover.username,
        displayName: 'Handläggare Flyttare',
        role: 'handlaggare',
        password: mover.password,
        enhetIds: [enheter.NOR ?? '', enheter.SKE ?? ''],
      });
    });
    expect(samtyckeId).not.toBe('');
    const stored = await storedIds(page);
    expect(stored.records).toEqual(expect.arrayContaining([ids.moved.id, ids.edited.id, samtyckeId]));
  });

  it('edits one of them offline before it hears of the move', async () => {
    await laptop.setOffline(true);
    await arendeList(page).open(ids.edited.code);
    await arendeForm(page).notes('Min ändring som inte har synkats.');
    await arendeForm(page).save();
    await arendeList(page).savedCode();
    await arendeList(page).syncRegion().getByText('Ej synkat: 1').waitFor();
  });

  it('a colleague moves two ärenden to SKE', async () => {
    const login = await fetch(`${server.url}/api/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(mover),
    });
    const { token } = (await login.json()) as { token: string };
    const res = await fetch(`${server.url}/api/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        deviceId: randomUUID(),
        mutations: [ids.moved, ids.edited].map((a, i) => ({
          id: randomUUID(),
          seq: i + 1,
          entity: 'arende',
          recordId: a.id,
          baseVersion: 1,
          changes: { enhetId: enheter.SKE },
          at: new Date().toISOString(),
        })),
      }),
    });
    const body = (await res.json()) as { results: { status: string }[] };
    expect(body.results.map((r) => r.status)).toEqual(['applied', 'applied']);
  });

  it('at the next sync the moved ärende and its samtycke are gone from the list and from IndexedDB', async () => {
    await laptop.setOffline(false);
    const list = arendeList(page);
    await list.syncNow();
    await page
      .getByRole('table')
      .getByRole('link', { name: ids.moved.code })
      .waitFor({ state: 'detached', timeout: 30_000 });
    const stored = await storedIds(page);
    expect(stored.records).not.toContain(ids.moved.id);
    expect(stored.records).not.toContain(samtyckeId);
    expect(stored.records).toContain(ids.stays.id);
    expect(stored.outbox).not.toContain(ids.moved.id);
    // The edited one stays, marked, with the edit the server refused.
    const row = page.getByRole('row', { name: new RegExp(ids.edited.code) });
    await row.getByText('Inte längre ditt').waitFor();
    await list
      .syncRegion()
      .getByText(/Ett ärende du inte längre har tillgång till finns kvar här/)
      .waitFor();
    expect(stored.records).toContain(ids.edited.id);
    await expectNoAxeViolations(page, 'Ärenden med ett ärende som inte längre är ditt');
  });

  it('shows the kept ärende with the unsynced edit and why, and removes it when asked', async () => {
    await arendeList(page).open(ids.edited.code);
    const notice = page.getByRole('region', { name: 'Ärendet finns inte längre hos dig' });
    await notice.waitFor();
    expect(await page.getByLabel('Anteckningar').inputValue()).toBe('Min ändring som inte har synkats.');
    await expectNoAxeViolations(page, 'Ärende som inte längre är ditt');
    await notice.getByRole('button', { name: 'Ta bort ärendet från apparaten' }).click();
    await page.getByText(`Ärende ${ids.edited.code} är borttaget från apparaten.`).waitFor();
    // The notice comes with the navigation; the list reads its rows after it (CI once read none).
    await page.getByRole('table').getByRole('link', { name: ids.stays.code }).waitFor();
    expect(await arendeList(page).codes()).toEqual([ids.stays.code]);
    const stored = await storedIds(page);
    expect(stored.records).not.toContain(ids.edited.id);
    expect(stored.outbox).toEqual([]);
  });

  it('the server kept both in SKE, without the edit that never reached it', async () => {
    const rows = await withServerDb(
      server,
      async (sql) =>
        (
          await sql.query<{ id: string; enhet_id: string; notes: string }>(
            `select id::text, enhet_id::text, data->>'anteckningar' as notes from record where entity = 'arende'`,
          )
        ).rows,
      { restart: false },
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(rows).toHaveLength(3);
    expect(byId.get(ids.moved.id)).toMatchObject({ enhet_id: enheter.SKE });
    expect(byId.get(ids.edited.id)).toMatchObject({
      enhet_id: enheter.SKE,
      notes: 'Anteckning före flytten.',
    });
    expect(byId.get(ids.stays.id)).toMatchObject({ enhet_id: enheter.NOR });
  });
});
