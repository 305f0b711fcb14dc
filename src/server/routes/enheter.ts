/** GET /enheter/:id/handlaggare: the colleagues an ärende of that enhet can be handed over to. */
import { Hono } from 'hono';
import { z } from 'zod';
import type { KollegaList } from '../../domain/overlamning';
import { requireAuth } from '../auth/middleware';
import type { AppEnv, Deps } from '../context';
import { ApiError, MESSAGES } from '../errors';
import { mayDoCasework } from '../services/casework-policies';
import { writeAudit } from '../store/audit';
import { handlaggareOfEnhet } from '../store/casework';

export function enhetRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/enheter/:id/handlaggare', requireAuth(deps), async (c) => {
    const id = c.req.param('id');
    if (!z.uuid().safeParse(id).success) throw new ApiError(404, 'finns_inte', MESSAGES.finnsInte);
    const user = c.get('user');
    if (!mayDoCasework(user)) throw new ApiError(403, 'ej_behorig', 'Bara handläggare lämnar över ärenden.');
    if (!user.enhetIds.includes(id)) {
      await writeAudit(deps.sql, {
        forbundId: user.forbundId,
        userId: user.id,
        deviceId: user.deviceId,
        action: 'refused',
        entity: 'enhet',
        recordId: id,
        at: deps.clock(),
      });
      throw new ApiError(403, 'ej_behorig', 'Du har inte behörighet till den enheten.');
    }
    const body: KollegaList = { handlaggare: await handlaggareOfEnhet(deps.sql, user.forbundId, id) };
    return c.json(body);
  });

  return app;
}
