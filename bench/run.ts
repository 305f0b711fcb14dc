/**
 * `npm run bench` (after `vite build`): runs each figure script in its own Node process, one after
 * another so they do not compete for the CPU, and passes their JSON lines through to stdout:
 *   first-screen-js.ts  first_screen_js_gzip, first_screen_has_chartjs            (figure 1)
 *   device-create.ts    device_create_1000_arenden (+ median, p95 per ärende)     (figure 2)
 *   sync-10000.ts       push_10000_s (+ whole round), pull_10000_s                 (figure 3)
 *   cold-start.ts       unlock_to_5000_listed_ms (+ _reload), lock screen        (figure 4)
 *   first-sync-chromium.ts first_sync_10000_chromium_s (login → 10,000 listed)    (issue 15)
 *   aggregation-100k.ts aggregation_100k_responses (koordinator aggregates, issue 6)
 *   guard-corpus.ts     guard_corpus_* recall per format and false positives (issue 12)
 *   guard-time.ts       guard_1mb_ms, guard_1mb_no_spaces_ms, guard_linear_ratio (issue 12)
 *   push-guard.ts       push_500_notes_4000_chars_ms, health during the largest push (issue 12)
 *   sw-size.ts          sw_js_gzip, sw_js_has_dexie_or_zod (the service worker, issue 16)
 *   bytes-on-wire.ts    first_screen_bytes_on_wire, pull_10000_bytes_on_wire (compression, issue 14)
 *   lighthouse.ts       lighthouse_mobile_login, _lock, _list (+ FCP, LCP, TBT)     (issue 17)
 * Each script explains its method at its top. A separate process per figure keeps one figure's
 * heap, IndexedDB polyfill and browser from affecting the next. Before the scripts run, one
 * migrated server data folder is made and shared as a template (see lib/server.ts); meanwhile the
 * browser bundle of device-create.ts is built and figure 1, which measures no time, runs.
 * Exits non-zero when a script fails or does not print every figure it owes; the figures that
 * could be taken are still printed.
 */
import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { BUNDLE_ENV, buildBrowserBundle } from './lib/browser-bundle';
import { type Figure, note, round } from './lib/report';
import { makeDataTemplate, TEMPLATE_ENV } from './lib/server';

interface Script {
  file: string;
  metrics: string[];
  /** Longer than SCRIPT_TIMEOUT_MS for a script that needs it. */
  timeoutMs?: number;
}

const SCRIPTS: Script[] = [
  { file: 'first-screen-js.ts', metrics: ['first_screen_js_gzip', 'first_screen_has_chartjs'] },
  {
    file: 'device-create.ts',
    metrics: [
      'unlock_store_pbkdf2_600k_median',
      'save_arende_encrypted_median',
      'device_create_1000_arenden',
      'device_create_arende_median',
      'device_create_arende_p95',
    ],
  },
  { file: 'sync-10000.ts', metrics: ['push_10000_s', 'push_10000_round_s', 'pull_10000_s'] },
  {
    file: 'cold-start.ts',
    metrics: [
      'cold_start_offline_lock_screen',
      'unlock_to_5000_listed_ms',
      'unlock_to_5000_listed_reload_ms',
    ],
  },
  { file: 'first-sync-chromium.ts', metrics: ['first_sync_10000_chromium_s'] },
  { file: 'aggregation-100k.ts', metrics: ['aggregation_100k_responses'] },
  {
    file: 'guard-corpus.ts',
    metrics: [
      'guard_corpus_recall_min_pct',
      'guard_corpus_missed_max_pct',
      'guard_corpus_false_positive_pct',
      'guard_corpus_kind_right_min_pct',
    ],
  },
  {
    file: 'guard-time.ts',
    metrics: ['guard_1mb_ms', 'guard_1mb_no_spaces_ms', 'guard_1mb_hostile_max_ms', 'guard_linear_ratio'],
  },
  {
    file: 'push-guard.ts',
    metrics: [
      'push_500_notes_4000_chars_ms',
      'health_during_push_500_notes_max_ms',
      'push_largest_refused_ms',
      'health_during_largest_push_validation_max_ms',
      'push_largest_allowed_ms',
      'health_during_largest_push_max_ms',
    ],
  },
  { file: 'sw-size.ts', metrics: ['sw_js_gzip', 'sw_js_has_dexie_or_zod'] },
  { file: 'bytes-on-wire.ts', metrics: ['first_screen_bytes_on_wire', 'pull_10000_bytes_on_wire'] },
  {
    file: 'lighthouse.ts',
    metrics: ['lighthouse_mobile_login', 'lighthouse_mobile_lock', 'lighthouse_mobile_list'],
    // Nine Lighthouse runs (three screens, three each) plus seeding; several minutes under load.
    timeoutMs: 480_000,
  },
];

/** A script that hangs is stopped after this long and counts as failed. */
const SCRIPT_TIMEOUT_MS = 240_000;

function isFigure(value: unknown): value is Figure {
  const f = value as Figure;
  return (
    typeof f === 'object' &&
    f !== null &&
    typeof f.metric === 'string' &&
    typeof f.value === 'number' &&
    typeof f.unit === 'string' &&
    (f.budget === null || typeof f.budget === 'number')
  );
}

/** Runs one script; forwards its figures; returns the problems found (empty when all is well). */
async function runScript(script: Script, env: NodeJS.ProcessEnv): Promise<string[]> {
  const path = fileURLToPath(new URL(script.file, import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', path], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const timer = setTimeout(() => child.kill('SIGTERM'), script.timeoutMs ?? SCRIPT_TIMEOUT_MS);
  const seen = new Set<string>();
  const problems: string[] = [];
  const lines = createInterface({ input: child.stdout });
  lines.on('line', (line) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      parsed = undefined;
    }
    if (isFigure(parsed)) {
      seen.add(parsed.metric);
      process.stdout.write(`${JSON.stringify(parsed)}\n`);
    } else if (line.trim() !== '') {
      note('run', `${script.file} printed a line that is not a figure: ${line}`);
    }
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  if (code !== 0) problems.push(`${script.file} exited with ${code ?? 'a signal (timeout?)'}`);
  const missing = script.metrics.filter((m) => !seen.has(m));
  if (missing.length > 0) problems.push(`${script.file} did not measure ${missing.join(', ')}`);
  return problems;
}

async function main(): Promise<number> {
  const started = performance.now();
  let t = performance.now();
  const [first, ...timed] = SCRIPTS as [Script, ...Script[]];
  const problems: string[] = [];
  // Nothing is timed while these run side by side: the template, the bundle and file sizes.
  const [template, bundle, firstProblems] = await Promise.all([
    makeDataTemplate(),
    buildBrowserBundle(),
    runScript(first, process.env),
  ]);
  problems.push(...firstProblems);
  note('run', `template, bundle and ${first.file} took ${round((performance.now() - t) / 1000, 1)} s`);
  const env = { ...process.env, [TEMPLATE_ENV]: template, [BUNDLE_ENV]: bundle };
  try {
    for (const script of timed) {
      t = performance.now();
      problems.push(...(await runScript(script, env)));
      note('run', `${script.file} took ${round((performance.now() - t) / 1000, 1)} s`);
    }
  } finally {
    await rm(template, { recursive: true, force: true });
  }
  note('run', `all scripts took ${round((performance.now() - started) / 1000, 1)} s`);
  for (const p of problems) note('run', `NOT MEASURED: ${p}`);
  return problems.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    note('run', `FAILED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  },
);
