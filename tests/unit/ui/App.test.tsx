import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { App } from '../../../src/ui/App';
import { fakeFaltsam, loggedInDb, renderApp } from './ui-helpers';

describe('App', () => {
  it('opens straight to the list when a session is kept on the device', async () => {
    renderApp(await loggedInDb());
    expect(await screen.findByRole('heading', { level: 1, name: 'Ärenden' })).toBeTruthy();
    expect(screen.getByRole('banner')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Nytt ärende' }).getAttribute('href')).toBe('#/arenden/nytt');
  });

  it('offers a waiting update and applies it only when asked', async () => {
    const db = await loggedInDb();
    const apply = vi.fn();
    render(<App db={db} faltsam={fakeFaltsam()} onUpdateReady={(notify) => notify(apply)} />);
    expect(await screen.findByText('Ny version finns – uppdatera')).toBeTruthy();
    expect(apply).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Uppdatera nu' }));
    expect(apply).toHaveBeenCalledOnce();
  });

  it('moves focus to the new screen’s heading after navigation', async () => {
    renderApp(await loggedInDb());
    await screen.findByRole('heading', { level: 1, name: 'Ärenden' });
    window.location.hash = '#/arenden/nytt';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    const heading = await screen.findByRole('heading', { level: 1, name: 'Nytt ärende' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
  });
});
