/**
 * GET /api/gallring: what is due for gallring and when, for the admin and the koordinator of the
 * förbund. Counts per month and enhet only (no ärende id or code: a koordinator never sees one).
 */
import { Hono } from 'hono';
import {
  GALLRING_OVERVIEW_MONTHS,
  type GallringGroup,
  type GallringOverview,
  gallringsdatum,
} from '../../domain/gallring';
import { requireAuth } from '../auth/middleware';
import type { AppEnv, Deps } from '../context';
import { ApiError } from '../errors';
import { planGallring } from '../services/gallring';
import { enheterForAggregates } from '../store/aggregates';
import { closedArenden, lastGallringRun } from '../store/gallring';

const monthsAhead = (today: string, n: number) => {
  const m = Number(today.slice(0, 4)) * 12 + Number(today.slice(5, 7)) - 1 + n;
  return `${String(Math.floor(m / 12)).padStart(4, '0')}-${String((m % 12) + 1).padStart(2, '0')}`;
};

export function gallringRoutes(deps: Deps): Hono<AppEnv> {
  const { sql, clock } = deps;
  const app = new Hono<AppEnv>();
  app.get('/gallring', requireAuth(deps), async (c) => {
    const user = c.get('user');
    if (user.role !== 'admin' && user.role !== 'koordinator')
      throw new ApiError(403, 'ej_behorig', 'Bara en administratör eller koordinator kan se gallringen.');
    const plan = await planGallring(sql, user.forbundId, clock());
    const body: GallringOverview = {
      gallringAr: plan.gallringAr,
      today: plan.today,
      groups: plan.gallringAr === null ? [] : await groups(plan.gallringAr, plan.today, plan.held),
      lastRun: await lastGallringRun(sql, user.forbundId),
    };
    return c.json(body);

    async function groups(ar: number, today: string, held: { arendeId: string }[]) {
      const waiting = new Set(held.map((h) => h.arendeId));
      const namn = new Map((await enheterForAggregates(sql, user.forbundId)).map((e) => [e.id, e.namn]));
      const until = monthsAhead(today, GALLRING_OVERVIEW_MONTHS);
      const byKey = new Map<string, GallringGroup>();
      for (const a of await closedArenden(sql, user.forbundId)) {
        const month = gallringsdatum(a.avslutsdatum, ar).slice(0, 7);
        if (month > until) continue;
        const key = `${month}|${a.enhetId}`;
        const g = byKey.get(key) ?? {
          month,
          enhetId: a.enhetId,
          enhetNamn: namn.get(a.enhetId) ?? '',
          count: 0,
          waiting: 0,
        };
        g.count += 1;
        if (waiting.has(a.id)) g.waiting += 1;
        byKey.set(key, g);
      }
      return [...byKey.values()].sort(
        (x, y) => x.month.localeCompare(y.month) || x.enhetId.localeCompare(y.enhetId),
      );
    }
  });
  return app;
}
