/**
 * GET /api/aggregates/{karnindikatorer,kartlaggning,progression,sip,moten}: the coordinator's
 * published figures for the user's förbund. Only a koordinator may read them; every figure has
 * passed disclosure control on the server, and no ärende id, code or single response is sent.
 */
import { type Context, Hono } from 'hono';
import type { z } from 'zod';
import { Halvar, halvar } from '../../domain/aggregation/periods';
import { IsoDate } from '../../domain/arende';
import { requireAuth } from '../auth/middleware';
import type { AppEnv, Deps } from '../context';
import { ApiError } from '../errors';
import { kartlaggningReport } from '../services/aggregates/kartlaggning';
import { karnindikatorReport } from '../services/aggregates/likert';
import { motenReport } from '../services/aggregates/moten';
import { progressionReport } from '../services/aggregates/progression';
import { sipReport } from '../services/aggregates/sip';

const stockholmDay = (now: Date) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(now);

function query<S extends z.ZodType>(
  c: Context<AppEnv>,
  name: string,
  schema: S,
  fallback: string,
): z.output<S> {
  const raw = c.req.query(name) ?? fallback;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? 'Ogiltigt värde.';
    throw new ApiError(400, 'ogiltig_begaran', message, { [name]: message });
  }
  return parsed.data;
}

export function aggregateRoutes(deps: Deps): Hono<AppEnv> {
  const { sql, clock } = deps;
  const app = new Hono<AppEnv>();
  app.use('/aggregates/*', requireAuth(deps), async (c, next) => {
    if (c.get('user').role !== 'koordinator')
      throw new ApiError(403, 'ej_behorig', 'Bara en koordinator kan se sammanställningarna.');
    await next();
  });

  app.get('/aggregates/karnindikatorer', async (c) => {
    const period = query(c, 'period', Halvar, halvar(stockholmDay(clock())));
    return c.json(await karnindikatorReport(sql, c.get('user').forbundId, period));
  });
  app.get('/aggregates/kartlaggning', async (c) => {
    const date = query(c, 'datum', IsoDate, stockholmDay(clock()));
    return c.json(await kartlaggningReport(sql, c.get('user').forbundId, date));
  });
  app.get('/aggregates/progression', async (c) =>
    c.json(await progressionReport(sql, c.get('user').forbundId)),
  );
  app.get('/aggregates/sip', async (c) => c.json(await sipReport(sql, c.get('user').forbundId)));
  app.get('/aggregates/moten', async (c) => c.json(await motenReport(sql, c.get('user').forbundId)));
  return app;
}
