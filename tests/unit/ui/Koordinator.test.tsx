import { screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { storeAggregates } from '../../../src/db/aggregates-repo';
import { saveSession } from '../../../src/db/session-repo';
import type { SessionUser } from '../../../src/domain/account';
import { protectLikert } from '../../../src/domain/aggregation/likert-disclosure';
import type { StoredAggregates } from '../../../src/domain/aggregation/report';
import { ENHET_NOR, freshDb } from '../../helpers/device';
import { fakeFaltsam, loggedInDb, renderApp, USER } from './ui-helpers';

const X = { suppressed: true as const };
const KOORDINATOR: SessionUser = {
  ...USER,
  username: 'kim',
  displayName: 'Kim Koordinator',
  role: 'koordinator',
};
const ENHETER = [{ id: ENHET_NOR, namn: 'Norsjö kommun – ekonomiskt bistånd' }];
const empty2 = { rows: [ENHET_NOR], cols: ['a'], cells: [[0]], rowTotals: [0], colTotals: [0], total: 0 };
const table = (cells: (number | typeof X)[], total: number | typeof X) => ({
  categories: cells.map((_, i) => `c${i}`),
  cells,
  total,
});

function stored(fetchedAt: string): StoredAggregates {
  return {
    fetchedAt,
    period: '2026H1',
    date: '2026-03-01',
    data: {
      karnindikatorer: {
        period: '2026H1',
        bySvarsgrupp: [
          { slot: 'M01', overall: protectLikert([0, 0, 0, 7, 1]), groups: [] },
          { slot: 'M03', overall: protectLikert([0, 2, 0, 0, 0]), groups: [] },
        ].map((s) => ({ ...s, groups: [{ key: 'deltagare|under', figures: s.overall }] })),
        byEnhet: [],
        halvarByGroup: [],
        halvarByEnhet: [],
        enheter: ENHETER,
      },
      kartlaggning: {
        date: '2026-03-01',
        enheter: ENHETER,
        behovsgrupper: [],
        enhet: table([8], 8),
        tables: [],
      },
      progression: { arenden: table([0, 0, 0], 0), share: null, overTime: [] },
      sip: {
        statusByEnhet: empty2,
        completeness: [],
        complete: table([0, 0], 0),
        daysToStart: { bands: table([0], 0), mean: null },
        enheter: ENHETER,
      },
      moten: {
        byMonth: { ...empty2, rows: [], cells: [], rowTotals: [] },
        byEnhet: empty2,
        enheter: ENHETER,
      },
    },
  };
}

async function koordinatorDb() {
  const db = freshDb();
  await saveSession(db, { token: 'x'.repeat(40), expiresAt: '2099-01-01T00:00:00.000Z', user: KOORDINATOR });
  return db;
}

describe('the koordinator’s results', () => {
  it('is where a koordinator lands, and says plainly that nothing was fetched yet when offline', async () => {
    const faltsam = fakeFaltsam();
    renderApp(await koordinatorDb(), faltsam, '#/');
    await screen.findByRole('heading', { level: 1, name: 'Resultat och statistik' });
    await screen.findByText(/Inga uppgifter har hämtats till den här enheten ännu/);
    await waitFor(() => expect(faltsam.fetchAggregates).toHaveBeenCalledTimes(1));
    await within(screen.getByRole('status')).findByText('Ingen anslutning till servern.');
    expect(screen.getByRole('navigation', { name: 'Huvudmeny' }).textContent).toContain('Resultat');
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('is not where a handläggare lands', async () => {
    renderApp(await loggedInDb(), fakeFaltsam(), '#/');
    await screen.findByRole('heading', { level: 1, name: 'Ärenden' });
    expect(screen.queryByRole('link', { name: 'Resultat' })).toBeNull();
  });

  it('shows the kept aggregates offline with their age, hidden figures as "för få för att visas"', async () => {
    const db = await koordinatorDb();
    await storeAggregates(db, stored(new Date(Date.now() - 3 * 3600_000 - 60_000).toISOString()));
    const faltsam = fakeFaltsam();
    renderApp(db, faltsam, '#/resultat/karnindikatorer');
    await screen.findByText(/Uppgifterna hämtades .* \(för 3 timmar sedan\)\./);
    const t = await screen.findByRole('table', { name: /Kärnindikatorer per mätpunkt och svarsgrupp/ });
    const m01 = within(t).getByRole('row', { name: /^M01 – Deltagare – under/ });
    expect(m01.textContent).toContain('för få för att visas'); // the one 5, and the 4s with it
    const m03 = within(t).getByRole('row', { name: /^M03 – Deltagare – under/ });
    expect(within(m03).getAllByText('för få för att visas').length).toBeGreaterThan(5);
    expect(faltsam.fetchAggregates).not.toHaveBeenCalled();
  });
});
