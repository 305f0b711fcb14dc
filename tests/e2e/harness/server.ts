// Runs the real Fältsam server in the test process, serving the built app (dist/) from a temporary
// data folder. stop()/restart() keep the same port and data folder: a service worker and the
// device's IndexedDB belong to the origin (scheme + host + port), so a new port would be a new app.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../../src/server/server';

/** The build that `npm run test:e2e` makes with `vite build` before vitest starts. */
export const DIST_DIR = fileURLToPath(new URL('../../../dist', import.meta.url));

export interface TestServer {
  /** Origin without trailing slash, e.g. http://localhost:41234 */
  readonly url: string;
  readonly port: number;
  /** The server's data folder (PGlite); survives stop()/restart(), removed by dispose(). */
  readonly dataDir: string;
  readonly running: boolean;
  /** The demo account ensureDemoData created on first start (handlaggare + random password). */
  readonly demoLogin: { username: string; password: string };
  /** The demo koordinator (koordinator + its own random password), created beside the handläggare. */
  readonly koordinatorLogin: { username: string; password: string };
  /** The demo admin (admin of the demo förbund, no enheter), created beside the others. */
  readonly adminLogin: { username: string; password: string };
  /** Stops listening (the browser then sees connection refused). Safe to call twice. */
  stop(): Promise<void>;
  /** Starts again on the same port with the same data folder. */
  restart(): Promise<void>;
  /** Stops the server and deletes the data folder. Call in afterAll. */
  dispose(): Promise<void>;
}

/** Asks the OS for a free TCP port by listening on port 0, then releases it. */
export function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, () => {
      const address = probe.address();
      if (address === null || typeof address === 'string') {
        probe.close();
        reject(new Error('Could not determine a free port'));
        return;
      }
      probe.close(() => resolvePort(address.port));
    });
  });
}

/** `staticDir` defaults to the build in dist/; a test that changes the build passes its own copy. */
export async function startTestServer({
  staticDir = DIST_DIR,
}: {
  staticDir?: string;
} = {}): Promise<TestServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'faltsam-e2e-'));
  const port = await findFreePort();
  let handle: Awaited<ReturnType<typeof startServer>> | undefined;

  const start = async (): Promise<void> => {
    handle = await startServer({ port, dataDir, staticDir });
    if (handle.port !== port) throw new Error(`Server listened on ${handle.port}, expected ${port}`);
  };
  const stop = async (): Promise<void> => {
    const current = handle;
    handle = undefined;
    await current?.close();
  };

  await start();
  const created = handle?.demoLogin;
  if (!created?.password) throw new Error('The fresh data folder did not get a demo account with a password');
  const demoLogin = { username: created.username, password: created.password };
  const koordinator = created.koordinator;
  if (!koordinator.password) throw new Error('The fresh data folder did not get a demo koordinator');
  const koordinatorLogin = { username: koordinator.username, password: koordinator.password };
  const admin = created.admin;
  if (!admin.password) throw new Error('The fresh data folder did not get a demo admin');
  const adminLogin = { username: admin.username, password: admin.password };
  return {
    demoLogin,
    koordinatorLogin,
    adminLogin,
    url: `http://localhost:${port}`,
    port,
    dataDir,
    get running() {
      return handle !== undefined;
    },
    stop,
    async restart() {
      if (handle) throw new Error('restart() called while the server is running; call stop() first');
      await start();
    },
    async dispose() {
      await stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
