import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { updateArende } from '../../../src/db/arende-repo';
import { applyPulledPage } from '../../../src/db/pull-apply';
import type { SyncProgress } from '../../../src/sync/engine';
import type { FaltsamClient } from '../../../src/ui/app-context';
import { ENHET_NOR, FORBUND, sampleFields } from '../../helpers/device';
import { fakeFaltsam, loggedInDb, renderApp, seedSynced } from './ui-helpers';

// Hang guards, not speed checks: a shared, loaded machine can take seconds to render a screen.
const WAIT = { timeout: 10_000 };

/** A fake client whose progress the test reports, as the engine does during a many-page pull. */
function withProgress() {
  let report: (p: SyncProgress | null) => void = () => {};
  const faltsam = fakeFaltsam({
    onProgress: vi.fn<FaltsamClient['onProgress']>((listener) => {
      report = listener;
      return () => {};
    }),
  });
  return { faltsam, report: (p: SyncProgress | null) => report(p) };
}

describe('the list during a first sync', () => {
  it('shows "Hämtar … av …" and waits for the pull to end instead of re-reading after each page', async () => {
    const db = await loggedInDb();
    await seedSynced(db, 3);
    const { faltsam, report } = withProgress();
    renderApp(db, faltsam);
    await screen.findByText('Visar 3 av 3 ärenden', undefined, WAIT);

    report({ done: 500, total: 10_000 });
    expect(await screen.findByText('Hämtar 500 av 10 000', undefined, WAIT)).toBeTruthy();
    await seedSynced(db, 2); // a page is stored meanwhile
    await new Promise((r) => setTimeout(r, 200));
    expect(screen.getByText('Visar 3 av 3 ärenden')).toBeTruthy();

    report(null);
    expect(await screen.findByText('Visar 5 av 5 ärenden', undefined, WAIT)).toBeTruthy();
    expect(screen.queryByText(/^Hämtar/)).toBeNull();
  });
});

describe('an ärende the server took away', () => {
  it('is kept with its unsynced edit, marked in the list, explained, and removed when the user says so', async () => {
    const db = await loggedInDb();
    const [a, b] = await seedSynced(db, 2);
    if (!a || !b) throw new Error('seed failed');
    await updateArende(db, a.id, sampleFields({ anteckningar: 'Min osynkade anteckning.' }));
    // The next pull says both left the user's enhet.
    await applyPulledPage(
      db,
      {
        forbundId: FORBUND,
        changes: [],
        removals: [
          { entity: 'arende', id: a.id },
          { entity: 'arende', id: b.id },
        ],
        scope: { enhetIds: [ENHET_NOR], entities: ['arende'] },
        cursor: '2',
        hasMore: false,
      },
      '1',
    );
    renderApp(db);
    await screen.findByText('Visar 1 av 1 ärenden', undefined, WAIT);
    const row = screen.getByRole('row', { name: new RegExp(a.code) });
    expect(within(row).getByText('Inte längre ditt')).toBeTruthy();
    expect(
      await screen.findByText(/Ett ärende du inte längre har tillgång till finns kvar här/, undefined, WAIT),
    ).toBeTruthy();

    fireEvent.click(within(row).getByRole('link', { name: a.code }));
    const notice = await screen.findByRole('region', { name: 'Ärendet finns inte längre hos dig' }, WAIT);
    expect((screen.getByLabelText('Anteckningar') as HTMLTextAreaElement).value).toBe(
      'Min osynkade anteckning.',
    );
    fireEvent.click(within(notice).getByRole('button', { name: 'Ta bort ärendet från apparaten' }));
    expect(
      await screen.findByText(`Ärende ${a.code} är borttaget från apparaten.`, undefined, WAIT),
    ).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('table')).toBeNull(), WAIT);
    expect(await db.records.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });
});
