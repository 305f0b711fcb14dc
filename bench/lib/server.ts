/**
 * The real Fältsam server (src/server/server.ts: Hono + PGlite) for the benchmarks, listening on
 * 127.0.0.1 with its data in a fresh temporary folder and serving the build in dist/. Like the e2e
 * harness, stop() and restart() keep the port, so the browser sees the same origin.
 *
 * Creating a PGlite database (initdb + migrations) takes about ten seconds. bench/run.ts therefore
 * makes one migrated data folder with the demo account up front and passes it in
 * FALTSAM_BENCH_DATA_TEMPLATE; each server starts from a copy of it. Run alone, a script makes its
 * own. Either way every figure gets an empty database of its own.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunningServer, startServer } from '../../src/server/server';

export const DIST_DIR = fileURLToPath(new URL('../../dist', import.meta.url));
export const TEMPLATE_ENV = 'FALTSAM_BENCH_DATA_TEMPLATE';
const HOST = '127.0.0.1';
// The server shows the demo passwords only when it makes them; the template keeps them for the copies.
const LOGIN_FILE = 'bench-login.json';

export interface BenchServer {
  /** Origin without trailing slash, e.g. http://127.0.0.1:41234 */
  readonly url: string;
  readonly demoLogin: { username: string; password: string };
  stop(): Promise<void>;
  restart(): Promise<void>;
  /** Stops the server and deletes its data folder. */
  dispose(): Promise<void>;
}

/** Makes a data folder holding a migrated database and the demo account; returns its path. */
export async function makeDataTemplate(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'faltsam-bench-template-'));
  const server = await startServer({ port: 0, hostname: HOST, dataDir: dir, staticDir: DIST_DIR });
  await server.close();
  const { username, password } = server.demoLogin ?? {};
  await writeFile(join(dir, LOGIN_FILE), JSON.stringify({ username, password }), { mode: 0o600 });
  return dir;
}

/** The demo handläggare's sign-in: shown by this start if it made the demo, else kept by the template. */
export async function demoAccount(
  handle: RunningServer,
  dataDir: string,
): Promise<{ username: string; password: string }> {
  const made = handle.demoLogin;
  if (made?.created && made.password) return { username: made.username, password: made.password };
  return JSON.parse(await readFile(join(dataDir, LOGIN_FILE), 'utf8')) as {
    username: string;
    password: string;
  };
}

export async function startBenchServer(): Promise<BenchServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'faltsam-bench-'));
  const template = process.env[TEMPLATE_ENV];
  if (template) await cp(template, dataDir, { recursive: true });
  let handle: RunningServer | undefined = await startServer({
    port: 0,
    hostname: HOST,
    dataDir,
    staticDir: DIST_DIR,
  });
  const port = handle.port;
  const { username, password } = await demoAccount(handle, dataDir);
  if (!handle.servesApp) throw new Error(`no build in ${DIST_DIR}; run vite build first`);
  if (!password) throw new Error(`the data folder has no demo password (${LOGIN_FILE})`);
  const stop = async () => {
    const current = handle;
    handle = undefined;
    await current?.close();
  };
  return {
    url: `http://${HOST}:${port}`,
    demoLogin: { username, password },
    stop,
    async restart() {
      if (handle) throw new Error('server already running');
      handle = await startServer({ port, hostname: HOST, dataDir, staticDir: DIST_DIR });
    },
    async dispose() {
      await stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
