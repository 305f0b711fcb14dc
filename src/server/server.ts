/**
 * The only module that listens. Opens the database (PostgreSQL when DATABASE_URL is set, else
 * PGlite in DATA_DIR under the folder's lock), backs it up and migrates it, sets up the demo on a
 * first start outside production, and serves the API and the built app — over HTTPS/HTTP/2 with
 * TLS_CERT/TLS_KEY. With PGlite it also opens the admin socket the `faltsam` command uses. Run
 * directly (`tsx src/server/server.ts`) it reads its settings from the environment (config.ts) and
 * shuts down gracefully on SIGTERM and SIGINT.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildApp } from './app';
import { type DemoLogin, ensureDemoData, removeLegacyLoginFile } from './demo';
import { startGallringSchedule } from './gallring-schedule';
import { type AdminSocket, adminSocketApp, listenAdminSocket } from './ops/admin-socket';
import { backupBeforeMigrating } from './ops/backup';
import { waitForDataLock } from './ops/data-lock';
import { holdServerPresence } from './ops/pg-presence';
import { configFromEnv } from './runtime/config';
import { type Listener, listen, type TlsFiles } from './runtime/listen';
import { consoleLogger, faultFields, jsonLogger, type Logger } from './runtime/log';
import { startReleaseSchedule } from './services/aggregates/releases';
import { migrate } from './store/migrate';
import { DEFAULT_RETENTION, type RetentionPolicy, startRetentionSchedule } from './store/retention';
import { openPglite, openPostgres, type PgliteSql, type Sql } from './store/sql';
import { keepStatistics } from './store/statistics';

export interface StartOptions {
  /** 0 = any free port. */
  port: number;
  /** PGlite's data (pgdata/), its lock, admin socket and pre-migration backups. Default ./data */
  dataDir?: string;
  /** When set, PostgreSQL is used instead of PGlite. */
  databaseUrl?: string;
  /** The vite build output. Default ./dist */
  staticDir?: string;
  /** Interface to listen on; default all interfaces (config.ts: 127.0.0.1 in production). */
  hostname?: string;
  /** Behind a reverse proxy: client address and scheme from X-Forwarded-For/-Proto. */
  trustProxy?: boolean;
  /** How often gallring runs on its schedule (gallring-schedule.ts); default every six hours. */
  gallringIntervalMs?: number;
  /** NODE_ENV=production: no demo data, a request log. */
  production?: boolean;
  /** HTTPS (HTTP/2 with HTTP/1.1 fallback) with this certificate and key. */
  tls?: TlsFiles;
  /** Default: the console; JSON lines in production (config.ts). */
  log?: Logger;
  /** How long the requests under way get to finish at shutdown. Default 30 s. */
  shutdownTimeoutMs?: number;
  /** How long to wait for the data folder's lock while a `faltsam` command holds it. Default 30 s. */
  lockWaitMs?: number;
  /** How long ended sessions and audit rows are kept (store/retention.ts). */
  retention?: RetentionPolicy;
}

export interface RunningServer {
  url: string;
  port: number;
  /** The demo accounts when this start created them (passwords shown once); null in production. */
  demoLogin: DemoLogin | null;
  /** True when the static folder holds a build. */
  servesApp: boolean;
  /** How many förbund the database holds (0: the start-up message says how to make one). */
  forbundCount: number;
  /** The admin socket's path (PGlite), or null. */
  adminSocket: string | null;
  /**
   * Graceful: stops accepting, lets requests under way finish, closes the database and releases
   * the data folder, so the same dataDir can be opened again.
   */
  close(): Promise<void>;
}

interface Database {
  sql: Sql;
  pglite: PgliteSql | null;
  /** The data folder's lock (PGlite) or the server's presence on the database (PostgreSQL). */
  lock: { release(): Promise<void> } | null;
}

async function openDatabase(options: StartOptions, dataDir: string, log: Logger): Promise<Database> {
  if (options.databaseUrl) {
    const presence = await holdServerPresence(options.databaseUrl);
    try {
      return { sql: await openPostgres(options.databaseUrl), pglite: null, lock: presence };
    } catch (err) {
      await presence.release();
      throw err;
    }
  }
  const lock = await waitForDataLock(dataDir, 'server', options.lockWaitMs ?? 30_000, (busy) =>
    log.warn(
      `Datamappen används av ${busy.holder === 'cli' ? 'kommandot faltsam' : 'en annan server'}; väntar`,
      {
        pid: busy.pid,
      },
    ),
  );
  try {
    const pglite = await openPglite(join(dataDir, 'pgdata'));
    return { sql: pglite, pglite, lock };
  } catch (err) {
    await lock.release();
    throw err;
  }
}

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const log = options.log ?? consoleLogger();
  const dataDir = resolve(options.dataDir ?? 'data');
  const staticDir = resolve(options.staticDir ?? 'dist');
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const db = await openDatabase(options, dataDir, log);
  let adminSocket: AdminSocket | null = null;
  try {
    if (db.pglite) {
      const file = await backupBeforeMigrating(db.pglite, dataDir);
      if (file) log.info('Säkerhetskopia tagen före migrering', { file });
    }
    // Under an advisory lock: of several processes starting at once, one migrates.
    await migrate(db.sql);
    if (await removeLegacyLoginFile(dataDir))
      log.warn('demo-login.txt med demokontonas lösenord är borttagen. Glömt ett lösenord? Se README.');
    const demoLogin = options.production ? null : await ensureDemoData(db.sql);
    const { rows } = await db.sql.query<{ n: number }>('select count(*)::int as n from forbund');
    const servesApp = existsSync(join(staticDir, 'index.html'));
    let draining = false;
    const app = buildApp({
      sql: db.sql,
      staticDir: servesApp ? staticDir : undefined,
      trustProxy: options.trustProxy ?? false,
      https: options.tls !== undefined,
      log: options.production ? log : undefined,
      draining: () => draining,
    });
    if (db.pglite)
      adminSocket = await listenAdminSocket(
        adminSocketApp({ sql: db.pglite, clock: () => new Date() }),
        dataDir,
      );
    const listener: Listener = await listen(app.fetch, {
      port: options.port,
      hostname: options.hostname,
      tls: options.tls,
    });
    // Each closed period's release is made within the hour, or at its first request.
    const stopReleases = startReleaseSchedule(
      db.sql,
      () => new Date(),
      (error) => log.error('Kunde inte göra publiceringar', faultFields(error)),
    );
    const statistics = keepStatistics(db.sql);
    const stopRetention = startRetentionSchedule(
      db.sql,
      () => new Date(),
      options.retention ?? DEFAULT_RETENTION,
      (error) => log.error('Kunde inte gallra sessioner och granskningslogg', faultFields(error)),
    );
    const gallring = startGallringSchedule({
      sql: db.sql,
      ...(options.gallringIntervalMs ? { intervalMs: options.gallringIntervalMs } : {}),
    });
    const socket = adminSocket;
    const shutdown = async () => {
      draining = true;
      await gallring.stop();
      const { forced } = await listener.close(options.shutdownTimeoutMs ?? 30_000);
      if (forced > 0)
        log.warn('Tidsgränsen för nedstängning nåddes: anslutningar med pågående förfrågningar kapades', {
          connections: forced,
        });
      await stopReleases();
      await statistics.stop();
      await stopRetention();
      await socket?.close();
      await db.sql.close();
      await db.lock?.release();
    };
    let closing: Promise<void> | undefined;
    return {
      url: `${listener.https ? 'https' : 'http'}://localhost:${listener.port}`,
      port: listener.port,
      demoLogin,
      servesApp,
      forbundCount: rows[0]?.n ?? 0,
      adminSocket: adminSocket?.path ?? null,
      close: () => {
        closing ??= shutdown();
        return closing;
      },
    };
  } catch (err) {
    await adminSocket?.close();
    await db.sql.close();
    await db.lock?.release();
    throw err;
  }
}

/** The lines printed when the demo accounts were just made (their passwords, this once only). */
export function demoLoginMessage({ username, password, koordinator, admin }: DemoLogin): string {
  if (!password)
    return 'Glömt ett lösenord? Sätt ett nytt engångslösenord med: npx faltsam admin reset-password <användarnamn>';
  return [
    'Demokonton skapade. Lösenorden visas bara nu och sparas inte – skriv upp dem:',
    `  ${username}: ${password}`,
    `  ${koordinator.username}: ${koordinator.password}`,
    `  ${admin.username}: ${admin.password}`,
    'Glömt ett lösenord? Sätt ett nytt engångslösenord med: npx faltsam admin reset-password <användarnamn>',
  ].join('\n');
}

export const NO_FORBUND_MESSAGE =
  'Det finns inget förbund ännu. Skapa det första med: npx faltsam forbund create "<förbundets namn>" --admin <användarnamn>';

async function main(): Promise<void> {
  const config = configFromEnv(process.env);
  const log = config.production ? jsonLogger() : consoleLogger();
  const running = await startServer({ ...config, log });
  if (!running.servesApp)
    log.warn(
      `Hittar ingen byggd app i ${resolve(config.staticDir)} – bara API:et är igång. Kör "npm run build" först (eller "npm start", som bygger åt dig).`,
    );
  if (running.demoLogin?.created) console.log(demoLoginMessage(running.demoLogin));
  if (running.forbundCount === 0) log.info(NO_FORBUND_MESSAGE);
  // Last, so whoever waits for this line (a test, a script) has everything printed before it.
  log.info(`Fältsam körs på ${running.url}`, {
    production: config.production,
    host: config.hostname ?? 'alla',
    https: config.tls !== undefined,
    trustProxy: config.trustProxy,
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`Stänger Fältsam (${signal}): pågående förfrågningar får bli klara`);
    running.close().then(
      () => {
        log.info('Fältsam har stängts');
        process.exit(0);
      },
      (err: unknown) => {
        log.error('Fel vid nedstängning', faultFields(err));
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
