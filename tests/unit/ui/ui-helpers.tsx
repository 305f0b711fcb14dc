/** Renders the real app on a fresh fake-indexeddb device with a kept session and a fake sync client. */
import { cleanup, configure, render } from '@testing-library/preact';
import { afterEach, beforeAll, vi } from 'vitest';
import { createArende } from '../../../src/db/arende-repo';
import type { FaltsamDb } from '../../../src/db/database';
import { applyPulledPage } from '../../../src/db/pull-apply';
import { saveSession } from '../../../src/db/session-repo';
import type { SessionUser } from '../../../src/domain/account';
import { type Arende, type ArendeFields, DEFAULT_BEHOVSGRUPPER } from '../../../src/domain/arende';
import { generatePseudonymCode } from '../../../src/domain/pseudonym';
import { App } from '../../../src/ui/App';
import type { FaltsamClient } from '../../../src/ui/app-context';
import { ENHET_NOR, FORBUND, freshDb, HANDLAGGARE, sampleFields } from '../../helpers/device';

// findBy/waitFor poll for what a user would see; on the shared 2-core machine an encrypted save
// can take longer than testing-library's default second. Not a speed check (those are benches).
configure({ asyncUtilTimeout: 5_000 });

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

// The app loads its screens with import(); in the browser the service worker has them cached. Here
// vitest transforms each module on first import, which on a loaded machine can take longer than a
// findBy waits, so the unlocked app and its common screens are imported once up front.
beforeAll(async () => {
  await Promise.all([
    import('../../../src/ui/MainApp'),
    import('../../../src/ui/pages/ArendeListPage'),
    import('../../../src/ui/pages/ArendeFormPage'),
    import('../../../src/ui/pages/ArendeOverviewPage'),
    import('../../../src/ui/pages/HandoverPage'),
    import('../../../src/ui/pages/MotePage'),
    import('../../../src/ui/pages/SipPage'),
    import('../../../src/ui/pages/StaffFormPage'),
    import('../../../src/ui/pages/ChangeSecretPage'),
    import('../../../src/ui/components/SyncStatus'),
  ]);
}, 60_000);

export const USER: SessionUser = {
  id: HANDLAGGARE,
  username: 'hanna',
  displayName: 'Hanna Handläggare',
  role: 'handlaggare',
  forbund: { id: FORBUND, namn: 'Samordningsförbundet Test', behovsgrupper: [...DEFAULT_BEHOVSGRUPPER] },
  enheter: [{ id: ENHET_NOR, namn: 'Norsjö kommun – ekonomiskt bistånd', kod: 'NOR' }],
};

export function fakeFaltsam(overrides: Partial<FaltsamClient> = {}) {
  return {
    login: vi.fn<FaltsamClient['login']>(async () => {}),
    logout: vi.fn<FaltsamClient['logout']>(async () => ({ loggedOut: true, unsynced: 0 })),
    syncNow: vi.fn<FaltsamClient['syncNow']>(async () => ({ ok: true, pushed: 0, rejected: 0, pulled: 0 })),
    openRound: vi.fn<FaltsamClient['openRound']>(async () => ({ ok: false, kind: 'offline' })),
    admin: vi.fn<FaltsamClient['admin']>(async () => {
      throw new Error('This test has no admin client');
    }),
    onProgress: vi.fn<FaltsamClient['onProgress']>(() => () => {}),
    fetchAggregates: vi.fn<FaltsamClient['fetchAggregates']>(async () => ({
      ok: false,
      kind: 'offline',
      message: 'Ingen anslutning till servern.',
    })),
    ...overrides,
  };
}

export async function loggedInDb(): Promise<FaltsamDb> {
  const db = freshDb();
  await saveSession(db, { token: 'x'.repeat(40), expiresAt: '2099-01-01T00:00:00.000Z', user: USER });
  return db;
}

export function renderApp(db: FaltsamDb, faltsam: FaltsamClient = fakeFaltsam(), hash = '#/') {
  window.location.hash = hash;
  return { faltsam, ...render(<App db={db} faltsam={faltsam} />) };
}

export function createLocal(db: FaltsamDb, overrides: Partial<ArendeFields> = {}) {
  return createArende(db, { fields: sampleFields(overrides), forbundId: FORBUND, enhetKod: 'NOR' });
}

/** Stores `n` synced ärenden as if pulled from the server (no outbox entries). */
export async function seedSynced(
  db: FaltsamDb,
  n: number,
  overrides: (i: number) => Partial<ArendeFields> = () => ({}),
) {
  const at = '2026-09-01T08:00:00.000Z';
  const records: Arende[] = Array.from({ length: n }, (_, i) => ({
    ...sampleFields(overrides(i)),
    id: crypto.randomUUID(),
    forbundId: FORBUND,
    code: generatePseudonymCode('NOR', (k) => crypto.getRandomValues(new Uint32Array(k))),
    createdAt: at,
    updatedAt: at,
    version: 1,
  }));
  await applyPulledPage(
    db,
    {
      forbundId: FORBUND,
      changes: records.map((record) => ({ entity: 'arende', record })),
      removals: [],
      scope: { enhetIds: [ENHET_NOR], entities: ['arende'] },
      cursor: '1',
      hasMore: false,
    },
    '0',
  );
  return records;
}
