/**
 * For a load balancer or an orchestrator:
 *  - GET /api/health: the process is alive (no database call), 200 { ok: true }.
 *  - GET /api/ready: it can serve — the database answers and has every migration this version
 *    ships — 200 { ready: true }; otherwise 503 with a Swedish reason. While the server shuts down
 *    (SIGTERM) it answers 503 at once, so the balancer sends new requests elsewhere.
 * Neither needs a login, and neither says anything about the data.
 */
import { Hono } from 'hono';
import type { AppEnv, Deps } from '../context';
import { loadMigrations } from '../store/migrate';

const NOT_READY = {
  stanger: 'Servern stängs ned.',
  databas: 'Databasen svarar inte.',
  migrering: 'Databasen har inte alla ändringar som den här versionen behöver.',
} as const;

export function healthRoutes({ sql }: Deps, draining: () => boolean): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const expected = loadMigrations().map((m) => m.version);
  const notReady = (c: { json: (b: unknown, s: 503) => Response }, why: keyof typeof NOT_READY) =>
    c.json({ ready: false, error: { code: 'ej_redo', message: NOT_READY[why] } }, 503);

  app.get('/health', (c) => c.json({ ok: true }));
  app.get('/ready', async (c) => {
    if (draining()) return notReady(c, 'stanger');
    let applied: Set<string>;
    try {
      const { rows } = await sql.query<{ version: string }>('select version from schema_migrations');
      applied = new Set(rows.map((r) => r.version));
    } catch {
      return notReady(c, 'databas');
    }
    if (!expected.every((v) => applied.has(v))) return notReady(c, 'migrering');
    return c.json({ ready: true });
  });
  return app;
}
