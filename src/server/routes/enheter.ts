/** GET /enheter/:id/handlaggare: the colleagues an ärende of that enhet can be handed over to. */
import { Hono } from 'hono';
import { z } from 'zod';
import type { KollegaList } from '../../domain/overlamning';
import { requireAuth } from '../auth/middleware';
import type { AppEnv, Deps } from '../context';
import { ApiError, MESSAGES } from '../errors';
import { handlaggareOfEnhet } from '../store/casework';

export function enhetRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/enheter/:id/handlaggare', requireAuth(deps), async (c) => {
    const id = c.req.param('id');
    if (!z.uuid().safeParse(id).success) throw new ApiError(404, 'finns_inte', MESSAGES.finnsInte);
    const user = c.get('user');
    if (!user.enhetIds.includes(id))
      throw new ApiError(403, 'ej_behorig', 'Du har inte behörighet till den enheten.');
    const body: KollegaList = { handlaggare: await handlaggareOfEnhet(deps.sql, user.forbundId, id) };
    return c.json(body);
  });

  return app;
}
