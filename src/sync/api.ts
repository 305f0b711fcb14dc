/**
 * The REST client. `fetch` is passed in (the browser's, the service worker's, or a test's that
 * routes into the in-process server). Every answer is parsed with the shared schemas; failures are
 * sorted by cause: NetworkError (no answer), ApiError (an answer with a status).
 */
import type { z } from 'zod';
import { type LoginRequest, LoginResponse, SessionUser } from '../domain/account';
import { HalvarRoundCreated, HalvarRoundsResponse, type NewHalvarRound } from '../domain/instrument/round';
import { KollegaList } from '../domain/overlamning';
import {
  ApiErrorResponse,
  type ErrorBody,
  PullResponse,
  type PushRequest,
  PushResponse,
} from '../domain/sync-protocol';

import { ApiError, NetworkError } from './errors';

export { ApiError, NetworkError } from './errors';

export type FetchLike = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

export interface ApiClientOptions {
  baseUrl?: string;
  fetch: FetchLike;
  getToken: () => Promise<string | undefined>;
}

export type ApiClient = ReturnType<typeof createApiClient>;

const SERVER_FAULT: ErrorBody = {
  code: 'serverfel',
  message: 'Servern svarade inte som väntat. Försök igen om en stund.',
};

export function createApiClient({ baseUrl = '', fetch: doFetch, getToken }: ApiClientOptions) {
  async function call<S extends z.ZodType>(
    method: string,
    path: string,
    schema: S | null,
    body?: unknown,
  ): Promise<z.infer<S>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const token = await getToken();
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await doFetch(`${baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? null : JSON.stringify(body),
      });
    } catch (e) {
      throw new NetworkError(e);
    }
    const json: unknown = res.status === 204 ? null : await res.json().catch(() => undefined);
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
    request: call,
    /** `newPassword` replaces a one-time password (see domain/first-login.ts). */
    login: (req: LoginRequest & { newPassword?: string }) =>
      call('POST', '/api/sessions', LoginResponse, req),
    logout: () => call('DELETE', '/api/sessions/current', null),
    push: (req: PushRequest) => call('POST', '/api/sync/push', PushResponse, req),
    /** `deviceId` tells the server this device completed a sync (gallring waits for that). */
    pull: (cursor: string, limit: number, deviceId?: string) =>
      call(
        'GET',
        `/api/sync/pull?cursor=${encodeURIComponent(cursor)}&limit=${limit}${deviceId ? `&deviceId=${encodeURIComponent(deviceId)}` : ''}`,
        PullResponse,
      ),
    me: () => call('GET', '/api/me', SessionUser),
    handlaggare: (enhetId: string) =>
      call('GET', `/api/enheter/${encodeURIComponent(enhetId)}/handlaggare`, KollegaList),
    rounds: () => call('GET', '/api/rounds', HalvarRoundsResponse),
    createRound: (req: NewHalvarRound) => call('POST', '/api/rounds', HalvarRoundCreated, req),
  };
}
