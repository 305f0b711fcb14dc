/** GET /enheter/:id/handlaggare: the colleagues an ärende of that enhet can be handed over to. */
import { Hono } from 'hono';
import { isId } from '../../domain/id';
import type { KollegaList } from '../../domain/overlamning';
import { requireAuth } from '../auth/middleware';
import type { AppEnv, Deps } from '../context';
import { ApiError, MESSAGES } from '../errors';
import { mayDoCasework } from '../services/casework-policies';
import { handlaggareOfEnhet } from '../store/casework';

export function enhetRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/enheter/:id/handlaggare', requireAuth(deps), async (c) => {
    const id = c.req.param('id');
    if (!isId(id)) throw new ApiError(404, 'finns_inte', MESSAGES.finnsInte);
    const user = c.get('user');
    if (!mayDoCasework(user)) throw new ApiError(403, 'ej_behorig', 'Bara handläggare lämnar över ärenden.');
    // Audited as a refusal like every 4xx (refusal-audit.ts), naming the enhet tried.
    if (!user.enhetIds.includes(id))
      throw new ApiError(403, 'ej_behorig', 'Du har inte behörighet till den enheten.').about({
        entity: 'enhet',
        recordId: id,
      });
    const body: KollegaList = { handlaggare: await handlaggareOfEnhet(deps.sql, user.forbundId, id) };
    return c.json(body);
  });

  return app;
}
