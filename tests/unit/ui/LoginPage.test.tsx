import { configure, fireEvent, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { saveSession } from '../../../src/db/session-repo';
import { ApiError, NetworkError } from '../../../src/sync/api';
import { freshDb } from '../../helpers/device';
import { fakeFaltsam, renderApp, USER } from './ui-helpers';

// The login screen loads lazily; on a loaded machine that can take more than the default 1 s to
// appear (as in Konsultation.test.tsx). A wait for what the user sees, not a speed check.
configure({ asyncUtilTimeout: 5000 });

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
      'Ingen anslutning – du behöver vara uppkopplad första gången du loggar in på den här apparaten',
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

  it('asks for an own password after a one-time one, checks it, and signs in with it', async () => {
    const db = freshDb();
    const calls: (string | undefined)[] = [];
    const faltsam = fakeFaltsam({
      login: async (_username, _password, opts) => {
        calls.push(opts?.newPassword);
        if (!opts?.newPassword)
          throw new ApiError(403, {
            code: 'losenord_maste_bytas',
            message:
              'Du har loggat in med ett tillfälligt lösenord. Välj ett eget lösenord för att fortsätta.',
          });
        await saveSession(db, { token: 'x'.repeat(40), expiresAt: '2099-01-01T00:00:00.000Z', user: USER });
      },
    });
    renderApp(db, faltsam);
    await submit('hanna', 'k7mq-2xhr-9pwe-t4na');
    expect((await screen.findByText(/Du har fått ett tillfälligt lösenord/)).getAttribute('role')).toBe(
      'status',
    );
    const choose = screen.getByRole('button', { name: 'Byt lösenord och logga in' });

    fireEvent.input(screen.getByLabelText('Nytt lösenord'), { target: { value: 'kort' } });
    fireEvent.click(choose);
    expect(await screen.findByText('Lösenordet måste vara minst 12 tecken långt.')).toBeTruthy();
    fireEvent.input(screen.getByLabelText('Nytt lösenord'), { target: { value: 'mitt-eget-losenord' } });
    fireEvent.input(screen.getByLabelText('Upprepa det nya lösenordet'), {
      target: { value: 'mitt-eget-losenorD' },
    });
    fireEvent.click(choose);
    expect(
      await screen.findByText('Lösenorden är inte lika. Skriv samma nya lösenord två gånger.'),
    ).toBeTruthy();
    expect(calls).toEqual([undefined]);

    fireEvent.input(screen.getByLabelText('Upprepa det nya lösenordet'), {
      target: { value: 'mitt-eget-losenord' },
    });
    fireEvent.click(choose);
    expect(await screen.findByRole('heading', { level: 1, name: 'Ärenden' })).toBeTruthy();
    expect(calls).toEqual([undefined, 'mitt-eget-losenord']);
  });

  it("shows the server's refusal of the new password on its field", async () => {
    const faltsam = fakeFaltsam({
      login: async (_u, _p, opts) => {
        if (!opts?.newPassword)
          throw new ApiError(403, { code: 'losenord_maste_bytas', message: 'Tillfälligt lösenord.' });
        throw new ApiError(400, {
          code: 'ogiltig_begaran',
          message: 'Det nya lösenordet måste skilja sig från det tillfälliga.',
          fields: { newPassword: 'Det nya lösenordet måste skilja sig från det tillfälliga.' },
        });
      },
    });
    renderApp(freshDb(), faltsam);
    await submit('hanna', 'samma-som-forut-1');
    fireEvent.input(await screen.findByLabelText('Nytt lösenord'), {
      target: { value: 'samma-som-forut-1' },
    });
    fireEvent.input(screen.getByLabelText('Upprepa det nya lösenordet'), {
      target: { value: 'samma-som-forut-1' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Byt lösenord och logga in' }));
    const message = await screen.findByText('Det nya lösenordet måste skilja sig från det tillfälliga.');
    expect(message.closest('.field, div')).toBeTruthy();
    expect(screen.getByLabelText('Nytt lösenord').getAttribute('aria-invalid')).toBe('true');
  });
});
