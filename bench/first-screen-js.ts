/**
 * Figure 1 – first_screen_js_gzip (KB, budget 50) and first_screen_has_chartjs (0/1, budget 0).
 *
 * The first screen is the lock screen or the login (src/ui/App.tsx): the unlocked app, the sync
 * client, the schemas (zod) and the English catalogue load after it (issue 17 lowered 80 → 50).
 *
 * Method: reads the build in dist/ (made by `vite build` just before, see package.json "bench").
 * The first screen's JS is every `<script type="module" src>` and `<link rel="modulepreload" href>`
 * in dist/index.html, plus, transitively, every chunk those files import statically. Static
 * imports are found by parsing each chunk with Vite's own parser (parseAst): `import … from`,
 * `import "…"`, `export … from` and `export * from` count; dynamic `import()` does not, because
 * the browser only fetches those when the code runs them. Each file is gzipped on its own with
 * node:zlib at level 9 (as a server would send it) and the sizes are summed; 1 KB = 1024 bytes.
 *
 * chart.js detection: a file counts as holding chart.js code if it contains one of a few string
 * literals that are unique to chart.js and survive minification (its error messages). The script
 * first checks that each marker really occurs in node_modules/chart.js (ESM and minified UMD
 * builds), so a chart.js upgrade that drops a marker fails the bench instead of silently reading 0.
 * (vite.config.ts also fails the build when chart.js is statically reachable from an entry.)
 */
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { parseAst } from 'vite';
import { emit, note, round, runFigure } from './lib/report';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');
const CHART_JS_DIST = join(ROOT, 'node_modules', 'chart.js', 'dist');
const CHART_JS_MARKERS = [
  'Canvas is already in use',
  "Failed to create chart: can't acquire context from the given item",
  'is not a registered',
];

/** Script and modulepreload URLs of index.html, as absolute paths on the origin ("/assets/x.js"). */
function entryUrls(html: string): string[] {
  const urls: string[] = [];
  for (const tag of html.match(/<(script|link)\b[^>]*>/gi) ?? []) {
    const attr = (name: string) => new RegExp(`\\b${name}\\s*=\\s*["']([^"']*)["']`, 'i').exec(tag)?.[1];
    const isModuleScript = /^<script/i.test(tag) && attr('type') === 'module' && attr('src');
    const isPreload = /^<link/i.test(tag) && attr('rel')?.toLowerCase() === 'modulepreload' && attr('href');
    if (isModuleScript) urls.push(attr('src') as string);
    else if (isPreload) urls.push(attr('href') as string);
  }
  return urls.map((u) => new URL(u, 'http://app.invalid/').pathname);
}

/** Specifiers of the static imports and re-exports of one ES module. */
function staticImports(code: string, file: string): string[] {
  const ast = parseAst(code, { lang: 'js' }, file) as unknown as {
    body: { type: string; source?: { value?: unknown } | null }[];
  };
  const out: string[] = [];
  for (const node of ast.body) {
    const isStatic =
      node.type === 'ImportDeclaration' ||
      node.type === 'ExportAllDeclaration' ||
      (node.type === 'ExportNamedDeclaration' && node.source);
    if (isStatic && typeof node.source?.value === 'string') out.push(node.source.value);
  }
  return out;
}

function checkMarkers(): void {
  for (const file of ['chart.js', 'chart.umd.min.js']) {
    const source = readFileSync(join(CHART_JS_DIST, file), 'utf8');
    for (const m of CHART_JS_MARKERS) {
      if (!source.includes(m)) throw new Error(`chart.js marker "${m}" not found in chart.js/dist/${file}`);
    }
  }
}

async function main(): Promise<void> {
  checkMarkers();
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const queue = entryUrls(html);
  if (queue.length === 0) throw new Error('dist/index.html has no module script');
  const seen = new Set<string>();
  let raw = 0;
  let gz = 0;
  let chart = 0;
  while (queue.length > 0) {
    const url = queue.shift() as string;
    if (seen.has(url)) continue;
    seen.add(url);
    if (!url.endsWith('.js') && !url.endsWith('.mjs')) throw new Error(`unexpected first-screen file ${url}`);
    const code = readFileSync(join(DIST, url));
    raw += code.length;
    gz += gzipSync(code, { level: 9 }).length;
    const text = code.toString('utf8');
    if (CHART_JS_MARKERS.some((m) => text.includes(m))) {
      chart = 1;
      note('first-screen', `chart.js code found in ${url}`);
    }
    for (const spec of staticImports(text, url)) {
      if (!spec.startsWith('.') && !spec.startsWith('/')) throw new Error(`bare import "${spec}" in ${url}`);
      queue.push(spec.startsWith('/') ? spec : posix.join(posix.dirname(url), spec));
    }
  }
  note(
    'first-screen',
    `${seen.size} file(s): ${[...seen].join(', ')}; ${round(raw / 1024)} KB raw, ${round(gz / 1024)} KB gzip -9`,
  );
  emit({ metric: 'first_screen_js_gzip', value: round(gz / 1024), unit: 'KB', budget: 50 });
  emit({ metric: 'first_screen_has_chartjs', value: chart, unit: 'bool', budget: 0 });
}

runFigure('first-screen', main);
