/**
 * Diagnostic, not a figure: what the long tasks of bench/lighthouse.ts's list timespan are. It runs
 * the same span (300 ärenden, mobile preset with devtools throttling: 4× CPU slowdown) and prints
 * Lighthouse's own long-tasks, bootup-time and mainthread-work-breakdown audits of that span, then
 * every main-thread task over 50 ms in the span's trace with the functions a V8 sampling profile
 * (CDP Profiler, recorded in the same span) saw in it. For readable names build without minifying:
 *   npx vite build --minify false && npx tsx bench/lighthouse-list-profile.ts [runs]
 */
import { launch } from 'chrome-launcher';
import { startTimespan } from 'lighthouse';
import puppeteer, { type Browser } from 'puppeteer-core';
import { seedServer } from './lib/node-device';
import { logIn, waitForText } from './lib/puppeteer-login';
import { type BenchServer, startBenchServer } from './lib/server';
import type { CpuProfile, ProfileNode, TraceEvent } from './lib/trace';

const N = 300;
const LIST_PAGE = 200;
const CHROME_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

type Items = { items?: Record<string, unknown>[] };
interface Lhr {
  categories: { performance: { score: number | null } };
  audits: Record<string, { numericValue?: number; details?: Items } | undefined>;
}

function short(url: string | undefined): string {
  if (!url) return '';
  return url.replace(/^https?:\/\/[^/]+/, '').replace(/-[\w-]{8}\.js$/, '.js');
}

/** Self time per function (and per script) of the profile samples between start and end (µs). */
function functionsIn(profile: CpuProfile, start: number, end: number): string[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes as (ProfileNode & { parent?: number })[]) {
    if (n.parent !== undefined) parent.set(n.id, n.parent);
    for (const c of n.children ?? []) parent.set(c, n.id);
  }
  const name = (id: number | undefined): string => {
    const f = id === undefined ? undefined : byId.get(id)?.callFrame;
    return f
      ? `${f.functionName || '(anon)'}@${short(f.url).replace('/assets/', '')}:${f.lineNumber + 1}`
      : '';
  };
  const self = new Map<string, number>();
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    if (t < start || t > end) continue;
    const next = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const node = byId.get(profile.samples[i] as number);
    if (!node) continue;
    const f = node.callFrame;
    const p1 = parent.get(node.id);
    const p2 = p1 === undefined ? undefined : parent.get(p1);
    const p3 = p2 === undefined ? undefined : parent.get(p2);
    const key = `${f.functionName || '(anon)'} ${short(f.url)}:${f.lineNumber + 1}  < ${name(p1)} < ${name(p2)} < ${name(p3)}`;
    self.set(key, (self.get(key) ?? 0) + next);
  }
  return [...self.entries()]
    .filter(([, ms]) => ms >= 3)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 12)
    .map(([k, ms]) => `      ${ms.toFixed(1).padStart(6)} ms  ${k}`);
}

/** The renderer main thread's V8 sampling profile, from the trace's Profile/ProfileChunk events. */
function profileFromTrace(trace: TraceEvent[]): CpuProfile {
  const mainTid = trace.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')?.tid;
  const chunks = trace.filter((e) => e.name === 'ProfileChunk');
  const start =
    trace.find((e) => e.name === 'Profile' && e.tid === mainTid) ?? trace.find((e) => e.name === 'Profile');
  const id = (start as unknown as { id?: string })?.id;
  const profile: CpuProfile = {
    nodes: [],
    startTime: Number((start?.args?.data as { startTime?: number } | undefined)?.startTime ?? 0),
    samples: [],
    timeDeltas: [],
  };
  for (const c of chunks) {
    if ((c as unknown as { id?: string }).id !== id) continue;
    const d = c.args?.data as {
      cpuProfile?: { nodes?: (ProfileNode & { parent?: number })[]; samples?: number[] };
      timeDeltas?: number[];
    };
    profile.nodes.push(...(d.cpuProfile?.nodes ?? []));
    profile.samples.push(...(d.cpuProfile?.samples ?? []));
    profile.timeDeltas.push(...(d.timeDeltas ?? []));
  }
  return profile;
}

function longTasks(trace: TraceEvent[], profile: CpuProfile, clickTs: number): void {
  const main = trace.find((e) => e.name === 'TracingStartedInBrowser')?.args?.data as
    | { frames?: { processId: number; frame: string }[] }
    | undefined;
  const pid = main?.frames?.[0]?.processId;
  const threads = trace.filter((e) => e.name === 'thread_name' && e.pid === pid);
  const tid = threads.find((e) => e.args?.name === 'CrRendererMain')?.tid;
  const tasks = trace.filter(
    (e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.name === 'RunTask' && (e.dur ?? 0) > 50_000,
  );
  let blocking = 0;
  let cpuBlocking = 0;
  for (const task of tasks) {
    const ms = (task.dur ?? 0) / 1000;
    blocking += ms - 50;
    if (task.ts >= clickTs) cpuBlocking += Math.max(0, (task.tdur ?? 0) / 1000 - 50);
    const inside = trace
      .filter(
        (e) =>
          e.pid === pid &&
          e.tid === tid &&
          e.ts >= task.ts &&
          e.ts < task.ts + (task.dur ?? 0) &&
          e.ph === 'X' &&
          e.name !== 'RunTask' &&
          (e.dur ?? 0) > 4000,
      )
      .map((e) => {
        const d = e.args?.data as { url?: string; functionName?: string } | undefined;
        return `${e.name}${d?.url ? ` ${short(d.url)}` : ''}${d?.functionName ? ` ${d.functionName}` : ''} ${((e.dur ?? 0) / 1000).toFixed(0)}`;
      });
    console.log(
      `  task at +${((task.ts - clickTs) / 1000).toFixed(0)} ms: ${ms.toFixed(0)} ms (CPU ${((task.tdur ?? 0) / 1000).toFixed(0)})`,
    );
    console.log(`    ${inside.slice(0, 14).join(' | ')}`);
    for (const line of functionsIn(profile, task.ts, task.ts + (task.dur ?? 0))) console.log(line);
  }
  console.log(`  sum of (task − 50 ms) over the whole trace: ${blocking.toFixed(0)} ms`);
  // The same from each task's thread time after the click: less dependent on the machine's load.
  console.log(`  sum of (task thread time − 50 ms) after the click: ${cpuBlocking.toFixed(0)} ms`);
  // Thread CPU time (tdur) is less sensitive to other processes' load than wall time.
  const cpu = new Map<string, number>();
  for (const e of trace) {
    if (e.pid !== pid || e.tid !== tid || e.ph !== 'X' || e.ts < clickTs) continue;
    if (
      ![
        'RunTask',
        'Layout',
        'Paint',
        'UpdateLayoutTree',
        'PrePaint',
        'Commit',
        'Layerize',
        'v8.callFunction',
        'FunctionCall',
        'RunMicrotasks',
        'EvaluateScript',
        'MajorGC',
        'MinorGC',
      ].includes(e.name)
    )
      continue;
    cpu.set(e.name, (cpu.get(e.name) ?? 0) + (e.tdur ?? 0) / 1000);
  }
  const frames = trace.filter(
    (e) => e.pid === pid && e.tid === tid && e.name === 'Layout' && e.ts >= clickTs,
  ).length;
  console.log(
    `  CPU ms after the click: ${[...cpu].map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}; ${frames} layouts`,
  );
}

function printAudit(lhr: Lhr, id: string, keys: string[]): void {
  const audit = lhr.audits[id];
  console.log(`${id}: ${audit?.numericValue ?? ''}`);
  for (const item of audit?.details?.items?.slice(0, 12) ?? [])
    console.log(
      `  ${keys.map((k) => `${k}=${typeof item[k] === 'number' ? (item[k] as number).toFixed(0) : short(String(item[k]))}`).join(' ')}`,
    );
}

async function profileOnce(browser: Browser, server: BenchServer): Promise<void> {
  const page = await browser.newPage();
  try {
    await page.goto(`${server.url}/`);
    await page.waitForSelector('input[name="unlock-secret"]');
    await page.type('input[name="unlock-secret"]', server.demoLogin.password);
    const span = await startTimespan(page as never, {
      flags: {
        onlyCategories: ['performance'],
        disableStorageReset: true,
        logLevel: 'error',
        additionalTraceCategories: 'disabled-by-default-v8.cpu_profiler',
      },
    });
    await page.evaluate(() => performance.mark('bench-click'));
    await page.click('button[type="submit"]');
    await waitForText(page, '.list-count', new RegExp(`\\b${N}\\b`));
    await page.waitForFunction(
      (rows: number) => document.querySelectorAll('.arende-table tbody tr').length >= rows,
      { timeout: 90_000 },
      Math.min(N, LIST_PAGE),
    );
    if (process.env.SHOT) {
      await page.evaluate(() => document.querySelector('.list-count')?.scrollIntoView());
      await page.screenshot({ path: process.env.SHOT as `${string}.png`, fullPage: false });
    }
    const result = await span.endTimespan();
    if (!result) throw new Error('Lighthouse returned no result');
    const lhr = result.lhr as unknown as Lhr;
    const trace = (result.artifacts as unknown as { Trace: { traceEvents: TraceEvent[] } }).Trace.traceEvents;
    const click = trace.find((e) => e.name === 'bench-click')?.ts ?? trace[0]?.ts ?? 0;
    const profile = profileFromTrace(trace);
    console.log(
      `score ${(lhr.categories.performance.score ?? 0) * 100}, TBT ${lhr.audits['total-blocking-time']?.numericValue}, CLS ${lhr.audits['cumulative-layout-shift']?.numericValue}`,
    );
    printAudit(lhr, 'long-tasks', ['url', 'startTime', 'duration']);
    printAudit(lhr, 'bootup-time', ['url', 'total', 'scripting', 'scriptParseCompile']);
    printAudit(lhr, 'mainthread-work-breakdown', ['groupLabel', 'duration']);
    console.log('main-thread tasks over 50 ms (trace), with profile self time:');
    longTasks(trace, profile, click);
  } finally {
    await page.close();
  }
}

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 2);
  const server = await startBenchServer();
  const chrome = await launch({ chromePath: '/usr/bin/chromium', chromeFlags: CHROME_FLAGS });
  try {
    const { username, password } = server.demoLogin;
    await seedServer(server.url, username, password, N);
    const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}` });
    await logIn(browser, server, N);
    for (let i = 0; i < runs; i++) {
      console.log(`--- run ${i + 1}`);
      await profileOnce(browser, server);
    }
    await browser.disconnect();
  } finally {
    chrome.kill();
    await server.dispose();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
