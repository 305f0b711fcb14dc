import { fireEvent, screen, within } from '@testing-library/preact';
import axe from 'axe-core';
import { describe, expect, it } from 'vitest';
import { createRecord } from '../../../src/db/casework-repo';
import { matpunkt } from '../../../src/domain/instrument';
import { emptySipFields } from '../../../src/domain/sip';
import { FORBUND } from '../../helpers/device';
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
    await within(form).findByText('Samtycket är registrerat på enheten.');
    const table = await within(screen.getByRole('region', { name: 'Samtycken' })).findByRole('table');
    expect(within(table).getByText('Socialtjänsten')).toBeTruthy();
    expect(within(table).getByText('Hanna Handläggare (du)')).toBeTruthy();
    expect(within(table).getByText('Ej synkad')).toBeTruthy();
  });

  it('offers M14 and M15 verbatim after the first meeting, with the trepartssamtal template', async () => {
    const db = await loggedInDb();
    const a = await createLocal(db);
    renderApp(db, undefined, `#/arenden/${a.id}/moten/nytt`);
    await screen.findByRole('heading', { level: 1, name: `Nytt möte – ${a.code}` });
    fireEvent.click(screen.getByRole('button', { name: 'Använd mallen Trepartssamtal' }));
    expect(screen.getAllByRole('group', { name: /^Deltagare \d$/ })).toHaveLength(3);
    expect(await violations()).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Spara mötet' }));
    await screen.findByRole('form', { name: 'Stegförflyttning vid mötet' });
    expect(screen.getByRole('group', { name: matpunkt('M14').text })).toBeTruthy();
    expect(screen.getByRole('group', { name: matpunkt('M15').text })).toBeTruthy();
    expect(await violations()).toEqual([]);
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
