/**
 * Bytes on the wire (issue 14: compression) – first_screen_bytes_on_wire (KB, budget 100) and
 * pull_10000_bytes_on_wire (KB, budget 2048, i.e. 2 MB).
 *
 * Method: the real server (lib/server.ts: Hono + PGlite, serving the build in dist/ with its
 * precompressed .br/.gz copies) on 127.0.0.1.
 *  1. first_screen_bytes_on_wire: a fresh Chromium profile opens the app and waits for the login
 *     screen; the figure is the sum of CDP Network.loadingFinished encodedDataLength (headers and
 *     body as received, compressed) of the page's requests until then. The service worker's
 *     precache downloads afterwards, in its own target, and is not counted (it is reported on
 *     stderr as the first visit's total). Budget: the first screen's JS budget (80 KB gzip) plus
 *     20 KB for the HTML, CSS, manifest, icon and headers.
 *  2. pull_10000_bytes_on_wire: 10,000 synthetic ärenden are pushed by a device as the app would
 *     (lib/node-device.ts seedServer); then a fresh client pulls them all the way the app does (pages
 *     of 500 from cursor 0) sending Chromium's `Accept-Encoding: gzip, deflate, br, zstd`, each page
 *     on its own connection; the figure is the bytes read from those sockets (status line, headers
 *     and compressed body). The uncompressed size is reported on stderr. 1 KB = 1024 bytes.
 */
// First: Dexie looks for indexedDB when it loads (see sync-10000.ts).
import 'fake-indexeddb/auto';
import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { launchBrowser, newContext } from '../tests/e2e/harness/browser';
import { seedServer } from './lib/node-device';
import { emit, note, round, runFigure } from './lib/report';
import { type BenchServer, startBenchServer } from './lib/server';

const SCOPE = 'bytes-on-wire';
const N = 10_000;
const PAGE = 500;
const KB = 1024;

async function firstScreen(server: BenchServer): Promise<void> {
  const browser = await launchBrowser();
  try {
    const context = await newContext(browser);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    let bytes = 0;
    let counting = true;
    let all = 0;
    cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => {
      all += e.encodedDataLength;
      if (counting) bytes += e.encodedDataLength;
    });
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { name: 'Logga in' }).waitFor();
    counting = false;
    emit({ metric: 'first_screen_bytes_on_wire', value: round(bytes / KB, 1), unit: 'KB', budget: 100 });
    await page.waitForTimeout(3000);
    note(
      SCOPE,
      `the page's requests in its first 3 s, precache by the service worker not included: ${round(all / KB, 1)} KB`,
    );
  } finally {
    await browser.close();
  }
}

/** One GET on its own connection; the bytes read from the socket and the body's decoded size. */
function get(
  url: string,
  token: string,
): Promise<{ wire: number; body: Buffer; encoding: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      agent: false,
      headers: { Authorization: `Bearer ${token}`, 'Accept-Encoding': 'gzip, deflate, br, zstd' },
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => {
        const socket = res.socket;
        resolve({
          wire: socket.bytesRead,
          body: Buffer.concat(chunks),
          encoding: res.headers['content-encoding'],
        });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

async function pull(server: BenchServer): Promise<void> {
  const { username, password } = server.demoLogin;
  await seedServer(server.url, username, password, N);
  const login = await fetch(`${server.url}/api/sessions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const { token } = (await login.json()) as { token: string };
  let wire = 0;
  let raw = 0;
  let records = 0;
  for (let cursor = '0'; ; ) {
    const page = await get(`${server.url}/api/sync/pull?cursor=${cursor}&limit=${PAGE}`, token);
    wire += page.wire;
    const text =
      page.encoding === 'gzip'
        ? gunzipSync(page.body)
        : page.encoding === 'br'
          ? brotliDecompressSync(page.body)
          : page.body;
    raw += text.length;
    const json = JSON.parse(text.toString('utf8')) as {
      changes: unknown[];
      cursor: string;
      hasMore: boolean;
    };
    records += json.changes.length;
    cursor = json.cursor;
    if (!json.hasMore) break;
  }
  if (records !== N) throw new Error(`pulled ${records} records, expected ${N}`);
  note(
    SCOPE,
    `pull of ${N}: ${round(raw / KB / KB, 2)} MB of JSON, ${round(wire / KB / KB, 2)} MB on the wire`,
  );
  emit({ metric: 'pull_10000_bytes_on_wire', value: round(wire / KB, 1), unit: 'KB', budget: 2048 });
}

async function main(): Promise<void> {
  const server = await startBenchServer();
  try {
    await firstScreen(server);
    await pull(server);
  } finally {
    await server.dispose();
  }
}

runFigure(SCOPE, main);
