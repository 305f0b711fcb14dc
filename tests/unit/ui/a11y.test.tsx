/**
 * axe-core over the rendered screens. happy-dom has no layout, so rules that need rendering
 * (colour contrast, target size) are left to the e2e suite in a real browser.
 */
import { fireEvent, screen } from '@testing-library/preact';
import axe from 'axe-core';
import { describe, expect, it } from 'vitest';
import { freshDb } from '../../helpers/device';
import { createLocal, loggedInDb, renderApp } from './ui-helpers';

async function violations() {
  const result = await axe.run(document.body, {
    rules: { 'color-contrast': { enabled: false }, 'target-size': { enabled: false } },
  });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('accessibility (axe-core)', () => {
  it('finds no violations on the login screen', async () => {
    renderApp(freshDb());
    await screen.findByRole('heading', { level: 1, name: 'Logga in' });
    expect(await violations()).toEqual([]);
  });

  it('finds no violations on the list', async () => {
    const db = await loggedInDb();
    await createLocal(db);
    renderApp(db);
    await screen.findByText('Visar 1 av 1 ärenden');
    expect(await violations()).toEqual([]);
  });

  it('finds no violations on the form with errors shown', async () => {
    const db = await loggedInDb();
    renderApp(db, undefined, '#/arenden/nytt');
    await screen.findByRole('heading', { level: 1, name: 'Nytt ärende' });
    fireEvent.click(screen.getByLabelText('Sjukdom'));
    fireEvent.click(screen.getByLabelText('Avslutad'));
    fireEvent.input(screen.getByLabelText('Anteckningar'), { target: { value: 'tel 070-123 45 67' } });
    fireEvent.click(screen.getByRole('button', { name: 'Spara' }));
    await screen.findByRole('region', { name: /Rätta/ });
    expect(await violations()).toEqual([]);
  });
});
