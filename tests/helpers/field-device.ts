/** A handläggare's device wired to the in-process server: real Dexie (fake-indexeddb), real API. */

import { createArende } from '../../src/db/arende-repo';
import type { FaltsamDb } from '../../src/db/database';
import { getSession } from '../../src/db/session-repo';
import type { SessionUser } from '../../src/domain/account';
import type { ArendeFields } from '../../src/domain/arende';
import type { FetchLike } from '../../src/sync/api';
import { createFaltsam, type FaltsamOptions } from '../../src/sync/client';
import { bareDb, sampleFields, TEST_KDF } from './device';

export interface FieldDevice {
  db: FaltsamDb;
  faltsam: ReturnType<typeof createFaltsam>;
  user: SessionUser;
  /** Creates an ärende in the user's first enhet. */
  create(overrides?: Partial<ArendeFields>): ReturnType<typeof createArende>;
  fields(overrides?: Partial<ArendeFields>): ArendeFields;
}

/**
 * Logs in on a fresh device. `fetch` may be wrapped by the test to cut or break the network; with
 * `baseUrl` it talks to a server on a real port (e.g. through the fault proxy).
 */
export async function loginDevice(
  fetch: FetchLike,
  username: string,
  password: string,
  opts: Pick<FaltsamOptions, 'baseUrl' | 'deadlines' | 'pushBatchSize'> = {},
): Promise<FieldDevice> {
  // The login creates the device's key from the password, as on a real device (cheap KDF here).
  const db = bareDb();
  const faltsam = createFaltsam({ db, fetch, kdf: TEST_KDF, ...opts });
  await faltsam.login(username, password);
  // Login starts a first sync in the background; let it finish so tests start from a quiet device.
  await faltsam.syncNow();
  const session = await getSession(db);
  if (!session) throw new Error('login did not store a session');
  const user = session.user;
  const enhet = user.enheter[0];
  if (!enhet) throw new Error('test user has no enhet');
  const fields = (overrides: Partial<ArendeFields> = {}) =>
    sampleFields({ enhetId: enhet.id, handlaggareId: user.id, ...overrides });
  return {
    db,
    faltsam,
    user,
    fields,
    create: (overrides = {}) =>
      createArende(db, { fields: fields(overrides), forbundId: user.forbund.id, enhetKod: enhet.kod }),
  };
}

/** A fetch whose behaviour the test switches: pass through, no network, or a custom fault. */
export function switchableFetch(real: FetchLike) {
  let mode: 'up' | 'down' = 'up';
  let fault: ((input: RequestInfo | URL, init: RequestInit | undefined) => Promise<Response>) | null = null;
  const fetch: FetchLike = async (input, init) => {
    if (mode === 'down') throw new TypeError('Failed to fetch');
    if (fault) {
      const f = fault;
      fault = null;
      return f(input, init);
    }
    return real(input, init);
  };
  return {
    fetch,
    down: () => {
      mode = 'down';
    },
    up: () => {
      mode = 'up';
    },
    /** The next request (only) goes through `f` instead. */
    failNext: (f: (input: RequestInfo | URL, init: RequestInit | undefined) => Promise<Response>) => {
      fault = f;
    },
  };
}
