import { screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { storeAggregates } from '../../../src/db/aggregates-repo';
import { saveSession } from '../../../src/db/session-repo';
import type { SessionUser } from '../../../src/domain/account';
import type { StoredAggregates } from '../../../src/domain/aggregation/report';
import { catalogue } from '../../../src/ui/i18n/koordinator';
import { applyLang } from '../../../src/ui/i18n/locale';
import { loadCatalogue } from '../../../src/ui/i18n/messages';
import { ENHET_NOR, freshDb } from '../../helpers/device';
import { fakeFaltsam, loggedInDb, renderApp, USER } from './ui-helpers';

const KOORDINATOR: SessionUser = {
  ...USER,
  username: 'kim',
  displayName: 'Kim Koordinator',
  role: 'koordinator',
};
const X = { suppressed: true as const };
const W = { withheld: true as const };
const ENHET_SKE = '00000000-0000-4000-8000-0000000000fe';
const ENHETER = [
  { id: ENHET_NOR, namn: 'Norsjö kommun – ekonomiskt bistånd' },
  { id: ENHET_SKE, namn: 'Skellefteå kommun' },
];
const RELEASE = { publishedAt: '2026-07-06T01:00:00.000Z', period: '2026H1' };
const empty2 = { rows: [ENHET_NOR], cols: ['a'], cells: [[X]], rowTotals: [X], colTotals: [X], total: X };
const table = (cells: (number | typeof X | typeof W)[], total: number | typeof X) => ({
  categories: cells.map((_, i) => `c${i}`),
  cells,
  total,
});
type Likert = { n: Fig; mean: Fig; shareJakande: Fig; distribution: Fig[] };
type Fig = number | typeof X | typeof W;
const likert = (n: Fig, mean: Fig, share: Fig, distribution: Fig[]): Likert => ({
  n,
  mean,
  shareJakande: share,
  distribution,
});
const HIDDEN = likert(X, X, X, [X, X, X, X, X]);

function stored(fetchedAt: string): StoredAggregates {
  const m01 = likert(8, 4.1, 0.875, [X, X, X, 7, X]);
  return {
    fetchedAt,
    period: '2026H1',
    month: '2026-03',
    periods: { halvar: ['2026H1', '2025H2'], manader: ['2026-03', '2026-02'] },
    data: {
      karnindikatorer: {
        ...RELEASE,
        caseSlots: [
          {
            slot: 'M01',
            overall: null,
            groups: [{ key: 'deltagare|under', figures: m01 }],
            byEnhet: [
              { enhet: ENHET_NOR, group: 'deltagare|under', figures: likert(6, 4.2, 0.833, [X, X, X, 5, X]) },
              { enhet: ENHET_SKE, group: 'deltagare|under', figures: HIDDEN },
            ],
          },
          {
            slot: 'M02',
            overall: null,
            groups: [{ key: 'deltagare|vid_avslut', figures: likert(7, 3.9, W, [X, X, X, W, X]) }],
            byEnhet: [
              {
                enhet: ENHET_NOR,
                group: 'deltagare|vid_avslut',
                figures: likert(5, 4.0, 0.8, [X, X, X, X, X]),
              },
              { enhet: ENHET_SKE, group: 'deltagare|vid_avslut', figures: HIDDEN },
            ],
          },
          { slot: 'M03', overall: null, groups: [{ key: 'deltagare|under', figures: HIDDEN }], byEnhet: [] },
        ],
        halvarSlots: [],
        enheter: ENHETER,
      },
      kartlaggning: {
        ...RELEASE,
        period: '2026-03',
        date: '2026-03-31',
        enheter: ENHETER,
        behovsgrupper: [],
        enhet: { categories: [ENHET_NOR, ENHET_SKE], cells: [8, X], total: 10 },
        tables: [
          {
            dimension: 'kon',
            total: { categories: ['kvinna', 'man'], cells: [X, W], total: 10 },
            perEnhet: {
              rows: [ENHET_NOR, ENHET_SKE],
              cols: ['kvinna', 'man'],
              cells: [
                [X, X],
                [X, X],
              ],
              rowTotals: [8, X],
              colTotals: [X, W],
              total: 10,
            },
          },
        ],
      },
      progression: { ...RELEASE, arenden: table([X, X, X], X), share: X, overTime: [] },
      sip: {
        ...RELEASE,
        statusByEnhet: empty2,
        completeness: [],
        complete: table([X, X], X),
        daysToStart: { bands: table([X], X) },
        enheter: ENHETER,
      },
      moten: {
        ...RELEASE,
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

/** The koordinator catalogue's Swedish texts whose English differs, to find any shown in English. */
const SWEDISH_ONLY = (() => {
  const strings = (node: unknown): string[] =>
    typeof node === 'string'
      ? [node]
      : node && typeof node === 'object'
        ? Object.values(node).flatMap(strings)
        : [];
  const english = new Set(strings(catalogue.en));
  return new Set(strings(catalogue.sv).filter((s) => s.length >= 3 && !english.has(s)));
})();

describe('the koordinator’s results', () => {
  // The page is a lazy chunk: transform it once before the first test, so that test's 1-second
  // wait for the heading measures the page, not the module transform of a loaded machine.
  beforeAll(() => import('../../../src/ui/pages/KoordinatorPage'), 60_000);
  afterEach(() => applyLang('sv', { remember: false }));

  it('is where a koordinator lands, and says plainly that nothing was fetched yet when offline', async () => {
    const faltsam = fakeFaltsam();
    renderApp(await koordinatorDb(), faltsam, '#/');
    await screen.findByRole('heading', { level: 1, name: 'Resultat och statistik' });
    await screen.findByText(/Inga uppgifter har hämtats till den här apparaten ännu/);
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

  it('shows the kept releases offline with their age, hidden figures as "för få för att visas" or "skyddad", and the legend', async () => {
    const db = await koordinatorDb();
    await storeAggregates(db, stored(new Date(Date.now() - 3 * 3600_000 - 60_000).toISOString()));
    const faltsam = fakeFaltsam();
    renderApp(db, faltsam, '#/resultat/karnindikatorer');
    await screen.findByText(/Uppgifterna hämtades .* \(för 3 timmar sedan\)\./);
    const t = await screen.findByRole('table', { name: /Kärnindikatorer per mätpunkt och svarsgrupp/ });
    const m01 = within(t).getByRole('row', { name: /^M01 – Deltagare – under/ });
    expect(m01.textContent).toContain('för få för att visas');
    expect(m01.textContent).toMatch(/8\s*4,1\s*87,5/);
    const m02 = within(t).getByRole('row', { name: /^M02 – Deltagare – vid avslut/ });
    expect(m02.textContent).toContain('skyddad');
    expect(screen.getByText(/"för få för att visas" = färre än 5 personer; "skyddad" = dold/)).toBeTruthy();
    // The halvår and month to fetch are the published ones only.
    const months = screen.getByRole('combobox', { name: 'Kartläggning per månadsskifte' });
    expect([...(months as HTMLSelectElement).options].map((o) => o.value)).toEqual(['2026-03', '2026-02']);
    expect(faltsam.fetchAggregates).not.toHaveBeenCalled();
  });

  it('compares under and vid avslut per enhet, each figure as published', async () => {
    const db = await koordinatorDb();
    await storeAggregates(db, stored(new Date().toISOString()));
    renderApp(db, fakeFaltsam(), '#/resultat/karnindikatorer');
    const t = await screen.findByRole('table', {
      name: 'Svar under rehabiliteringsprocessen och vid avslut, per enhet',
    });
    const nor = within(t).getByRole('row', { name: /^Ind 1: M01\/M02 \(deltagare\) – Norsjö/ });
    expect(nor.textContent).toMatch(/6\s*4,2\s*83,3\s*5\s*4,0\s*80,0/);
    const ske = within(t).getByRole('row', { name: /^Ind 1: M01\/M02 \(deltagare\) – Skellefteå/ });
    expect(within(ske).getAllByText('för få för att visas')).toHaveLength(6);
    // Choosing an enhet shows its own comparison.
    const select = screen.getByRole('combobox', { name: 'Enhet' }) as HTMLSelectElement;
    select.value = ENHET_NOR;
    select.dispatchEvent(new Event('change', { bubbles: true }));
    const scoped = await screen.findByRole('table', { name: /vid avslut – Norsjö/ });
    expect(within(scoped).getByRole('row', { name: /^Ind 1/ }).textContent).toMatch(/6\s*4,2/);
  });

  it('says so instead of drawing an empty chart when every figure in it is hidden (a hidden share)', async () => {
    const db = await koordinatorDb();
    const data = stored(new Date().toISOString());
    // Every share 4–5 hidden: nothing to draw.
    for (const s of data.data.karnindikatorer.caseSlots) for (const g of s.groups) g.figures.shareJakande = X;
    await storeAggregates(db, data);
    renderApp(db, fakeFaltsam(), '#/resultat/karnindikatorer');
    await screen.findByRole('table', { name: /Kärnindikatorer per mätpunkt/ });
    expect(
      screen.getByText(/Diagrammet visas inte: alla siffror i det är för få för att visas eller skyddade/),
    ).toBeTruthy();
    expect(document.querySelector('#ki-case')?.closest('section')?.querySelector('canvas')).toBeNull();
  });

  it('draws a kartläggning chart with what is shown and says that hidden bars are missing', async () => {
    const db = await koordinatorDb();
    const data = stored(new Date().toISOString());
    const kon = data.data.kartlaggning.tables[0];
    if (kon) kon.total.cells = [7, W];
    await storeAggregates(db, data);
    renderApp(db, fakeFaltsam(), '#/resultat/kartlaggning');
    await screen.findByRole('table', { name: /per kön – Hela förbundet, 2026-03-31/ });
    expect(screen.getByRole('img', { name: /aktiva ärenden per kön/ })).toBeTruthy();
    expect(
      screen.getByText(/Staplar eller punkter saknas där siffran är för få för att visas eller skyddad/),
    ).toBeTruthy();
  });

  it('shows the releases in English: hidden figures, the legend, the comparison per unit, English numbers', async () => {
    await loadCatalogue('en');
    applyLang('en', { remember: false });
    const db = await koordinatorDb();
    await storeAggregates(db, stored(new Date().toISOString()));
    renderApp(db, fakeFaltsam(), '#/resultat/karnindikatorer');
    await screen.findByRole('heading', { level: 1, name: 'Results and statistics' });
    const t = await screen.findByRole('table', {
      name: /Core indicators per measuring point and respondent group/,
    });
    const m01 = within(t).getByRole('row', { name: /^M01 – Participants – during/ });
    expect(m01.textContent).toContain('too few to show');
    expect(m01.textContent).toMatch(/8\s*4\.1\s*87\.5/);
    expect(within(t).getByRole('row', { name: /^M02/ }).textContent).toContain('protected');
    expect(screen.getByText(/"too few to show" = fewer than 5 people; "protected" = hidden/)).toBeTruthy();
    const perUnit = screen.getByRole('table', {
      name: 'Answers during the rehabilitation process and at closing, per unit',
    });
    expect(
      within(perUnit).getByRole('row', { name: /^Ind 1: M01\/M02 \(participants\) – Norsjö/ }),
    ).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'During compared with at closing per unit' })).toBeTruthy();
    const shown: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent?.trim() ?? '';
      if (SWEDISH_ONLY.has(text) && !n.parentElement?.closest('[lang="sv"]')) shown.push(text);
    }
    expect(shown).toEqual([]);
  });
});
