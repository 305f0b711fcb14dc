import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { filterArenden, NO_FILTER } from '../../../src/ui/arende-filter';
import { ROW_BLOCK } from '../../../src/ui/components/ArendeTable';
import { createLocal, loggedInDb, renderApp, seedSynced } from './ui-helpers';

const rowCodes = () =>
  screen
    .getAllByRole('row')
    .slice(1)
    .map((r) => within(r).getAllByRole('rowheader')[0]?.textContent);

describe('ArendeList', () => {
  it('filters by part of the code, ignoring case and the hyphen', async () => {
    const db = await loggedInDb();
    const [a, b] = await seedSynced(db, 2);
    renderApp(db);
    await screen.findByText('Visar 2 av 2 ärenden');
    const part = a?.code.slice(4, 7).toLowerCase() ?? '';
    fireEvent.input(screen.getByLabelText('Sök på kod'), { target: { value: part } });
    expect(rowCodes()).toContain(a?.code);
    if (!b?.code.slice(4).toLowerCase().includes(part)) expect(rowCodes()).not.toContain(b?.code);
  });

  it('filters by status and behovsgrupp and shows sync badges', async () => {
    const db = await loggedInDb();
    await seedSynced(db, 3, (i) =>
      i === 0 ? { status: 'avslutad', avslutsdatum: '2026-10-01', avslutsorsak: 'arbete' } : {},
    );
    const local = await createLocal(db, { behovsgrupp: 'skyddat_arbete' });
    renderApp(db);
    await screen.findByText('Visar 4 av 4 ärenden');

    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'avslutad' } });
    expect(screen.getByText('Visar 1 av 1 ärenden')).toBeTruthy();
    expect(within(screen.getByRole('table')).getAllByText('Avslutad')).toHaveLength(1);

    fireEvent.change(screen.getByLabelText('Status'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Behovsgrupp'), { target: { value: 'skyddat_arbete' } });
    expect(rowCodes()).toEqual([local.code]);
    const row = screen.getByRole('row', { name: new RegExp(local.code) });
    expect(within(row).getByText('Ej synkad')).toBeTruthy();
    expect(within(row).getByText('Skyddat arbete')).toBeTruthy();
    expect(within(row).getByText('Långvarigt')).toBeTruthy();
    expect(within(row).getByText('Mycket långvarigt')).toBeTruthy();
  });

  it('renders 5,000 ärenden 200 at a time with "Visa fler"', async () => {
    const db = await loggedInDb();
    const records = await seedSynced(db, 5000);
    renderApp(db);
    await screen.findByText('Visar 200 av 5 000 ärenden', undefined, { timeout: 10_000 });
    // The first screenful comes with the count, the rest of the page a block per task.
    expect(screen.getAllByRole('row').length).toBeGreaterThanOrEqual(ROW_BLOCK + 1);
    await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(201));
    // One table, its rows in groups of a block each (each group skips rendering while off screen).
    const table = screen.getByRole('table', { name: /ärenden/i });
    expect(table.querySelectorAll('tbody')).toHaveLength(200 / ROW_BLOCK);
    for (const group of table.querySelectorAll('tbody'))
      expect(group.querySelectorAll('tr')).toHaveLength(ROW_BLOCK);
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toContain('Kod');
    // Laid out as grid rows (styles.css), so every part also names its table role explicitly.
    expect(table.getAttribute('role')).toBe('table');
    for (const part of table.querySelectorAll('thead, tbody'))
      expect(part.getAttribute('role')).toBe('rowgroup');
    for (const row of table.querySelectorAll('tr')) expect(row.getAttribute('role')).toBe('row');
    for (const cell of table.querySelectorAll('tbody td')) expect(cell.getAttribute('role')).toBe('cell');
    for (const h of table.querySelectorAll('tbody th')) expect(h.getAttribute('role')).toBe('rowheader');
    expect(rowCodes()).toEqual(
      [...records]
        .map((a) => a.code)
        .sort(new Intl.Collator('sv').compare)
        .slice(0, 200),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Visa fler' }));
    expect(screen.getByText('Visar 400 av 5 000 ärenden')).toBeTruthy();
    await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(401));
  }, 30_000);

  it('filters 5,000 ärenden in memory in well under a frame budget per keystroke', async () => {
    const db = await loggedInDb();
    const records = await seedSynced(db, 5000);
    const list = records.map((r) => ({ ...r, sync: { state: 'synkad' as const } }));
    const start = performance.now();
    for (const q of ['N', 'NO', 'NOR', 'NOR-', 'NOR-2']) filterArenden(list, { ...NO_FILTER, query: q });
    expect(performance.now() - start).toBeLessThan(100);
  }, 30_000);
});
