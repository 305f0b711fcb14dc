/**
 * GET /api/aggregates/releases and GET /api/aggregates/{karnindikatorer,kartlaggning,progression,
 * sip,moten}?period=: the coordinator's releases for the user's förbund. Only a koordinator may
 * read them. A release is for a closed reference period (a halvår, for the kartläggning a month)
 * and never changes once made; no other date or period can be asked for (see
 * services/aggregates/releases.ts). No ärende id, code or single response is ever sent.
 */
import { Hono } from 'hono';
import { AGGREGATE_AREAS, type AggregateArea } from '../../domain/aggregation/report';
import { requireAuth } from '../auth/middleware';
import type { AppEnv, Deps } from '../context';
import { ApiError } from '../errors';
import { checkPeriod, readRelease, releasePeriods } from '../services/aggregates/releases';

const isArea = (a: string): a is AggregateArea => (AGGREGATE_AREAS as readonly string[]).includes(a);

export function aggregateRoutes(deps: Deps): Hono<AppEnv> {
  const { sql, clock } = deps;
  const app = new Hono<AppEnv>();
  app.use('/aggregates/*', requireAuth(deps), async (c, next) => {
    if (c.get('user').role !== 'koordinator')
      throw new ApiError(403, 'ej_behorig', 'Bara en koordinator kan se sammanställningarna.');
    await next();
  });

  app.get('/aggregates/releases', (c) => c.json(releasePeriods(clock())));
  app.get('/aggregates/:area', async (c) => {
    const area = c.req.param('area');
    if (!isArea(area)) throw new ApiError(404, 'hittades_inte', 'Det finns inget sådant område.');
    const now = clock();
    const periods = releasePeriods(now);
    const period =
      c.req.query('period') ?? (area === 'kartlaggning' ? periods.manader[0] : periods.halvar[0]);
    checkPeriod(area, period ?? '', now);
    return c.json(await readRelease(sql, c.get('user').forbundId, area, period ?? '', now));
  });
  return app;
}
