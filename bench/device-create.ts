/**
 * Figure 2 – device_create_1000_arenden (ms, budget 20000) and device_create_arende_median /
 * device_create_arende_p95 (ms per ärende, budget 100).
 *
 * Method: bench/browser/entry.ts is bundled with Vite's build API (lib mode, iife, minified) into
 * bench/.out/browser/ (lib/browser-bundle.ts). The real server (lib/server.ts) serves the built
 * app; Debian's Chromium (the e2e harness's launchBrowser/newContext: headless, sv-SE, fresh
 * profile) opens its origin and waits for the login screen, so the app's own code is loaded and idle as on a real device. The
 * bundle is injected with page.evaluate(source) – the server's CSP forbids inline scripts, but
 * page.evaluate goes through the DevTools protocol, which CSP does not govern. In the page,
 * createMany(1000) creates 1,000 synthetic ärenden one after another with createArende into a fresh
 * IndexedDB database (strict durability, as the app opens it), timing each call and the whole loop
 * with performance.now(); the database is opened before the clock starts and deleted afterwards.
 *
 * Encryption at rest (issue 5): the database gets its data key under a secret at the production
 * PBKDF2 cost (600,000) before the loop; unlock_store_pbkdf2_600k_median is the median of 5
 * unlocks of that envelope (no budget in the issue; it is the wait after typing the secret), and
 * save_arende_encrypted_median is the median save with encryption (budget 20 ms, issue 5).
 *
 * Budgets: saving is an interaction that should answer within 100 ms (the RAIL response limit), so
 * the median and p95 per ärende have budget 100. The total gets 20 s, i.e. 20 ms per save on
 * average with up to 1,000 ärenden on the device: the storage write is only part of what happens
 * in those 100 ms (the form, the navigation and the list re-render take their share).
 * createArende checks a new code against every ärende on the device, so its cost grows with the
 * number already stored; stderr shows the first and the last hundred for that reason.
 */
import { launchBrowser, newContext } from '../tests/e2e/harness/browser';
import type { CreateManyResult } from './browser/entry';
import { browserBundleSource } from './lib/browser-bundle';
import { emit, median, note, percentile, round, runFigure } from './lib/report';
import { startBenchServer } from './lib/server';

const N = 1000;
const SCOPE = 'device-create';

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

async function main(): Promise<void> {
  const source = await browserBundleSource();
  note(SCOPE, `browser bundle: ${round(source.length / 1024)} KB`);
  const server = await startBenchServer();
  const browser = await launchBrowser();
  try {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await page.locator('#app form').first().waitFor({ state: 'visible', timeout: 30_000 });
    await page.evaluate(source);
    const result: CreateManyResult = await page.evaluate(
      (n) =>
        (
          globalThis as unknown as { faltsamBench: { createMany(n: number): Promise<CreateManyResult> } }
        ).faltsamBench.createMany(n),
      N,
    );
    if (result.stored !== N || result.eachMs.length !== N) {
      throw new Error(`created ${result.eachMs.length}, stored ${result.stored}, expected ${N}`);
    }
    note(
      SCOPE,
      `mean per ärende: first 100 ${round(mean(result.eachMs.slice(0, 100)), 2)} ms, last 100 ${round(mean(result.eachMs.slice(-100)), 2)} ms, max ${round(Math.max(...result.eachMs), 1)} ms`,
    );
    note(SCOPE, `data key created at 600,000 iterations in ${round(result.createKeyMs, 0)} ms`);
    emit({
      metric: 'unlock_store_pbkdf2_600k_median',
      value: round(median(result.unlockMs), 0),
      unit: 'ms',
      budget: null,
    });
    // Every save below encrypts the record and its outbox entry (AES-GCM) before its transaction.
    emit({
      metric: 'save_arende_encrypted_median',
      value: round(median(result.eachMs), 2),
      unit: 'ms',
      budget: 20,
    });
    emit({
      metric: 'device_create_1000_arenden',
      value: round(result.totalMs, 0),
      unit: 'ms',
      budget: 20_000,
    });
    emit({
      metric: 'device_create_arende_median',
      value: round(median(result.eachMs), 2),
      unit: 'ms',
      budget: 100,
    });
    emit({
      metric: 'device_create_arende_p95',
      value: round(percentile(result.eachMs, 95), 2),
      unit: 'ms',
      budget: 100,
    });
    await context.close();
  } finally {
    await browser.close();
    await server.dispose();
  }
}

runFigure(SCOPE, main);
