import { fireEvent, screen, within } from '@testing-library/preact';
import axe from 'axe-core';
import { describe, expect, it } from 'vitest';
import { createRecord } from '../../../src/db/casework-repo';
import { matpunkt } from '../../../src/domain/instrument';
import { emptySipFields } from '../../../src/domain/sip';
import { FORBUND, TEST_SECRET } from '../../helpers/device';
import { createLocal, loggedInDb, renderApp, seedSynced } from './ui-helpers';

async function violations() {
  const result = await axe.run(document.body, {
    rules: { 'color-contrast': { enabled: false }, 'target-size': { enabled: false } },
  });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('ärende overview', () => {
  it('records a samtycke on the device and lists it, with no axe violations', async () => {
    const db = await loggedInDb();
    const a = await createLocal(db);
    renderApp(db, undefined, `#/arenden/${a.id}/oversikt`);
    await screen.findByRole('heading', { level: 1, name: `Ärende ${a.code}` });
    expect(await violations()).toEqual([]);
    const form = screen.getByRole('form', { name: 'Registrera samtycke' });
    fireEvent.click(within(form).getByLabelText('Socialtjänsten'));
    fireEvent.click(within(form).getByRole('button', { name: 'Registrera svaret' }));
    await within(form).findByText('Samtycket är registrerat på apparaten.');
    const table = await within(screen.getByRole('region', { name: 'Samtycken' })).findByRole('table');
    expect(within(table).getByText('Socialtjänsten')).toBeTruthy();
    expect(within(table).getByText('Hanna Handläggare (du)')).toBeTruthy();
    expect(within(table).getByText('Ej synkad')).toBeTruthy();
  });

  it('offers M15 to the handläggare and hands M14 over, locked to that one statement', async () => {
    const db = await loggedInDb();
    const a = await createLocal(db);
    await seedSynced(db, 2); // colleagues' ärenden: the caseload the deltagare must not reach
    renderApp(db, undefined, `#/arenden/${a.id}/moten/nytt`);
    await screen.findByRole('heading', { level: 1, name: `Nytt möte – ${a.code}` });
    fireEvent.click(screen.getByRole('button', { name: 'Använd mallen Trepartssamtal' }));
    expect(screen.getAllByRole('group', { name: /^Deltagare \d$/ })).toHaveLength(3);
    expect(await violations()).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Spara mötet' }));
    const prompt = await screen.findByRole('form', { name: 'Stegförflyttning vid mötet' });
    // M15 is answered here; M14 is not offered on the unlocked device at all.
    const m15 = within(prompt).getByRole('group', { name: matpunkt('M15').text });
    expect(within(prompt).queryByRole('group', { name: matpunkt('M14').text })).toBeNull();
    expect(await violations()).toEqual([]);
    fireEvent.click(within(m15).getByLabelText(/^2/));
    fireEvent.click(within(prompt).getByRole('button', { name: 'Spara och lämna över till deltagaren' }));

    // Hand-over mode: the one statement, nothing of the app, whatever the address.
    await screen.findByRole('heading', { level: 1, name: 'Enkät' });
    expect(screen.queryByRole('banner')).toBeNull();
    window.location.hash = '#/';
    expect(await screen.findByRole('heading', { level: 1, name: 'Enkät' })).toBeTruthy();
    expect(document.body.textContent).not.toContain(a.code);
    expect(screen.queryByRole('table')).toBeNull();
    expect(await violations()).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Börja' }));
    await screen.findByRole('heading', { level: 1, name: 'Påstående 1 av 1' });
    expect(screen.getByRole('group', { name: matpunkt('M14').text })).toBeTruthy();
    fireEvent.click(screen.getByLabelText(/^4/));
    fireEvent.click(screen.getByRole('button', { name: 'Nästa' }));
    await screen.findByRole('heading', { level: 1, name: 'Skicka dina svar' });
    fireEvent.click(screen.getByRole('button', { name: 'Skicka' }));
    await screen.findByRole('heading', { level: 1, name: 'Tack för dina svar!' });
    // Still locked after a typed address, until the handläggare unlocks.
    window.location.hash = `#/arenden/${a.id}`;
    expect(await screen.findByRole('heading', { level: 1, name: 'Tack för dina svar!' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Lås upp (för handläggaren)' }));
    fireEvent.input(await screen.findByLabelText('Upplåsningskod'), { target: { value: TEST_SECRET } });
    fireEvent.click(screen.getByRole('button', { name: 'Lås upp' }));

    // Back on the overview: both measurements of the meeting, M14 from the deltagare.
    await screen.findByRole('heading', { level: 1, name: `Ärende ${a.code}` });
    const steg = await screen.findByRole('table', { name: 'Mätningar av stegförflyttning' });
    const [row] = within(steg).getAllByRole('row').slice(1);
    expect(
      within(row as HTMLElement)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['4', '2']);
  });
});

describe('SIP', () => {
  it('refuses "upprättad" on an empty draft and names every missing statutory item', async () => {
    const db = await loggedInDb();
    const a = await createLocal(db);
    const sip = await createRecord(db, 'sip', { arendeId: a.id, forbundId: FORBUND }, emptySipFields(null));
    renderApp(db, undefined, `#/arenden/${a.id}/sip/${String(sip.id)}`);
    await screen.findByRole('heading', { level: 1, name: `SIP – ärende ${a.code}` });
    fireEvent.click(screen.getByRole('button', { name: 'Markera som upprättad' }));
    const alert = await screen.findByRole('alert');
    for (const nr of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) expect(alert.textContent).toContain(`Punkt ${nr}:`);
    expect(await violations()).toEqual([]);
  });
});

describe('ärende list', () => {
  it('shows the user’s own ärenden by default and the enhet’s on request', async () => {
    const db = await loggedInDb();
    await createLocal(db);
    await seedSynced(db, 1, () => ({ handlaggareId: '00000000-0000-4000-8000-0000000000b2' }));
    renderApp(db);
    await screen.findByText('Visar 1 av 1 ärenden');
    fireEvent.change(screen.getByLabelText('Visa'), { target: { value: 'alla' } });
    expect(screen.getByText('Visar 2 av 2 ärenden')).toBeTruthy();
    expect(screen.getByRole('columnheader', { name: 'Ansvarig' })).toBeTruthy();
    expect(screen.getByText('En kollega')).toBeTruthy();
  });
});
