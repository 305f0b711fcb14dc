import { configure, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import axe from 'axe-core';
import { describe, expect, it } from 'vitest';
import type { FaltsamDb } from '../../../src/db/database';
import { loadKonsultationer, saveKonsultation } from '../../../src/db/konsultation-repo';
import { readOutbox } from '../../../src/db/records';
import { saveSession } from '../../../src/db/session-repo';
import { applyPushResults } from '../../../src/db/sync-apply';
import { emptyKonsultationsfall } from '../../../src/domain/konsultation';
import { ENHET_NOR, FORBUND, freshDb } from '../../helpers/device';
import { konsultationsmote } from '../../helpers/konsultation';
import { fictitiousPersonnummer } from '../../integration/server/support';
import { loggedInDb, renderApp, USER } from './ui-helpers';

// The screens load lazily on first use; on a loaded machine that can take more than the default 1 s.
configure({ asyncUtilTimeout: 5000 });

async function violations() {
  const result = await axe.run(document.body, {
    rules: { 'color-contrast': { enabled: false }, 'target-size': { enabled: false } },
  });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function koordinatorDb(): Promise<FaltsamDb> {
  const db = freshDb();
  const user = { ...USER, role: 'koordinator' as const, displayName: 'Kim Koordinator' };
  await saveSession(db, { token: 'x'.repeat(40), expiresAt: '2099-01-01T00:00:00.000Z', user });
  return db;
}

const type = (label: string | RegExp, value: string, within_: HTMLElement = document.body) =>
  fireEvent.input(within(within_).getByLabelText(label), { target: { value } });
const choose = (label: string | RegExp, value: string, within_: HTMLElement = document.body) =>
  fireEvent.change(within(within_).getByLabelText(label), { target: { value } });

const fallDraft = {
  ...emptyKonsultationsfall('af'),
  sammanfattning: 'Långvarigt bistånd, ohälsa.',
  fraga: 'Vem bedömer arbetsförmågan?',
  utfall: 'rad_losning' as const,
};

describe('konsultationsteam meeting form', () => {
  it('refuses an incomplete meeting with a linked error summary and stores nothing', async () => {
    const db = await koordinatorDb();
    renderApp(db, undefined, '#/konsultation/nytt');
    await screen.findByRole('heading', { level: 1, name: 'Nytt möte i konsultationsteamet' });
    fireEvent.click(screen.getByRole('button', { name: 'Lägg till ärende' }));
    fireEvent.click(screen.getByRole('button', { name: 'Spara mötet' }));
    const summary = await screen.findByRole('heading', { name: 'Rätta 4 fel innan du sparar' });
    const links = within(summary.closest('section') as HTMLElement).getAllByRole('link');
    expect(links.map((l) => l.textContent)).toEqual([
      'Närvarande parter: Välj minst en part som var med på mötet.',
      'Ärende 1, avidentifierad sammanfattning: Beskriv ärendet kort, utan uppgifter som kan identifiera personen.',
      'Ärende 1, frågan till teamet: Skriv frågan som ställdes till teamet.',
      'Ärende 1, utfall: Välj vad ärendet ledde till.',
    ]);
    await waitFor(() => expect(document.activeElement).toBe(summary.closest('section')));
    fireEvent.click(links[2] as HTMLElement);
    expect(document.activeElement).toBe(screen.getByLabelText(/^Frågan till teamet/));
    expect(screen.getByLabelText(/^Frågan till teamet/).getAttribute('aria-invalid')).toBe('true');
    expect(await violations()).toEqual([]);
    expect(await db.records.count()).toBe(0);
  });

  it('shows the free-text guard, the code check and the month rule on the fields', async () => {
    const db = await koordinatorDb();
    renderApp(db, undefined, '#/konsultation/nytt');
    await screen.findByRole('heading', { level: 1, name: 'Nytt möte i konsultationsteamet' });
    fireEvent.click(screen.getByLabelText('Arbetsförmedlingen'));
    type(/^Anteckningar från mötet/, 'Kontakt via exempel@example.se');
    fireEvent.click(screen.getByRole('button', { name: 'Lägg till ärende' }));
    const fall = screen.getByRole('group', { name: 'Ärende 1' });
    type(/^Avidentifierad sammanfattning/, 'Samma person som NOR-4K7P.', fall);
    type(/^Frågan till teamet/, `Gäller ${fictitiousPersonnummer()}.`, fall);
    type(/^Aktuellt sedan/, '2025-09-14', fall);
    choose(/^Utfall/, 'rad_losning', fall);
    fireEvent.click(screen.getByRole('button', { name: 'Spara mötet' }));
    await screen.findByRole('heading', { name: 'Rätta 4 fel innan du sparar' });
    const errorOf = (label: RegExp) =>
      document.getElementById(`${screen.getByLabelText(label).id}-error`)?.textContent;
    expect(errorOf(/^Anteckningar från mötet/)).toMatch(/en e-postadress/);
    expect(errorOf(/^Avidentifierad sammanfattning/)).toMatch(/liknar en ärendekod/);
    expect(errorOf(/^Frågan till teamet/)).toMatch(/ett personnummer/);
    expect(errorOf(/^Aktuellt sedan/)).toMatch(/ÅÅÅÅ-MM/);
    expect(await db.records.count()).toBe(0);
  });

  it('saves a valid meeting with two cases and lists it as not yet synced', async () => {
    const db = await koordinatorDb();
    renderApp(db, undefined, '#/konsultation/nytt');
    await screen.findByRole('heading', { level: 1, name: 'Nytt möte i konsultationsteamet' });
    type(/^Mötesdatum/, '2026-03-12');
    for (const p of ['Socialtjänsten', 'Arbetsförmedlingen', 'Försäkringskassan'])
      fireEvent.click(screen.getByLabelText(p));
    for (const [i, lyftAv] of [
      [1, 'af'],
      [2, 'fk'],
    ] as const) {
      fireEvent.click(screen.getByRole('button', { name: 'Lägg till ärende' }));
      const fall = screen.getByRole('group', { name: `Ärende ${i}` });
      choose(/^Lyft av/, lyftAv, fall);
      type(/^Avidentifierad sammanfattning/, 'Långvarigt bistånd.', fall);
      type(/^Frågan till teamet/, 'Vilken part kan ta nästa steg?', fall);
      choose(/^Åldersgrupp/, '30-39', fall);
      choose(/^Kommun eller enhet/, ENHET_NOR, fall);
      choose(/^Utfall/, 'ny_kontaktvag', fall);
    }
    fireEvent.click(screen.getByRole('button', { name: 'Spara mötet' }));
    await screen.findByRole('heading', { level: 1, name: 'Konsultationsteam' });
    expect(screen.getByRole('status').textContent).toBe('Mötet är sparat på apparaten.');
    const row = within(await screen.findByRole('table'))
      .getByRole('link', { name: 'Möte 2026-03-12' })
      .closest('tr');
    expect(row?.textContent).toContain('Socialtjänsten, Arbetsförmedlingen, Försäkringskassan');
    expect(row?.textContent).toContain('Ej synkad');
    const [saved] = await loadKonsultationer(db);
    expect(saved?.fall.map((f) => [f.nr, f.lyftAv, f.aldersgrupp, f.enhetId])).toEqual([
      [1, 'af', '30-39', ENHET_NOR],
      [2, 'fk', '30-39', ENHET_NOR],
    ]);
    expect(await violations()).toEqual([]);
  });

  it('shows the server’s refusal on the refused summary and field', async () => {
    const db = await koordinatorDb();
    const moteId = await saveKonsultation(db, {
      forbundId: FORBUND,
      mote: konsultationsmote(),
      fall: [{ ...fallDraft, aldersgrupp: '65+' }],
    });
    const message =
      'Åldersgruppen 65 år eller äldre kan inte anges: förbundet har färre än 5 aktiva ärenden.';
    const fallId = (await loadKonsultationer(db))[0]?.fall[0]?.id;
    // The server's refusal arrives as a push result, the way a sync stores it.
    const entry = (await readOutbox(db)).find((e) => e.recordId === fallId);
    await applyPushResults(
      db,
      [
        {
          status: 'rejected',
          id: entry?.id ?? '',
          seq: entry?.seq ?? 0,
          recordId: String(fallId),
          error: { code: 'for_fa_arenden', message, fields: { aldersgrupp: message } },
        },
      ],
      new Date(),
    );
    renderApp(db, undefined, `#/konsultation/${moteId}`);
    const fall = await screen.findByRole('group', { name: 'Ärende 1' });
    expect(within(fall).getByRole('alert').textContent).toBe(`Servern tog inte emot ärendet: ${message}`);
    expect(
      within(fall)
        .getByLabelText(/^Åldersgrupp/)
        .getAttribute('aria-invalid'),
    ).toBe('true');
    expect(screen.queryByRole('button', { name: 'Ta bort ärende 1' })).toBeNull();
    const link = await within(screen.getByRole('region', { name: 'Synkning' })).findByRole('link', {
      name: 'Öppna konsultationsmötet',
    });
    expect(link.getAttribute('href')).toBe(`#/konsultation/${moteId}`);
    expect(await violations()).toEqual([]);
  });
});

describe('konsultationsteam access and statistics', () => {
  it('shows the nav link to a koordinator only; a handläggare gets a plain sentence', async () => {
    const db = await loggedInDb();
    renderApp(db, undefined, '#/konsultation');
    await screen.findByText('Konsultationsteamets anteckningar och statistik förs av koordinatorer.');
    expect(screen.queryByRole('link', { name: 'Konsultationsteam' })).toBeNull();
  });

  it('shows captioned statistics tables for the period, with a CSV button per table', async () => {
    const db = await koordinatorDb();
    await saveKonsultation(db, {
      forbundId: FORBUND,
      mote: konsultationsmote({ datum: '2026-03-12', narvarande: ['socialtjanst', 'af'] }),
      fall: [fallDraft, { ...fallDraft, lyftAv: 'socialtjanst', utfall: 'tas_upp_igen' }],
    });
    await saveKonsultation(db, {
      forbundId: FORBUND,
      mote: konsultationsmote({ datum: '2025-11-02' }),
      fall: [fallDraft],
    });
    renderApp(db, undefined, '#/konsultation/statistik');
    expect(await screen.findByRole('link', { name: 'Konsultationsteam' })).toBeTruthy();
    await screen.findByRole('heading', { level: 1, name: 'Konsultationsteamets statistik' });
    type(/^Från och med/, '2026-01-01');
    const totals = await screen.findByRole('table', { name: 'Sammanfattning för perioden' });
    expect(within(totals).getByRole('rowheader', { name: 'Antal ärenden' }).nextSibling?.textContent).toBe(
      '2',
    );
    expect(
      within(totals).getByRole('rowheader', { name: 'Andel från andra än socialtjänsten (%)' }).nextSibling
        ?.textContent,
    ).toBe('50');
    const perMeeting = screen.getByRole('table', { name: /^Per möte/ });
    expect(within(perMeeting).getAllByRole('row')).toHaveLength(2);
    expect(within(perMeeting).getByRole('rowheader').textContent).toBe('2026-03-12');
    expect(screen.getByRole('table', { name: /^Per part/ })).toBeTruthy();
    expect(screen.getByRole('table', { name: /^Utfall/ })).toBeTruthy();
    expect(screen.getAllByRole('button', { name: /^Ladda ner CSV: / })).toHaveLength(4);
    type(/^Från och med/, '2027-01-01');
    await waitFor(() => expect(screen.getByText('Inga möten under perioden.')).toBeTruthy());
    expect(await violations()).toEqual([]);
  });
});
