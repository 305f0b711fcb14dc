import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { applyPushResults } from '../../../src/db/sync-apply';
import { recordSyncError, recordSyncSuccess } from '../../../src/db/sync-status';
import { createLocal, fakeFaltsam, loggedInDb, renderApp } from './ui-helpers';

const region = () => screen.findByRole('region', { name: 'Synkning' });

describe('SyncStatus', () => {
  it('shows how many edits are not yet synced and when the device last synced', async () => {
    const db = await loggedInDb();
    await createLocal(db);
    await createLocal(db);
    await recordSyncSuccess(db, new Date(Date.now() - 5 * 60_000));
    renderApp(db);
    expect(await screen.findByText('Ej synkat: 2')).toBeTruthy();
    expect(within(await region()).getByText(/för 5 minuter sedan/)).toBeTruthy();
  });

  it('explains a network failure in plain Swedish', async () => {
    const db = await loggedInDb();
    await recordSyncError(db, { kind: 'network', message: 'x', at: new Date().toISOString() });
    renderApp(db);
    expect(
      await screen.findByText('Ingen anslutning – sparat på apparaten, synkas när nätet är tillbaka'),
    ).toBeTruthy();
  });

  it('lists a rejected edit with its message and a link to the ärende', async () => {
    const db = await loggedInDb();
    const a = await createLocal(db);
    const entry = await db.outbox.where('recordId').equals(a.id).first();
    if (!entry) throw new Error('no outbox entry');
    await applyPushResults(
      db,
      [
        {
          status: 'rejected',
          id: entry.id,
          seq: entry.seq,
          recordId: a.id,
          error: { code: 'ogiltig', message: 'Enheten finns inte.' },
        },
      ],
      new Date(),
    );
    renderApp(db);
    const status = await region();
    expect(await within(status).findByText(/Enheten finns inte\./)).toBeTruthy();
    const link = within(status).getByRole('link', { name: `Öppna ärende ${a.code}` });
    expect(link.getAttribute('href')).toBe(`#/arenden/${a.id}`);
  });

  it('runs a sync on "Synka nu" and marks the button busy meanwhile', async () => {
    const db = await loggedInDb();
    let finish: () => void = () => {};
    const faltsam = fakeFaltsam({
      syncNow: () =>
        new Promise((resolve) => {
          finish = () => resolve({ ok: true, pushed: 0, rejected: 0, pulled: 0 });
        }),
    });
    renderApp(db, faltsam);
    const button = await screen.findByRole('button', { name: 'Synka nu' });
    fireEvent.click(button);
    await waitFor(() => expect(button.getAttribute('aria-busy')).toBe('true'));
    finish();
    await waitFor(() => expect(button.getAttribute('aria-busy')).toBe('false'));
    expect(screen.getByText('Synkningen är klar.')).toBeTruthy();
  });
});

describe('Logga ut', () => {
  it('warns before discarding unsynced edits and logs out only when confirmed', async () => {
    const db = await loggedInDb();
    const faltsam = fakeFaltsam({
      logout: async (opts) =>
        opts?.discardUnsynced ? { loggedOut: true, unsynced: 2 } : { loggedOut: false, unsynced: 2 },
    });
    renderApp(db, faltsam);
    fireEvent.click(await screen.findByRole('button', { name: 'Logga ut' }));
    const dialog = await screen.findByRole('dialog', { name: 'Logga ut?' });
    expect(within(dialog).getByText(/2 ändringar har inte kunnat synkas/)).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Stanna kvar' }));
    fireEvent.click(screen.getByRole('button', { name: 'Logga ut' }));
    fireEvent.click(
      await within(await screen.findByRole('dialog')).findByRole('button', { name: 'Logga ut ändå' }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });
});
