/**
 * The one error shape of the API, `{ error: { code, message, fields? } }`, with Swedish messages
 * fit to show a user. Details of server faults (5xx) are logged, never sent.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorBody } from '../domain/sync-protocol';

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
    /** Extra top-level members of the body, next to `error` (e.g. lastSeq on a sequence gap). */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  body(): { error: ErrorBody } & Record<string, unknown> {
    const error: ErrorBody = { code: this.code, message: this.message };
    if (this.fields) error.fields = this.fields;
    return { ...this.extra, error };
  }
}

export const MESSAGES = {
  serverFel: 'Något gick fel på servern. Försök igen om en stund.',
  finnsInte: 'Adressen finns inte.',
  ejInloggad: 'Din inloggning har gått ut. Logga in igen.',
  felInloggning: 'Fel användarnamn eller lösenord.',
  ogiltigJson: 'Begäran kunde inte läsas: innehållet är inte giltig JSON. Inget har ändrats.',
  forStor: 'Begäran är för stor. Inget har ändrats.',
} as const;

export const unauthorized = () => new ApiError(401, 'ej_inloggad', MESSAGES.ejInloggad);

export function errorResponse(err: Error, c: Context): Response {
  if (err instanceof ApiError) return c.json(err.body(), err.status);
  if (err instanceof HTTPException && err.status < 500) {
    const status = err.status as ContentfulStatusCode;
    return c.json({ error: { code: 'ogiltig_begaran', message: 'Begäran kunde inte tas emot.' } }, status);
  }
  console.error('[faltsam] server fault on', c.req.method, c.req.path, err);
  return c.json({ error: { code: 'serverfel', message: MESSAGES.serverFel } }, 500);
}

export function notFoundResponse(c: Context): Response {
  return c.json({ error: { code: 'finns_inte', message: MESSAGES.finnsInte } }, 404);
}
