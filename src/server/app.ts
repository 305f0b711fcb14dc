/**
 * Builds the Hono app from its parts: security headers, the JSON API under /api, and the built
 * PWA with its SPA fallback. No listening here (server.ts does that), so tests call it in-process.
 */
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { compressJson } from './compress-json';
import type { AppEnv, Deps } from './context';
import { errorResponse, notFoundResponse } from './errors';
import { limitBody } from './http';
import { auditRefusal } from './refusal-audit';
import { requestLog } from './request-log';
import { adminRoutes } from './routes/admin';
import { aggregateRoutes } from './routes/aggregates';
import { enhetRoutes } from './routes/enheter';
import { gallringRoutes } from './routes/gallring';
import { healthRoutes } from './routes/health';
import { roundRoutes } from './routes/rounds';
import { sealedSyncRoutes } from './routes/sealed-sync';
import { sessionRoutes } from './routes/sessions';
import { syncRoutes } from './routes/sync';
import type { Logger } from './runtime/log';
import { createFairGate } from './services/fair-gate';
import { createKeyedTurns } from './services/keyed-turns';
import { writesFirst } from './services/writes-first';
import { serveBuiltApp } from './static';
import { POSTGRES_POOLS, type Sql } from './store/sql';

// A full push batch (500 ärenden with long notes) stays well below this.
const MAX_BODY_BYTES = 10 * 1024 * 1024;
/** How long a pull on PGlite waits at most for its förbund's pushes (services/writes-first.ts). */
const PULL_WAITS_FOR_PUSHES_MS = 5_000;

export interface BuildAppOptions {
  sql: Sql;
  clock?: () => Date;
  /** The vite build output (./dist); without it only the API is served. */
  staticDir?: string;
  /**
   * Behind a reverse proxy: the client address comes from X-Forwarded-For, and the scheme from
   * X-Forwarded-Proto (TRUST_PROXY=1).
   */
  trustProxy?: boolean;
  /** The server itself speaks TLS (TLS_CERT/TLS_KEY): every request is HTTPS. */
  https?: boolean;
  /** Production: a request id and one log line per request, server faults by kind (request-log.ts). */
  log?: Logger;
  /** True while the server shuts down: /api/ready answers 503 and connections are not kept. */
  draining?: () => boolean;
}

// 180 days. Sent only over HTTPS: over plain HTTP a browser ignores it, and a test server or a
// first set-up over http://localhost would otherwise pin a host name to HTTPS.
const HSTS = 'max-age=15552000; includeSubDomains';

export function buildApp({
  sql,
  clock = () => new Date(),
  staticDir,
  trustProxy = false,
  https = false,
  log,
  draining = () => false,
}: BuildAppOptions): Hono<AppEnv> {
  const deps: Deps = { sql, clock, trustProxy, gates: gatesFor(sql) };
  const app = new Hono<AppEnv>();
  if (log) app.use('*', requestLog(log));

  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      },
      // The same as frame-ancestors 'none', for browsers that predate CSP level 2.
      xFrameOptions: 'DENY',
      // The app uses none of these; a script that got in still could not.
      permissionsPolicy: { camera: false, microphone: false, geolocation: false, payment: false, usb: false },
      strictTransportSecurity: false, // set below, on HTTPS only
    }),
  );
  app.use('*', async (c, next) => {
    await next();
    const proto = c.req.header('X-Forwarded-Proto')?.split(',').at(-1)?.trim();
    if (https || (trustProxy && proto === 'https')) c.header('Strict-Transport-Security', HSTS);
    // Shutting down: the answer under way is the connection's last, so it closes and the client
    // opens the next one to another process (or to this server once it is back).
    if (draining()) c.header('Connection', 'close');
  });

  app.use('/api/*', async (c, next) => {
    await next();
    // API answers hold personal case data: never kept by the browser's or a proxy's HTTP cache.
    c.header('Cache-Control', 'no-store');
  });
  app.use('/api/*', limitBody(MAX_BODY_BYTES));

  // JSON compressed on the fly (a first pull of 10,000 ärenden is 6.7 MB raw). Not the sign-in
  // answer: it is small and holds the session token, which no compression oracle should see
  // (BREACH needs a secret and attacker-chosen text in one compressed answer).
  const compressed = compressJson();
  app.use('/api/*', (c, next) => (c.req.path === '/api/sessions' ? next() : compressed(c, next)));

  app.route('/api', healthRoutes(deps, draining));
  app.route('/api', sessionRoutes(deps));
  app.route('/api', syncRoutes(deps));
  app.route('/api', sealedSyncRoutes(deps));
  app.route('/api', roundRoutes(deps));
  app.route('/api', enhetRoutes(deps));
  app.route('/api', adminRoutes(deps));
  app.route('/api', aggregateRoutes(deps));
  app.route('/api', gallringRoutes(deps));
  app.all('/api/*', notFoundResponse);
  app.all('/api', notFoundResponse);

  if (staticDir) serveBuiltApp(app, staticDir);

  app.notFound(notFoundResponse);
  app.onError((err, c) => errorResponse(err, c, (refusal) => auditRefusal(deps, c, refusal), log));
  return app;
}

/**
 * PGlite runs one statement at a time on this thread: one push and one pull at a time keep every
 * other request (a sign-in, /me, another förbund) behind at most those two. On PostgreSQL as
 * many pushes as the push lane has connections, and pulls leave one read connection free.
 */
function gatesFor(sql: Sql): Deps['gates'] {
  return sql.kind === 'pglite'
    ? {
        ...writesFirst({ push: createFairGate(1), pull: createFairGate(1) }, PULL_WAITS_FOR_PUSHES_MS),
        device: createKeyedTurns(),
      }
    : {
        push: createFairGate(POSTGRES_POOLS.push),
        pull: createFairGate(Math.max(1, POSTGRES_POOLS.read - 1)),
        device: createKeyedTurns(),
      };
}
