/**
 * Diagnostic, not a figure: where an unlock's time goes (bench/cold-start.ts's
 * unlock_to_5000_listed_ms). Same set-up as cold-start.ts (5,000 ärenden, first sync in Chromium,
 * offline), then per run a new page opens on the lock screen and, from the unlock's submit to the
 * first frame with all 5,000 listed, records a Chromium trace (main-thread tasks, IndexedDB) and a
 * V8 sampling profile (CDP Profiler). Prints the span, the renderer main thread's busy time, its
 * longest tasks, its busiest functions and the trace events that took the most time; writes the
 * profiles and traces to DIR. For readable names build without minifying:
 *   npx vite build --minify false && npx tsx bench/unlock-profile.ts [runs] [DIR]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { waitForActiveServiceWorker } from '../tests/e2e/harness/browser';
import { note, round } from './lib/report';
import {
  countSource,
  fillLogin,
  markNextSubmit,
  seededSetup,
  submitTime,
  timeToListed,
} from './lib/seeded-login';
import type { CpuProfile, TraceEvent } from './lib/trace';

const N = 5000;
const SCOPE = 'unlock-profile';
const RUNS = Number(process.argv[2] ?? 3);
const DIR = process.argv[3] ?? '/tmp/unlock-profile';
/** Pause before a page is closed (the first page after its sync, each unlocked page); cold-start.ts has none. */
const SETTLE_MS = Number(process.env.SETTLE_MS ?? 1500);

async function profiledUnlock(browser: Browser, page: Page, secret: string, i: number): Promise<void> {
  await page.waitForFunction(
    () => document.querySelector('h1')?.textContent === 'Fältsam är låst',
    undefined,
    {
      polling: 'raf',
      timeout: 30_000,
    },
  );
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await page.getByLabel('Upplåsningskod', { exact: true }).fill(secret);
  await markNextSubmit(page);
  await browser.startTracing(page, {
    categories: [
      'devtools.timeline',
      'disabled-by-default-devtools.timeline',
      'v8',
      'blink',
      'IndexedDB',
      'toplevel',
      'v8.execute',
    ],
  });
  await cdp.send('Profiler.start');
  await page.getByRole('button', { name: 'Lås upp' }).click();
  const shown = await timeToListed(page, N, 30_000);
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
  const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
  const submitAt = await submitTime(page);
  // performance.now() → trace clock: the page's navigationStart mark in the trace is its time origin.
  writeFileSync(join(DIR, `unlock-${i}.cpuprofile`), JSON.stringify(profile));
  writeFileSync(join(DIR, `unlock-${i}.trace.json`), JSON.stringify(trace));
  summarise(trace.traceEvents, profile, round(shown - submitAt, 0));
}

function summarise(events: TraceEvent[], profile: CpuProfile, spanMs: number): void {
  const main = events.find(
    (e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && hasTasks(e),
  );
  function hasTasks(t: TraceEvent) {
    return events.some(
      (e) => e.pid === t.pid && e.tid === t.tid && e.name === 'RunTask' && (e.dur ?? 0) > 10_000,
    );
  }
  console.log(`\n=== unlock → listed ${spanMs} ms`);
  if (main) {
    const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X');
    const tasks = onMain.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask');
    const busy = tasks.reduce((s, e) => s + (e.dur ?? 0), 0) / 1000;
    console.log(`renderer main: ${tasks.length} tasks, busy ${round(busy, 0)} ms`);
    const t0 = Math.min(...tasks.map((e) => e.ts));
    for (const t of [...tasks].sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0)).slice(0, 8)) {
      const inner = onMain
        .filter((e) => e.ts >= t.ts && e.ts < t.ts + (t.dur ?? 0) && e !== t && (e.dur ?? 0) > 2000)
        .map(
          (e) =>
            `${e.name}${e.args?.data?.type ? `(${e.args.data.type})` : ''} ${round((e.dur ?? 0) / 1000, 1)}`,
        )
        .slice(0, 8);
      console.log(
        `  task at +${round((t.ts - t0) / 1000, 0)} ms, ${round((t.dur ?? 0) / 1000, 1)} ms: ${inner.join(', ')}`,
      );
    }
    const byName = new Map<string, number>();
    for (const e of onMain) byName.set(e.name, (byName.get(e.name) ?? 0) + (e.dur ?? 0));
    console.log(
      `  main-thread events by total: ${[...byName]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 14)
        .map(([k, v]) => `${k} ${round(v / 1000, 0)}`)
        .join(', ')}`,
    );
  }
  const idb = events.filter((e) => e.cat.includes('IndexedDB') && e.ph === 'X');
  const idbBy = new Map<string, [number, number]>();
  for (const e of idb) {
    const [n, d] = idbBy.get(e.name) ?? [0, 0];
    idbBy.set(e.name, [n + 1, d + (e.dur ?? 0)]);
  }
  console.log(
    `  IndexedDB events: ${[...idbBy]
      .sort((a, b) => b[1][1] - a[1][1])
      .slice(0, 10)
      .map(([k, [n, d]]) => `${k} ×${n} ${round(d / 1000, 0)} ms`)
      .join('; ')}`,
  );
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, k) => {
    const cf = nodes.get(id)?.callFrame;
    if (!cf) return;
    const name = `${cf.functionName || '(anon)'} ${cf.url.split('/').pop()}:${cf.lineNumber}`;
    self.set(name, (self.get(name) ?? 0) + (profile.timeDeltas[k] ?? 0));
  });
  console.log('  V8 self time:');
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 22))
    console.log(`    ${round(v / 1000, 1)} ms  ${k}`);
}

async function main(): Promise<void> {
  mkdirSync(DIR, { recursive: true });
  const setup = await seededSetup(SCOPE, N);
  const { server, context, browser, page: first } = setup;
  try {
    await fillLogin(first, setup.login);
    await first.getByRole('button', { name: 'Logga in' }).click();
    await first.waitForFunction(
      (source) => new RegExp(source).test(document.querySelector('.list-count')?.textContent ?? ''),
      countSource(N),
      { timeout: 120_000 },
    );
    await waitForActiveServiceWorker(first);
    await first.waitForTimeout(SETTLE_MS); // the snapshot is written after the list settles
    await context.setOffline(true);
    await server.stop();
    await first.close();
    for (let i = 0; i < RUNS; i++) {
      const page = await context.newPage();
      await page.goto(`${server.url}/`, { waitUntil: 'commit' });
      await profiledUnlock(browser, page, setup.login.password, i);
      await page.waitForTimeout(SETTLE_MS);
      await page.close();
    }
    // Reloads, as cold-start.ts's _reload figure: one page unlocked, then reloaded and unlocked.
    const page = await context.newPage();
    await page.goto(`${server.url}/`, { waitUntil: 'commit' });
    await profiledUnlock(browser, page, setup.login.password, RUNS);
    for (let i = 1; i <= RUNS; i++) {
      await page.reload({ waitUntil: 'commit' });
      await profiledUnlock(browser, page, setup.login.password, RUNS + i);
    }
    note(SCOPE, `profiles and traces in ${DIR} (unlock-${RUNS + 1}… after reloads)`);
    await context.close();
  } finally {
    await setup.dispose();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
