/**
 * The REST client. `fetch` is passed in (the browser's, the service worker's, or a test's that
 * routes into the in-process server). Every answer is parsed with the shared schemas; failures are
 * sorted by cause: NetworkError (no answer), DeadlineError (no whole answer within the request's
 * deadline: the request is aborted), ApiError (an answer with a status). Every request has a
 * deadline, body included, so a connection that never answers cannot hold a sync round (and the
 * Web Lock around it) open.
 */
import type { z } from 'zod';
import { type LoginRequest, LoginResponse, SessionUser } from '../domain/account';
import { ApiErrorResponse, type ErrorBody } from '../domain/api-error';
import { HalvarRoundCreated, HalvarRoundsResponse, type NewHalvarRound } from '../domain/instrument/round';
import { KollegaList } from '../domain/overlamning';

import { DEADLINES, withDeadline } from './deadline';
import { ApiError, NetworkError } from './errors';

export { DEADLINES } from './deadline';
export { ApiError, DeadlineError, NetworkError } from './errors';

export type FetchLike = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

export interface ApiClientOptions {
  baseUrl?: string;
  fetch: FetchLike;
  getToken: () => Promise<string | undefined>;
  /** Overrides DEADLINES (tests use shorter ones against a fault proxy). */
  deadlines?: Partial<Record<keyof typeof DEADLINES, number>>;
}

export type ApiClient = ReturnType<typeof createApiClient>;

const SERVER_FAULT: ErrorBody = {
  code: 'serverfel',
  message: 'Servern svarade inte som väntat. Försök igen om en stund.',
};

export function createApiClient({
  baseUrl = '',
  fetch: doFetch,
  getToken,
  deadlines = {},
}: ApiClientOptions) {
  const limits = { ...DEADLINES, ...deadlines };

  async function call<S extends z.ZodType>(
    method: string,
    path: string,
    schema: S | null,
    body?: unknown,
    deadline: number = limits.request,
  ): Promise<z.infer<S>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const token = await getToken();
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    // The body is read within the same deadline: a server may send headers and then stall.
    const { res, json } = await withDeadline(deadline, async (signal) => {
      let res: Response;
      try {
        res = await doFetch(`${baseUrl}${path}`, {
          method,
          headers,
          body: body === undefined ? null : JSON.stringify(body),
          signal,
        });
      } catch (e) {
        throw new NetworkError(e);
      }
      const json: unknown = res.status === 204 ? null : await res.json().catch(() => undefined);
      return { res, json };
    });
    if (!res.ok) {
      const parsed = ApiErrorResponse.safeParse(json);
      throw new ApiError(res.status, parsed.success ? parsed.data.error : SERVER_FAULT);
    }
    if (schema === null) return undefined as z.infer<S>;
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new ApiError(502, SERVER_FAULT);
    return parsed.data;
  }

  return {
    /** Any JSON call, parsed with `schema` (null: no body expected); used by the admin client. */
    request: <S extends z.ZodType>(method: string, path: string, schema: S | null, body?: unknown) =>
      call(method, path, schema, body),
    /** GET /api/health with a short deadline: true when the server answers. Never throws. */
    health: (): Promise<boolean> =>
      call('GET', '/api/health', null, undefined, limits.probe).then(
        () => true,
        () => false,
      ),
    /** `newPassword` replaces a one-time password (see domain/first-login.ts). */
    login: (req: LoginRequest & { newPassword?: string }) =>
      call('POST', '/api/sessions', LoginResponse, req, limits.login),
    logout: () => call('DELETE', '/api/sessions/current', null),
    me: () => call('GET', '/api/me', SessionUser),
    handlaggare: (enhetId: string) =>
      call('GET', `/api/enheter/${encodeURIComponent(enhetId)}/handlaggare`, KollegaList),
    rounds: () => call('GET', '/api/rounds', HalvarRoundsResponse),
    createRound: (req: NewHalvarRound) => call('POST', '/api/rounds', HalvarRoundCreated, req),
  };
}
