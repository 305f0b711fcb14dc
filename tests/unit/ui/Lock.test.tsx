import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import axe from 'axe-core';
import { describe, expect, it } from 'vitest';
import {
  isUnlocked,
  lockStore,
  UnlockSecretNeededError,
  unlockStore,
  WrongSecretError,
} from '../../../src/db/store-key';
import { App } from '../../../src/ui/App';
import { freshDb, TEST_SECRET } from '../../helpers/device';
import { createLocal, fakeFaltsam, loggedInDb, renderApp } from './ui-helpers';

const heading = (name: string) => screen.findByRole('heading', { level: 1, name });

async function violations() {
  const result = await axe.run(document.body, {
    rules: { 'color-contrast': { enabled: false }, 'target-size': { enabled: false } },
  });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

function typeSecret(value: string) {
  fireEvent.input(screen.getByLabelText('Upplåsningskod'), { target: { value } });
  fireEvent.click(screen.getByRole('button', { name: 'Lås upp' }));
}

describe('the lock screen', () => {
  it('opens on the lock screen when the store is locked, whatever the URL, and unlocks with the right secret only', async () => {
    const db = await loggedInDb();
    const arende = await createLocal(db);
    lockStore(db);
    renderApp(db, fakeFaltsam(), `#/arenden/${arende.id}`);
    await heading('Fältsam är låst');
    expect(screen.getByText(/Hanna Handläggare, skriv din upplåsningskod/)).toBeTruthy();
    expect(document.body.textContent).not.toContain(arende.code);
    expect(await violations()).toEqual([]);

    typeSecret('');
    expect(await screen.findByText('Skriv din upplåsningskod.')).toBeTruthy();
    typeSecret('fel-kod');
    expect(await screen.findByText('Fel upplåsningskod. Försök igen – uppgifterna finns kvar.')).toBeTruthy();
    expect(isUnlocked(db)).toBe(false);
    expect(await violations()).toEqual([]);

    typeSecret(TEST_SECRET);
    await screen.findByDisplayValue(arende.anteckningar ?? '', {}, { timeout: 5_000 });
    expect(isUnlocked(db)).toBe(true);
  });

  it('locks with the Lås button and after the idle time without input', async () => {
    const db = await loggedInDb();
    const { rerender } = render(<App db={db} faltsam={fakeFaltsam()} lockIdleMs={60_000} />);
    await heading('Ärenden');
    fireEvent.click(screen.getByRole('button', { name: 'Lås Fältsam nu' }));
    await heading('Fältsam är låst');
    expect(isUnlocked(db)).toBe(false);
    typeSecret(TEST_SECRET);
    await heading('Ärenden');

    rerender(<App db={db} faltsam={fakeFaltsam()} lockIdleMs={300} />);
    await heading('Ärenden');
    await waitFor(() => expect(isUnlocked(db)).toBe(false), { timeout: 3_000 });
    await heading('Fältsam är låst');
  });

  it('changes the unlock secret offline, refusing a wrong current one and a mismatch', async () => {
    const db = await loggedInDb();
    renderApp(db, fakeFaltsam(), '#/upplasningskod');
    await heading('Byt upplåsningskod');
    expect(await violations()).toEqual([]);
    const fill = (label: string, value: string) =>
      fireEvent.input(screen.getByLabelText(label), { target: { value } });
    fill('Nuvarande upplåsningskod', TEST_SECRET);
    fill('Ny upplåsningskod', 'kort');
    fireEvent.click(screen.getByRole('button', { name: 'Byt upplåsningskod' }));
    expect(await screen.findAllByText(/minst 8 tecken\.$/)).toBeTruthy();
    fill('Ny upplåsningskod', 'en-ny-lang-kod');
    fill('Upprepa den nya upplåsningskoden', 'en-annan-kod');
    fireEvent.click(screen.getByRole('button', { name: 'Byt upplåsningskod' }));
    expect((await screen.findAllByText(/Koderna är inte lika/)).length).toBeGreaterThan(0);
    fill('Nuvarande upplåsningskod', 'inte-koden');
    fill('Upprepa den nya upplåsningskoden', 'en-ny-lang-kod');
    fireEvent.click(screen.getByRole('button', { name: 'Byt upplåsningskod' }));
    expect((await screen.findAllByText(/nuvarande upplåsningskoden stämmer inte/)).length).toBeGreaterThan(0);
    fill('Nuvarande upplåsningskod', TEST_SECRET);
    fireEvent.click(screen.getByRole('button', { name: 'Byt upplåsningskod' }));
    expect(await screen.findByText(/Upplåsningskoden är bytt/, {}, { timeout: 20_000 })).toBeTruthy();
    lockStore(db);
    await expect(unlockStore(db, TEST_SECRET)).rejects.toBeInstanceOf(WrongSecretError);
    await unlockStore(db, 'en-ny-lang-kod');
  }, 30_000);
});

describe('login when the password no longer opens the store', () => {
  it('asks for the previous unlock secret, and offers a fresh start only when nothing is unsynced', async () => {
    const calls: unknown[] = [];
    const faltsam = fakeFaltsam({
      login: async (_u, _p, opts) => {
        calls.push(opts);
        if (!opts?.unlockSecret && !opts?.startFresh) throw new UnlockSecretNeededError(0);
        if (opts.unlockSecret === 'fel') throw new WrongSecretError();
      },
    });
    renderApp(freshDb(), faltsam);
    fireEvent.input(await screen.findByLabelText('Användarnamn'), { target: { value: 'hanna' } });
    fireEvent.input(screen.getByLabelText('Lösenord'), { target: { value: 'nytt-losenord' } });
    fireEvent.click(screen.getByRole('button', { name: 'Logga in' }));
    expect(await screen.findByText(/Lösenordet öppnar inte uppgifterna på den här apparaten/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Rensa apparaten och börja om' })).toBeTruthy();
    expect(await violations()).toEqual([]);
    fireEvent.input(screen.getByLabelText('Upplåsningskod'), { target: { value: 'fel' } });
    fireEvent.click(screen.getByRole('button', { name: 'Logga in' }));
    expect(await screen.findByText('Fel upplåsningskod. Försök igen.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Rensa apparaten och börja om' }));
    await waitFor(() => expect(calls.at(-1)).toEqual({ startFresh: true }));
    expect(calls).toEqual([{}, { unlockSecret: 'fel' }, { startFresh: true }]);
  });

  it('does not offer a fresh start while anything is unsynced', async () => {
    const faltsam = fakeFaltsam({
      login: async () => {
        throw new UnlockSecretNeededError(2);
      },
    });
    renderApp(freshDb(), faltsam);
    fireEvent.input(await screen.findByLabelText('Användarnamn'), { target: { value: 'hanna' } });
    fireEvent.input(screen.getByLabelText('Lösenord'), { target: { value: 'nytt-losenord' } });
    fireEvent.click(screen.getByRole('button', { name: 'Logga in' }));
    expect(await screen.findByText(/2 ändringar på apparaten är inte synkade/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Rensa apparaten och börja om' })).toBeNull();
  });
});
