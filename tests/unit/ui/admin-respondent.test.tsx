/**
 * Accounts made on the admin screens, as their users meet the app: a half-year respondent sees only
 * their group's open rounds and answers anonymously; any user whose login the server ended is asked
 * plainly to log in again and told that unsynced work is kept.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import axe from 'axe-core';
import { describe, expect, it } from 'vitest';
import { readOutbox } from '../../../src/db/records';
import { storeOpenRounds } from '../../../src/db/rounds-repo';
import { saveSession } from '../../../src/db/session-repo';
import { applyPushResults } from '../../../src/db/sync-apply';
import { recordSyncError } from '../../../src/db/sync-status';
import type { SessionUser } from '../../../src/domain/account';
import { ENHET_NOR, freshDb } from '../../helpers/device';
import { createLocal, fakeFaltsam, loggedInDb, renderApp, USER } from './ui-helpers';

const ENHET_SKE = '00000000-0000-4000-8000-000000000002';
const NOR = { id: ENHET_NOR, namn: 'Norsjö kommun – ekonomiskt bistånd', kod: 'NOR' };
const SKE = { id: ENHET_SKE, namn: 'Skellefteå kommun – ekonomiskt bistånd', kod: 'SKE' };
const STYRELSE: SessionUser = {
  ...USER,
  id: '00000000-0000-4000-8000-0000000000d1',
  username: 'styrelse.test',
  displayName: 'Testperson Styrelse',
  role: 'respondent',
  respondentGroup: 'styrelse',
  enheter: [],
};

async function violations() {
  const result = await axe.run(document.body, {
    rules: { 'color-contrast': { enabled: false }, 'target-size': { enabled: false } },
  });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function respondentDb() {
  const db = freshDb();
  await saveSession(db, { token: 'x'.repeat(40), expiresAt: '2099-01-01T00:00:00.000Z', user: STYRELSE });
  await storeOpenRounds(db, [
    {
      id: '00000000-0000-4000-8000-0000000000c1',
      period: '2026H2',
      enheter: [NOR, SKE],
      formIds: ['F-IP-HALVÅR', 'F-ST-HALVÅR'],
      createdAt: '2026-09-01T08:00:00.000Z',
    },
    // No form of the styrelse: not offered.
    {
      id: '00000000-0000-4000-8000-0000000000c2',
      period: '2026H1',
      enheter: [NOR],
      formIds: ['F-IP-HALVÅR'],
      createdAt: '2026-03-01T08:00:00.000Z',
    },
  ]);
  return db;
}

describe('a half-year respondent', { timeout: 30_000 }, () => {
  it('sees only the open rounds with their group’s form, whatever the address, and no ärenden', async () => {
    renderApp(await respondentDb(), fakeFaltsam(), '#/arenden/nytt');
    // The first screen of this file loads the page's code.
    await screen.findByRole('heading', { level: 1, name: 'Halvårsenkät' }, { timeout: 10_000 });
    await screen.findByRole('heading', { level: 2, name: 'Omgång 2026H2' });
    expect(screen.getByText('Styrelse – per halvår')).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Omgång 2026H1' })).toBeNull();
    expect(screen.queryByText('Insatspersonal – per halvår')).toBeNull();
    const nav = screen.getByRole('navigation', { name: 'Huvudmeny' });
    expect(within(nav).queryByRole('link', { name: 'Ärenden' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Nytt ärende' })).toBeNull();
    expect(await violations()).toEqual([]);
  });

  it('must choose the enhet, then answers one statement at a time; the response holds round, enhet and group only', async () => {
    const db = await respondentDb();
    renderApp(db, fakeFaltsam(), '#/');
    await screen.findByRole('heading', { level: 2, name: 'Omgång 2026H2' });
    fireEvent.click(screen.getByRole('button', { name: 'Besvara formuläret' }));
    await screen.findByText('Välj den enhet du svarar för.');
    expect(screen.getByLabelText(SKE.namn).getAttribute('aria-invalid')).toBe('true');
    fireEvent.click(screen.getByLabelText(SKE.namn));
    fireEvent.click(screen.getByRole('button', { name: 'Besvara formuläret' }));

    await screen.findByRole('heading', { level: 1, name: 'Enkät' });
    fireEvent.click(screen.getByRole('button', { name: 'Börja' }));
    // F-ST-HALVÅR asks M17a, M17b, M17c, M19 and more; answer the first with 4, skip the rest.
    await screen.findByRole('heading', { level: 1, name: /^Påstående 1 av \d+$/ });
    expect(await violations()).toEqual([]);
    fireEvent.click(screen.getByRole('radio', { name: /^4/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Nästa' }));
    for (;;) {
      const h = await screen.findByRole('heading', { level: 1 });
      if (h.textContent === 'Skicka dina svar') break;
      fireEvent.click(screen.getByRole('button', { name: 'Hoppa över' }));
      await waitFor(() =>
        expect(screen.getByRole('heading', { level: 1 }).textContent).not.toBe(h.textContent),
      );
    }
    fireEvent.click(screen.getByRole('button', { name: 'Skicka' }));
    await screen.findByText(/Tack! Ditt svar för omgång 2026H2 är sparat/);

    const entries = (await readOutbox(db)).filter((e) => e.entity === 'response');
    expect(entries).toHaveLength(1);
    const changes = entries[0]?.changes as Record<string, unknown>;
    expect(changes).toMatchObject({
      formId: 'F-ST-HALVÅR',
      round: '2026H2',
      enhetId: ENHET_SKE,
      group: 'styrelse',
    });
    expect(Object.values(changes.answers as Record<string, number>)).toEqual([4]);
    expect(JSON.stringify(changes)).not.toContain(STYRELSE.id);
    expect(changes).not.toHaveProperty('arendeId');
    expect(await violations()).toEqual([]);
  });

  it('sees the server’s refusal of a second answer to a round, without a link to a screen that does not exist', async () => {
    const db = await respondentDb();
    renderApp(db, fakeFaltsam(), '#/');
    await screen.findByRole('heading', { level: 2, name: 'Omgång 2026H2' });
    fireEvent.click(screen.getByLabelText(NOR.namn));
    fireEvent.click(screen.getByRole('button', { name: 'Besvara formuläret' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Börja' }));
    for (;;) {
      const h = await screen.findByRole('heading', { level: 1 });
      if (h.textContent === 'Skicka dina svar') break;
      fireEvent.click(screen.getByRole('button', { name: 'Hoppa över' }));
      await waitFor(() =>
        expect(screen.getByRole('heading', { level: 1 }).textContent).not.toBe(h.textContent),
      );
    }
    fireEvent.click(screen.getByRole('button', { name: 'Skicka' }));
    await screen.findByText(/Tack! Ditt svar/);
    const [entry] = await db.outbox.toArray();
    if (!entry) throw new Error('no outbox entry');
    await applyPushResults(
      db,
      [
        {
          status: 'rejected',
          id: entry.id,
          seq: entry.seq,
          recordId: entry.recordId,
          error: { code: 'redan_svarat', message: 'Du har redan svarat på omgång 2026H2.' },
        },
      ],
      new Date(),
    );
    const sync = screen.getByRole('region', { name: 'Synkning' });
    await within(sync).findByText('Du har redan svarat på omgång 2026H2.', { exact: false });
    expect(within(sync).queryByRole('link', { name: /Öppna ärende/ })).toBeNull();
  });

  it('is told plainly when the account has no group', async () => {
    const db = freshDb();
    await saveSession(db, {
      token: 'x'.repeat(40),
      expiresAt: '2099-01-01T00:00:00.000Z',
      user: { ...STYRELSE, respondentGroup: null },
    });
    renderApp(db, fakeFaltsam(), '#/');
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Kontot saknar halvårsgrupp. Kontakta administratören.',
    );
  });
});

describe('a login the server has ended', { timeout: 30_000 }, () => {
  it('asks to log in again with the server’s reason, says the unsynced ärende is kept, and logs in as the same user', async () => {
    const db = await loggedInDb();
    await createLocal(db);
    await recordSyncError(db, {
      kind: 'auth',
      message: 'Lösenordet till ditt konto har bytts. Logga in igen med det nya lösenordet.',
      at: new Date().toISOString(),
    });
    const faltsam = fakeFaltsam();
    renderApp(db, faltsam, '#/');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(
      'Lösenordet till ditt konto har bytts. Logga in igen med det nya lösenordet.',
    );
    expect(alert.textContent).toContain(
      'En ändring som inte är synkad finns kvar på apparaten och synkas när du har loggat in.',
    );
    expect(await violations()).toEqual([]);

    fireEvent.click(within(alert).getByRole('link', { name: 'Logga in igen' }));
    await screen.findByRole('heading', { level: 1, name: 'Logga in' });
    expect(screen.getByRole('status').textContent).toBe(
      `Logga in igen som ${USER.displayName}. Det du har sparat på apparaten finns kvar och synkas när du har loggat in.`,
    );
    expect((screen.getByLabelText('Användarnamn') as HTMLInputElement).value).toBe(USER.username);
    fireEvent.input(screen.getByLabelText('Lösenord'), { target: { value: 'nytt-langt-losenord-9' } });
    fireEvent.click(screen.getByRole('button', { name: 'Logga in' }));
    await waitFor(() =>
      expect(faltsam.login).toHaveBeenCalledWith(USER.username, 'nytt-langt-losenord-9', {}),
    );
    expect(await db.outbox.count()).toBe(1);
    expect(await violations()).toEqual([]);
  });
});
