/**
 * Builds bench/browser/entry.ts with Vite's build API (lib mode, one minified iife, no public
 * folder, none of the app's plugins) into bench/.out/browser/, for device-create.ts to inject into
 * a page. bench/run.ts builds it while the server template is being made and passes the file in
 * FALTSAM_BENCH_BUNDLE; run alone, device-create.ts builds it itself.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

export const BUNDLE_ENV = 'FALTSAM_BENCH_BUNDLE';
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OUT_DIR = fileURLToPath(new URL('../.out/browser', import.meta.url));
const FILE_NAME = 'faltsam-bench.iife.js';

/** Builds the bundle; returns the path of the script. */
export async function buildBrowserBundle(): Promise<string> {
  await build({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    publicDir: false,
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      outDir: OUT_DIR,
      emptyOutDir: true,
      target: 'es2022',
      minify: true,
      lib: {
        entry: fileURLToPath(new URL('../browser/entry.ts', import.meta.url)),
        formats: ['iife'],
        name: 'faltsamBenchBundle',
        fileName: () => FILE_NAME,
      },
    },
  });
  return `${OUT_DIR}/${FILE_NAME}`;
}

/** The bundle's source: the one bench/run.ts built, or a fresh build. */
export async function browserBundleSource(): Promise<string> {
  const path = process.env[BUNDLE_ENV] || (await buildBrowserBundle());
  return readFile(path, 'utf8');
}
