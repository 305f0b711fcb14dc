import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import axe from 'axe-core';
import { describe, expect, it } from 'vitest';
import { withdrawSamtycke } from '../../../src/db/casework-actions';
import { createRecord } from '../../../src/db/casework-repo';
import { sealConflicts } from '../../../src/db/codec';
import type { FaltsamDb } from '../../../src/db/database';
import { readOutbox } from '../../../src/db/records';
import { emptyMoteFields } from '../../../src/domain/mote';
import { completeSip, sipSamtycke } from '../../helpers/casework';
import { FORBUND, HANDLAGGARE } from '../../helpers/device';
import { createLocal, loggedInDb, renderApp } from './ui-helpers';

async function violations() {
  const result = await axe.run(document.body, {
    rules: { 'color-contrast': { enabled: false }, 'target-size': { enabled: false } },
  });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const ref = (arendeId: string) => ({ arendeId, forbundId: FORBUND });
// A screen's code loads on first use, and the device's data live: slow on a loaded machine.
const WAIT = { timeout: 10_000 };

describe('a refused samtycke', () => {
  it('is recorded as such, and the SIP says plainly it cannot be upprättad', async () => {
    const db = await loggedInDb();
    const a = await createLocal(db);
    const sip = await createRecord(db, 'sip', ref(a.id), completeSip());
    renderApp(db, undefined, `#/arenden/${a.id}/oversikt`);
    await screen.findByRole('heading', { level: 1, name: `Ärende ${a.code}` }, WAIT);
    const form = screen.getByRole('form', { name: 'Registrera samtycke' });
    fireEvent.click(within(form).getByLabelText('Socialtjänsten'));
    fireEvent.click(within(form).getByLabelText('Samtycker inte (nekat)'));
    fireEvent.click(within(form).getByRole('button', { name: 'Registrera svaret' }));
    await within(form).findByText('Att deltagaren nekade är registrerat på apparaten.');
    const table = await within(screen.getByRole('region', { name: 'Samtycken' })).findByRole(
      'table',
      {},
      WAIT,
    );
    const row = (await within(table).findAllByRole('row', {}, WAIT))[1] as HTMLElement;
    expect(await within(row).findByText('Nekat', {}, WAIT)).toBeTruthy();
    expect(within(row).getByText('Gäller inte (nekat)')).toBeTruthy();
    expect(within(row).queryByRole('button', { name: /Återkalla/ })).toBeNull();

    window.location.hash = `#/arenden/${a.id}/sip/${String(sip.id)}`;
    const region = await screen.findByRole('region', { name: 'Samtycke till SIP' }, WAIT);
    expect(region.textContent).toMatch(
      /Deltagaren har nekat samtycke till SIP \(\d{4}-\d{2}-\d{2}, tillfrågad av Hanna Handläggare \(du\)\)\. Planen kan inte upprättas utan deltagarens samtycke\./,
    );
    expect(screen.queryByRole('button', { name: 'Markera som upprättad' })).toBeNull();
    expect(await violations()).toEqual([]);
  });
});

describe('a SIP upprättad whose samtycke is withdrawn', () => {
  async function setUp(db: FaltsamDb) {
    const a = await createLocal(db);
    const s = await createRecord(db, 'samtycke', ref(a.id), sipSamtycke(HANDLAGGARE, { date: '2026-01-05' }));
    const sip = await createRecord(db, 'sip', ref(a.id), completeSip({ status: 'upprattad' }));
    await withdrawSamtycke(db, String(s.id), '2026-02-01', HANDLAGGARE);
    return { a, sip };
  }

  it('shows the withdrawal and its history, offers to end it but not to follow it up', async () => {
    const db = await loggedInDb();
    const { a, sip } = await setUp(db);
    renderApp(db, undefined, `#/arenden/${a.id}/sip/${String(sip.id)}`);
    const region = await screen.findByRole('region', { name: 'Samtycke till SIP' }, WAIT);
    expect(region.textContent).toContain(
      'Samtycket till SIP återkallades 2026-02-01 (registrerat av Hanna Handläggare (du)).',
    );
    expect(region.textContent).toContain(
      'Planen lämnas inte till regionen: det finns inget gällande samtycke.',
    );
    expect(
      within(region)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      '2026-01-05: samtycke lämnat, registrerat av Hanna Handläggare (du)',
      '2026-02-01: samtycke återkallat, registrerat av Hanna Handläggare (du)',
    ]);
    expect(screen.getByRole('button', { name: 'Avsluta SIP:en' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Markera som uppföljd' })).toBeNull();
    expect(await violations()).toEqual([]);
  });

  it('prints for the deltagare and the kommun only, and says why', async () => {
    const db = await loggedInDb();
    const { a, sip } = await setUp(db);
    renderApp(db, undefined, `#/arenden/${a.id}/sip/${String(sip.id)}/utskrift`);
    const group = await screen.findByRole('group', { name: 'Exemplar till' }, WAIT);
    expect(
      within(group)
        .getAllByRole('radio')
        .map((r) => r.getAttribute('value')),
    ).toEqual(['deltagaren', 'kommunen']);
    expect(
      screen.getByText('Planen lämnas inte till regionen: det finns inget gällande samtycke.'),
    ).toBeTruthy();
    expect(screen.getByText('Återkallat 2026-02-01')).toBeTruthy();
    expect(await violations()).toEqual([]);
  });
});

describe('conflicts on case-work records', () => {
  it('shows a möte’s conflict in Swedish labels on the overview and the möte, and stores the choice', async () => {
    const db = await loggedInDb();
    const a = await createLocal(db);
    const mote = await createRecord(db, 'mote', ref(a.id), emptyMoteFields('2026-03-10', 'trepartssamtal'));
    const id = String(mote.id);
    await db.conflicts.bulkPut(
      await sealConflicts(db, [
        {
          id: `${id}:type`,
          entity: 'mote',
          recordId: id,
          field: 'type',
          local: 'flerpartssamtal',
          server: 'trepartssamtal',
          at: '2026-03-11T08:00:00.000Z',
        },
        {
          id: `${id}:participants`,
          entity: 'mote',
          recordId: id,
          field: 'participants',
          local: [{ roll: 'Arbetsförmedlare', part: 'af', mode: 'video' }],
          server: [],
          at: '2026-03-11T08:00:00.000Z',
        },
      ]),
    );
    renderApp(db, undefined, `#/arenden/${a.id}/oversikt`);
    const table = await screen.findByRole('table', { name: 'Möte 2026-03-10 (Trepartssamtal)' }, WAIT);
    const typeRow = within(table).getByRole('row', { name: /Mötestyp/ });
    expect(within(typeRow).getByText('Flerpartssamtal')).toBeTruthy();
    expect(within(typeRow).getByText('Trepartssamtal')).toBeTruthy();
    const who = within(table).getByRole('row', { name: /Mötesdeltagare/ });
    expect(within(who).getByText('Arbetsförmedlare (Arbetsförmedlingen, video)')).toBeTruthy();
    expect(within(who).getByText('tomt')).toBeTruthy();
    expect(table.textContent).not.toMatch(/flerpartssamtal|"roll"/);
    expect(await violations()).toEqual([]);

    window.location.hash = `#/arenden/${a.id}/moten/${id}`;
    await screen.findByRole('heading', { level: 1, name: `Möte 2026-03-10 – ${a.code}` }, WAIT);
    fireEvent.click(await screen.findByRole('button', { name: 'Använd min ändring för Mötestyp' }, WAIT));
    await screen.findByText(
      'Valet är sparat på apparaten och skickas till servern vid nästa synkning.',
      {},
      WAIT,
    );
    const edit = (await readOutbox(db)).at(-1);
    expect(edit).toMatchObject({ entity: 'mote', recordId: id, changes: { type: 'flerpartssamtal' } });
    fireEvent.click(
      await screen.findByRole('button', { name: 'Behåll det sparade för Mötesdeltagare' }, WAIT),
    );
    await waitFor(() => expect(screen.queryByRole('table', { name: /Möte 2026-03-10/ })).toBeNull(), WAIT);
    expect(await db.conflicts.count()).toBe(0);
    expect(await violations()).toEqual([]);
  });
});
