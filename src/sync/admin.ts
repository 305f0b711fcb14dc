/**
 * The admin screens' client for /api/admin (src/domain/admin.ts). Online only: nothing is kept on
 * the device, so an admin never sees a stale list as if it were current. Every call ends in an
 * outcome the screen can show in Swedish: the value, no network, a refused login (the session was
 * revoked or expired: the app then asks for a new login, see recordAuthLost) or the server's refusal
 * with its field messages. Loaded with import() by the admin screen only, never by the first screen.
 */
import type { z } from 'zod';
import type { FaltsamDb } from '../db/database';
import { recordSyncError } from '../db/sync-status';
import {
  AdminDevicesResponse,
  AdminEnheterResponse,
  AdminEnhetResponse,
  AdminSessionsResponse,
  type AdminUserPatch,
  AdminUserResponse,
  AdminUsersResponse,
  AuditPage,
  type NewAdminUser,
  type NewEnhet,
  type PasswordReset,
} from '../domain/admin';
import {
  BehovsgrupperResponse,
  type BehovsgruppPatch,
  BehovsgruppResponse,
  type ForbundSettingsPatch,
  ForbundSettingsResponse,
  type NewBehovsgrupp,
} from '../domain/forbund-admin';
import { GallringOverview, GallringRun } from '../domain/gallring';
import { type ApiClient, ApiError, NetworkError } from './api';

export type AdminOutcome<T> =
  | { ok: true; value: T }
  | { ok: false; kind: 'offline' }
  | { ok: false; kind: 'auth'; message: string }
  | {
      ok: false;
      kind: 'refused';
      status: number;
      code: string;
      message: string;
      fields: Record<string, string>;
    };

const AUTH_LOST = 'Din inloggning gäller inte längre. Logga in igen.';

/**
 * A 401 from any call means the session on this device is gone (revoked, expired, password reset):
 * recorded like a sync round's auth failure, so the app-wide prompt to log in again shows.
 */
export async function recordAuthLost(
  db: FaltsamDb,
  message: string = AUTH_LOST,
  now: Date = new Date(),
): Promise<void> {
  await recordSyncError(db, { kind: 'auth', message: message || AUTH_LOST, at: now.toISOString() });
}

export function createAdminApi({ db, api }: { db: FaltsamDb; api: Pick<ApiClient, 'request'> }) {
  async function run<S extends z.ZodType>(
    method: string,
    path: string,
    schema: S | null,
    body?: unknown,
  ): Promise<AdminOutcome<z.infer<S>>> {
    try {
      return { ok: true, value: await api.request(method, path, schema, body) };
    } catch (err) {
      if (err instanceof NetworkError) return { ok: false, kind: 'offline' };
      if (err instanceof ApiError && err.status === 401) {
        await recordAuthLost(db, err.body.message).catch(() => {});
        return { ok: false, kind: 'auth', message: err.body.message };
      }
      if (err instanceof ApiError)
        return {
          ok: false,
          kind: 'refused',
          status: err.status,
          code: err.body.code,
          message: err.body.message,
          fields: err.body.fields ?? {},
        };
      throw err;
    }
  }
  const id = (s: string) => encodeURIComponent(s);

  return {
    users: () => run('GET', '/api/admin/users', AdminUsersResponse),
    createUser: (req: NewAdminUser) => run('POST', '/api/admin/users', AdminUserResponse, req),
    updateUser: (userId: string, patch: AdminUserPatch) =>
      run('PATCH', `/api/admin/users/${id(userId)}`, AdminUserResponse, patch),
    resetPassword: (userId: string, req: PasswordReset) =>
      run('POST', `/api/admin/users/${id(userId)}/password`, null, req),
    enheter: () => run('GET', '/api/admin/enheter', AdminEnheterResponse),
    createEnhet: (req: NewEnhet) => run('POST', '/api/admin/enheter', AdminEnhetResponse, req),
    devices: () => run('GET', '/api/admin/devices', AdminDevicesResponse),
    revokeDevice: (deviceId: string) => run('POST', `/api/admin/devices/${id(deviceId)}/revoke`, null),
    sessions: () => run('GET', '/api/admin/sessions', AdminSessionsResponse),
    revokeSession: (sessionId: string) => run('POST', `/api/admin/sessions/${id(sessionId)}/revoke`, null),
    settings: () => run('GET', '/api/admin/installningar', ForbundSettingsResponse),
    updateSettings: (patch: ForbundSettingsPatch) =>
      run('PATCH', '/api/admin/installningar', ForbundSettingsResponse, patch),
    behovsgrupper: () => run('GET', '/api/admin/behovsgrupper', BehovsgrupperResponse),
    createBehovsgrupp: (req: NewBehovsgrupp) =>
      run('POST', '/api/admin/behovsgrupper', BehovsgruppResponse, req),
    updateBehovsgrupp: (code: string, patch: BehovsgruppPatch) =>
      run('PATCH', `/api/admin/behovsgrupper/${id(code)}`, BehovsgruppResponse, patch),
    runGallring: (dryRun: boolean) => run('POST', '/api/admin/gallring', GallringRun, { dryRun }),
    /** Also for a koordinator: what is due for gallring and when (counts only). */
    gallringOverview: () => run('GET', '/api/gallring', GallringOverview),
    audit: (before: string | null, limit: number) =>
      run(
        'GET',
        `/api/admin/audit?${new URLSearchParams({ ...(before ? { before } : {}), limit: String(limit) })}`,
        AuditPage,
      ),
  };
}

export type AdminApi = ReturnType<typeof createAdminApi>;
