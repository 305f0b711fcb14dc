import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { getArende, listArenden } from '../../../src/db/arende-repo';
import { createLocal, loggedInDb, renderApp } from './ui-helpers';

const input = (label: string | RegExp, value: string) =>
  fireEvent.input(screen.getByLabelText(label), { target: { value } });

describe('ArendeForm', () => {
  it('shows the guard message inline when the notes contain an e-mail address, and saves nothing', async () => {
    const db = await loggedInDb();
    renderApp(db, undefined, '#/arenden/nytt');
    const notes = await screen.findByLabelText('Anteckningar');
    input('Anteckningar', 'Ring anna.svensson@example.se i morgon');
    fireEvent.blur(notes);

    expect(notes.getAttribute('aria-invalid')).toBe('true');
    const describedBy = notes.getAttribute('aria-describedby') ?? '';
    const message = describedBy
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' ');
    expect(message).toContain('en e-postadress');

    fireEvent.click(screen.getByRole('button', { name: 'Spara' }));
    const summary = await screen.findByRole('region', { name: 'Rätta ett fel innan du sparar' });
    await waitFor(() => expect(document.activeElement).toBe(summary));
    expect(await listArenden(db)).toHaveLength(0);
  });

  it('creates an ärende, goes back to the list and names the generated code', async () => {
    const db = await loggedInDb();
    renderApp(db, undefined, '#/arenden/nytt');
    await screen.findByRole('heading', { level: 1, name: 'Nytt ärende' });
    expect(screen.getByText('Skapas när du sparar')).toBeTruthy();
    fireEvent.click(screen.getByLabelText('Kvinna'));
    input('Månader med försörjningsstöd av de senaste 12', '11');
    expect(screen.getByText('Beräknas från antal månader')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Spara' }));

    await screen.findByRole('heading', { level: 1, name: 'Ärenden' });
    const [saved] = await listArenden(db);
    expect(saved?.kon).toBe('kvinna');
    expect(saved?.manaderAv12).toBe(11);
    expect(screen.getByText(`Ärende ${saved?.code} är sparat på apparaten.`)).toBeTruthy();
  });

  it('shows the sjukdom situations only for sjukdom and the avslut fields only for avslutad', async () => {
    const db = await loggedInDb();
    renderApp(db, undefined, '#/arenden/nytt');
    await screen.findByRole('heading', { level: 1, name: 'Nytt ärende' });
    expect(screen.queryByRole('group', { name: 'Situation vid sjukdom' })).toBeNull();
    fireEvent.click(screen.getByLabelText('Sjukdom'));
    expect(screen.getByRole('group', { name: 'Situation vid sjukdom' })).toBeTruthy();

    expect(screen.queryByLabelText('Avslutsdatum')).toBeNull();
    fireEvent.click(screen.getByLabelText('Avslutad'));
    expect(screen.getByLabelText('Avslutsdatum')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Spara' }));
    expect(await screen.findByRole('link', { name: /Avslutsdatum: Ange avslutsdatum/ })).toBeTruthy();
  });

  it('loads an ärende for editing and saves the change', async () => {
    const db = await loggedInDb();
    const a = await createLocal(db);
    renderApp(db, undefined, `#/arenden/${a.id}`);
    await screen.findByRole('heading', { level: 1, name: `Ärende ${a.code}` });
    expect(
      (screen.getByLabelText('Månader med försörjningsstöd av de senaste 12') as HTMLInputElement).value,
    ).toBe('11');
    input('Anteckningar', 'Uppföljning i november.');
    fireEvent.click(screen.getByRole('button', { name: 'Spara' }));
    await screen.findByRole('heading', { level: 1, name: 'Ärenden' });
    expect((await getArende(db, a.id))?.anteckningar).toBe('Uppföljning i november.');
  });
});
