import { fireEvent, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { saveSession } from '../../../src/db/session-repo';
import { ApiError, NetworkError } from '../../../src/sync/api';
import { freshDb } from '../../helpers/device';
import { fakeFaltsam, renderApp, USER } from './ui-helpers';

async function submit(username: string, password: string) {
  fireEvent.input(await screen.findByLabelText('Användarnamn'), { target: { value: username } });
  fireEvent.input(screen.getByLabelText('Lösenord'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Logga in' }));
}

describe('LoginPage', () => {
  it('says the first login on a device needs the network', async () => {
    const faltsam = fakeFaltsam({
      login: async () => {
        throw new NetworkError(new TypeError('Failed to fetch'));
      },
    });
    renderApp(freshDb(), faltsam);
    await submit('hanna', 'hemligt');
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Ingen anslutning – du behöver vara uppkopplad första gången du loggar in på den här enheten',
    );
  });

  it("shows the server's message for a wrong password", async () => {
    const faltsam = fakeFaltsam({
      login: async () => {
        throw new ApiError(401, { code: 'fel_inloggning', message: 'Fel användarnamn eller lösenord.' });
      },
    });
    renderApp(freshDb(), faltsam);
    await submit('hanna', 'fel');
    expect((await screen.findByRole('alert')).textContent).toBe('Fel användarnamn eller lösenord.');
  });

  it('goes to the list once the session is stored', async () => {
    const db = freshDb();
    const faltsam = fakeFaltsam({
      login: async () => {
        await saveSession(db, { token: 'x'.repeat(40), expiresAt: '2099-01-01T00:00:00.000Z', user: USER });
      },
    });
    renderApp(db, faltsam);
    await submit('hanna', 'rätt');
    expect(await screen.findByRole('heading', { level: 1, name: 'Ärenden' })).toBeTruthy();
    expect(screen.getByText('Inloggad: Hanna Handläggare, Samordningsförbundet Test')).toBeTruthy();
  });
});
