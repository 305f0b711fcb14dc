/**
 * The only module that listens. Opens the database (PostgreSQL when DATABASE_URL is set, else
 * PGlite in DATA_DIR), migrates it, sets up the demo on first start, and serves the API and the
 * built app. Run directly (`tsx src/server/server.ts`) it reads its settings from the environment.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serve } from '@hono/node-server';
import { buildApp } from './app';
import { type DemoLogin, ensureDemoData } from './demo';
import { startGallringSchedule } from './gallring-schedule';
import { startReleaseSchedule } from './services/aggregates/releases';
import { migrate } from './store/migrate';
import { openPglite, openPostgres } from './store/sql';
import { keepStatistics } from './store/statistics';

export interface StartOptions {
  /** 0 = any free port. */
  port: number;
  /** PGlite's data and demo-login.txt live here. Default ./data */
  dataDir?: string;
  /** When set, PostgreSQL is used instead of PGlite. */
  databaseUrl?: string;
  /** The vite build output. Default ./dist */
  staticDir?: string;
  /** Interface to listen on; default all interfaces. */
  hostname?: string;
  /** Behind a reverse proxy: take the client address from X-Forwarded-For. */
  trustProxy?: boolean;
  /** How often gallring runs on its schedule (gallring-schedule.ts); default every six hours. */
  gallringIntervalMs?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  demoLogin: DemoLogin;
  /** True when the static folder holds a build. */
  servesApp: boolean;
  /** Stops listening and closes the database, so the same dataDir can be opened again. */
  close(): Promise<void>;
}

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const dataDir = resolve(options.dataDir ?? 'data');
  const staticDir = resolve(options.staticDir ?? 'dist');
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const sql = options.databaseUrl
    ? await openPostgres(options.databaseUrl)
    : await openPglite(join(dataDir, 'pgdata'));
  try {
    await migrate(sql);
    const demoLogin = await ensureDemoData(sql, { dataDir });
    const servesApp = existsSync(join(staticDir, 'index.html'));
    const app = buildApp({
      sql,
      staticDir: servesApp ? staticDir : undefined,
      trustProxy: options.trustProxy ?? false,
    });
    const server = await listen(app.fetch, options.port, options.hostname);
    // Each closed period's release is made within the hour, or at its first request.
    const stopReleases = startReleaseSchedule(
      sql,
      () => new Date(),
      (error) => console.error('Kunde inte göra publiceringar:', error),
    );
    const port = (server.address() as AddressInfo).port;
    const statistics = keepStatistics(sql);
    const gallring = startGallringSchedule({
      sql,
      ...(options.gallringIntervalMs ? { intervalMs: options.gallringIntervalMs } : {}),
    });
    return {
      url: `http://localhost:${port}`,
      port,
      demoLogin,
      servesApp,
      close: async () => {
        await gallring.stop();
        await new Promise<void>((done) => {
          server.close(() => done());
          // Keep-alive connections would otherwise hold close() open for seconds.
          server.closeAllConnections();
        });
        await stopReleases();
        await statistics.stop();
        await sql.close();
      },
    };
  } catch (err) {
    await sql.close();
    throw err;
  }
}

function listen(
  fetch: (req: Request) => Response | Promise<Response>,
  port: number,
  hostname?: string,
): Promise<Server> {
  return new Promise((resolveServer, reject) => {
    const server = serve({ fetch, port, ...(hostname ? { hostname } : {}) }) as Server;
    server.once('error', reject);
    server.once('listening', () => {
      server.off('error', reject);
      resolveServer(server);
    });
  });
}

/** The line printed at start: how to log in to the demo accounts, as far as their passwords are kept. */
export function demoLoginMessage({ username, password, koordinator, admin }: DemoLogin): string {
  if (password && koordinator.password && admin.password)
    return `Logga in som ${username} med lösenord ${password}, som ${koordinator.username} med lösenord ${koordinator.password} eller som ${admin.username} med lösenord ${admin.password}`;
  if (password && koordinator.password)
    return `Logga in som ${username} med lösenord ${password} eller som ${koordinator.username} med lösenord ${koordinator.password}`;
  if (password) return `Logga in med användarnamn ${username} och lösenord ${password}`;
  return 'Demokontots lösenord finns inte sparat längre (demo-login.txt saknas i datamappen).';
}

async function main(): Promise<void> {
  const env = process.env;
  const staticDir = env.STATIC_DIR ?? 'dist';
  const running = await startServer({
    port: Number(env.PORT ?? 8080),
    dataDir: env.DATA_DIR ?? 'data',
    databaseUrl: env.DATABASE_URL || undefined,
    staticDir,
    hostname: env.HOST || undefined,
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
  });
  console.log(`Fältsam körs på ${running.url}`);
  if (!running.servesApp) {
    console.log(
      `Hittar ingen byggd app i ${resolve(staticDir)} – bara API:et är igång. Kör "npm run build" först (eller "npm start", som bygger åt dig).`,
    );
  }
  console.log(demoLoginMessage(running.demoLogin));

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`Stänger Fältsam (${signal}) …`);
    running.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((err: unknown) => {
    console.error('Fältsam kunde inte starta:', err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
