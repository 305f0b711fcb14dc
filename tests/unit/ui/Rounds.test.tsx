import { fireEvent, screen, waitFor } from '@testing-library/preact';
import axe from 'axe-core';
import { describe, expect, it } from 'vitest';
import { storeOpenRounds } from '../../../src/db/rounds-repo';
import { saveSession } from '../../../src/db/session-repo';
import type { SessionUser } from '../../../src/domain/account';
import { createFaltsam } from '../../../src/sync/client';
import type { FaltsamClient } from '../../../src/ui/app-context';
import { currentPeriod } from '../../../src/ui/components/rounds/OpenRoundForm';
import { ENHET_NOR, freshDb } from '../../helpers/device';
import { fakeFaltsam, loggedInDb, renderApp, USER } from './ui-helpers';

const ENHET_SKE = '00000000-0000-4000-8000-000000000002';
const KOORDINATOR: SessionUser = {
  ...USER,
  id: '00000000-0000-4000-8000-0000000000b1',
  username: 'kim',
  displayName: 'Kim Koordinator',
  role: 'koordinator',
  enheter: [
    { id: ENHET_NOR, namn: 'Norsjö kommun – ekonomiskt bistånd', kod: 'NOR' },
    { id: ENHET_SKE, namn: 'Skellefteå kommun – ekonomiskt bistånd', kod: 'SKE' },
  ],
};
const OFFLINE = 'Du behöver vara uppkopplad för att öppna en enkätomgång';

async function koordinatorDb() {
  const db = freshDb();
  await saveSession(db, { token: 'x'.repeat(40), expiresAt: '2099-01-01T00:00:00.000Z', user: KOORDINATOR });
  return db;
}

const formHeading = () => screen.findByRole('heading', { level: 2, name: 'Öppna en ny enkätomgång' });
const periodInput = () => screen.getByLabelText('Period') as HTMLInputElement;
const box = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
const submit = () => fireEvent.click(screen.getByRole('button', { name: 'Öppna enkätomgången' }));

async function violations() {
  const result = await axe.run(document.body, {
    rules: { 'color-contrast': { enabled: false }, 'target-size': { enabled: false } },
  });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('opening a half-year round (koordinator)', () => {
  it('is not offered to a handläggare', async () => {
    renderApp(await loggedInDb(), fakeFaltsam(), '#/halvar');
    await screen.findByRole('heading', { level: 1, name: 'Halvårsenkäter' });
    expect(screen.queryByRole('heading', { name: 'Öppna en ny enkätomgång' })).toBeNull();
    expect(screen.queryByLabelText('Period')).toBeNull();
  });

  it('defaults to the current halvår, offers the user’s enheter and the four HALVÅR forms, and validates on the device', async () => {
    const faltsam = fakeFaltsam();
    renderApp(await koordinatorDb(), faltsam, '#/halvar');
    await formHeading();
    expect(periodInput().value).toBe(currentPeriod());
    expect(currentPeriod(new Date(2026, 5, 30))).toBe('2026H1');
    expect(currentPeriod(new Date(2026, 6, 1))).toBe('2026H2');
    for (const label of [
      'Norsjö kommun – ekonomiskt bistånd',
      'Skellefteå kommun – ekonomiskt bistånd',
      'Insatspersonal – per halvår',
      'Förbundschef – per halvår',
      'Styrelse – per halvår',
      'Parternas chefsgrupp – per halvår',
    ])
      expect(box(label).checked).toBe(false);

    fireEvent.input(periodInput(), { target: { value: '2026H3' } });
    submit();
    const summary = await screen.findByRole('heading', { name: 'Rätta 3 fel innan du öppnar omgången' });
    expect(document.activeElement).toBe(summary.closest('section'));
    expect(
      screen.getByRole('link', {
        name: 'Period: Ange perioden som ÅÅÅÅH1 eller ÅÅÅÅH2, till exempel 2026H2.',
      }),
    ).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Enheter: Välj minst en enhet.' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Formulär: Välj minst ett formulär.' })).toBeTruthy();
    expect(periodInput().getAttribute('aria-invalid')).toBe('true');
    expect(faltsam.openRound).not.toHaveBeenCalled();
    expect(await violations()).toEqual([]);

    fireEvent.input(periodInput(), { target: { value: '2026h1' } });
    fireEvent.click(box('Skellefteå kommun – ekonomiskt bistånd'));
    fireEvent.click(box('Styrelse – per halvår'));
    submit();
    await waitFor(() => expect(faltsam.openRound).toHaveBeenCalledTimes(1));
    expect(faltsam.openRound).toHaveBeenCalledWith({
      period: '2026H1',
      enhetIds: [ENHET_SKE],
      formIds: ['F-ST-HALVÅR'],
    });
  });

  it('says plainly that it needs the network when offline, and keeps what was filled in', async () => {
    const db = await koordinatorDb();
    // The real client, with no network at all: every request fails as a browser's fetch does offline.
    const faltsam = createFaltsam({
      db,
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    renderApp(db, faltsam, '#/halvar');
    await formHeading();
    fireEvent.input(periodInput(), { target: { value: '2027H1' } });
    fireEvent.click(box('Norsjö kommun – ekonomiskt bistånd'));
    fireEvent.click(box('Förbundschef – per halvår'));
    fireEvent.click(box('Parternas chefsgrupp – per halvår'));
    submit();
    expect((await screen.findByRole('alert')).textContent).toContain(OFFLINE);
    expect(periodInput().value).toBe('2027H1');
    expect(box('Norsjö kommun – ekonomiskt bistånd').checked).toBe(true);
    expect(box('Skellefteå kommun – ekonomiskt bistånd').checked).toBe(false);
    expect(box('Förbundschef – per halvår').checked).toBe(true);
    expect(box('Parternas chefsgrupp – per halvår').checked).toBe(true);
    expect(screen.queryByRole('heading', { name: 'Omgång 2027H1' })).toBeNull();
    expect(await violations()).toEqual([]);
  });

  it('lists the new round once it is opened', async () => {
    const db = await koordinatorDb();
    const openRound = async (req: Parameters<FaltsamClient['openRound']>[0]) => {
      const round = {
        id: '00000000-0000-4000-8000-0000000000c1',
        period: req.period,
        enheter: KOORDINATOR.enheter.filter((e) => req.enhetIds.includes(e.id)),
        formIds: req.formIds,
        createdAt: '2026-09-01T08:00:00.000Z',
      };
      await storeOpenRounds(db, [round]);
      return { ok: true as const, round };
    };
    renderApp(db, fakeFaltsam({ openRound }), '#/halvar');
    await formHeading();
    fireEvent.input(periodInput(), { target: { value: '2026H2' } });
    fireEvent.click(box('Norsjö kommun – ekonomiskt bistånd'));
    fireEvent.click(box('Insatspersonal – per halvår'));
    submit();
    await screen.findByRole('heading', { level: 2, name: 'Omgång 2026H2' });
    expect(screen.getByRole('status').textContent).toBe('Enkätomgången 2026H2 är öppnad.');
  });
});
