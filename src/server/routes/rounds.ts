/**
 * Half-year survey rounds: POST /rounds (a koordinator opens one for a period, enheter and HALVÅR
 * forms) and GET /rounds (the förbund's open rounds, which devices cache to run offline).
 */
import { Hono } from 'hono';
import { HALVAR_FORM_IDS } from '../../domain/instrument/form-ids';
import { FORMS } from '../../domain/instrument/forms';
import { NewHalvarRound } from '../../domain/instrument/round';
import { requireAuth } from '../auth/middleware';
import type { AppEnv, Deps } from '../context';
import { ApiError } from '../errors';
import { readBody } from '../http';
import { enheterOfForbund, insertRound, openRounds } from '../store/responses';

export function roundRoutes(deps: Deps): Hono<AppEnv> {
  const { sql, clock } = deps;
  const app = new Hono<AppEnv>();
  const auth = requireAuth(deps);

  app.post('/rounds', auth, async (c) => {
    const user = c.get('user');
    if (user.role !== 'koordinator')
      throw new ApiError(403, 'ej_behorig', 'Bara en koordinator kan starta en enkätomgång.');
    const body = await readBody(c, NewHalvarRound);
    const found = await enheterOfForbund(sql, user.forbundId, body.enhetIds);
    if (found.length !== body.enhetIds.length) {
      const message = 'En vald enhet finns inte i förbundet.';
      throw new ApiError(400, 'ogiltig_begaran', message, { enhetIds: message });
    }
    const id = await insertRound(sql, {
      ...body,
      forbundId: user.forbundId,
      createdBy: user.id,
      now: clock(),
    });
    if (!id)
      throw new ApiError(
        409,
        'omgang_finns',
        `Det finns redan en enkätomgång för ${body.period} i förbundet.`,
      );
    const [round] = await openRounds(sql, user.forbundId, id);
    return c.json({ round }, 201);
  });

  app.get('/rounds', auth, async (c) => {
    const user = c.get('user');
    if (user.role === 'admin')
      throw new ApiError(403, 'ej_behorig', 'En administratör deltar inte i enkätomgångar.');
    const rounds = await openRounds(sql, user.forbundId);
    if (user.role !== 'respondent') return c.json({ rounds });
    // A respondent sees only the rounds that ask their group, and only their group's form.
    const own = HALVAR_FORM_IDS.filter((f) => FORMS[f].respondent === user.respondentGroup);
    return c.json({
      rounds: rounds
        .map((r) => ({ ...r, formIds: r.formIds.filter((f) => own.includes(f)) }))
        .filter((r) => r.formIds.length > 0),
    });
  });

  return app;
}
