// Builds the Fältsam PWA: the Preact app from index.html, the Workbox service worker from sw/sw.ts
// (injectManifest), and the top-level manifest.webmanifest served at a stable /manifest.webmanifest.
import { readFileSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, gzip, constants as zlib } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const MANIFEST_FILE = fileURLToPath(new URL('./manifest.webmanifest', import.meta.url));
const CHART_JS = /node_modules[\\/]chart\.js[\\/]/;

/**
 * Emits the hand-written top-level manifest unchanged as /manifest.webmanifest. The plugin's own
 * manifest generation is off (manifest: false) so the file in the repository is the one truth.
 * In dev Vite already serves root files, so this only matters for the build.
 */
function topLevelManifest(): Plugin {
  return {
    name: 'faltsam:manifest',
    apply: 'build',
    buildStart() {
      this.addWatchFile(MANIFEST_FILE);
    },
    generateBundle() {
      const source = readFileSync(MANIFEST_FILE, 'utf8');
      JSON.parse(source); // fail the build on a broken manifest rather than ship it
      this.emitFile({ type: 'asset', fileName: 'manifest.webmanifest', source });
    },
  };
}

/**
 * Chart.js (~200 kB) is only for the coordinator views and must be loaded with import(). This fails
 * the build if any entry chunk reaches chart.js through static imports, i.e. if it would be
 * downloaded and parsed at start-up by every handläggare.
 */
function chartJsStaysLazy(): Plugin {
  return {
    name: 'faltsam:chart-js-stays-lazy',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const entry of Object.values(bundle)) {
        if (entry.type !== 'chunk' || !entry.isEntry) continue;
        const seen = new Set<string>();
        const queue = [entry.fileName];
        while (queue.length > 0) {
          const name = queue.pop() as string;
          if (seen.has(name)) continue;
          seen.add(name);
          const chunk = bundle[name];
          if (chunk?.type !== 'chunk') continue;
          if (chunk.moduleIds.some((id) => CHART_JS.test(id))) {
            this.error(
              `chart.js is statically reachable from entry ${entry.fileName} (via ${name}); use import().`,
            );
          }
          queue.push(...chunk.imports);
        }
      }
    },
  };
}

const TEXT_FILE = /\.(?:js|mjs|css|html|svg|webmanifest|json|txt)$/;

/**
 * Writes a brotli (.br) and a gzip (.gz) copy beside every text file of the build, which the
 * server sends to browsers that accept them (src/server/static.ts). It runs last, after
 * vite-plugin-pwa has written sw.js with its precache manifest: a plugin that compressed the
 * bundle earlier would ship a compressed sw.js with another manifest than the plain one. A copy
 * that is not smaller than its file is not written. The .br/.gz files are not in the precache
 * (its globPatterns name the plain files; the browser decodes what it is sent).
 */
function precompress(): Plugin {
  let outDir = 'dist';
  const br = promisify(brotliCompress);
  const gz = promisify(gzip);
  return {
    name: 'faltsam:precompress',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    closeBundle: {
      order: 'post',
      sequential: true,
      async handler() {
        const files = (await readdir(outDir, { recursive: true })).filter((f) => TEXT_FILE.test(f));
        await Promise.all(
          files.map(async (file) => {
            const path = join(outDir, file);
            const data = await readFile(path);
            const [b, g] = await Promise.all([
              br(data, {
                params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: data.length },
              }),
              gz(data, { level: 9 }),
            ]);
            if (b.length < data.length) await writeFile(`${path}.br`, b);
            if (g.length < data.length) await writeFile(`${path}.gz`, g);
          }),
        );
      },
    },
  };
}

export default defineConfig({
  // JSX is compiled by Vite's built-in oxc transform; no Preact preset is needed.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    target: 'es2022',
    rolldownOptions: {
      output: {
        // Give the lazily loaded chart code a recognisable chunk name (chart-[hash].js).
        codeSplitting: { groups: [{ name: 'chart', test: CHART_JS }] },
      },
    },
  },
  server: {
    proxy: { '/api': { target: 'http://localhost:8080', changeOrigin: false } },
  },
  plugins: [
    topLevelManifest(),
    chartJsStaysLazy(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'sw',
      filename: 'sw.ts',
      injectRegister: false, // src/ui/pwa/register-sw.ts registers it, so the page can ask before updating
      manifest: false, // manifest.webmanifest at the top level is emitted by topLevelManifest()
      injectManifest: {
        // Everything the app needs to start offline: the shell, its chunks, icons and the manifest.
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
      },
    }),
    precompress(),
  ],
});
