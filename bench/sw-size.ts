/**
 * sw_js_gzip (KB, budget 20) and sw_js_has_dexie_or_zod (0/1, budget 0): the service worker as
 * the browser downloads it at install and at every update check.
 *
 * Method: reads dist/sw.js from the build made just before (`vite build`), gzips it with node:zlib
 * at level 9 (as a server would send it); 1 KB = 1024 bytes. The worker is one file (vite-plugin-
 * pwa bundles it with its imports). Dexie and zod are detected by string literals that survive
 * minification (Dexie's error names, zod's issue codes); the script checks first that each marker
 * really occurs in the package, so an upgrade that drops one fails the bench instead of reading 0.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { emit, note, round, runFigure } from './lib/report';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MARKERS: [string, string, string][] = [
  ['dexie', join(ROOT, 'node_modules/dexie/dist/dexie.mjs'), 'DatabaseClosedError'],
  ['zod', join(ROOT, 'node_modules/zod/v4/core/errors.js'), '$ZodError'],
];

async function main(): Promise<void> {
  const code = readFileSync(join(ROOT, 'dist', 'sw.js'));
  const gz = gzipSync(code, { level: 9 }).length;
  const text = code.toString('utf8');
  let found = 0;
  for (const [pkg, file, marker] of MARKERS) {
    if (!readFileSync(file, 'utf8').includes(marker)) throw new Error(`marker "${marker}" not in ${pkg}`);
    if (text.includes(marker)) {
      found = 1;
      note('sw-size', `${pkg} code found in sw.js`);
    }
  }
  note('sw-size', `dist/sw.js: ${round(code.length / 1024)} KB raw, ${round(gz / 1024)} KB gzip -9`);
  emit({ metric: 'sw_js_gzip', value: round(gz / 1024), unit: 'KB', budget: 20 });
  emit({ metric: 'sw_js_has_dexie_or_zod', value: found, unit: 'bool', budget: 0 });
}

runFigure('sw-size', main);
