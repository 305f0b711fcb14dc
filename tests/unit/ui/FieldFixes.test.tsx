// What users tripped on in the field (issue 17), each shown where they saw it: the hand-over unlock
// after "Byt upplåsningskod", a search that hid a new ärende, conflict notices with raw field codes,
// a queued enkät called "skickad", the SIP's start date in UTC, a malformed address that blanked the
// app. (M14 in hand-over mode: Casework.test.tsx.)
process.env.TZ = 'Europe/Stockholm'; // before any date is formatted: the device's zone

import { fireEvent, render, screen, within } from '@testing-library/preact';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { createRecord } from '../../../src/db/casework-repo';
import { sealConflicts } from '../../../src/db/codec';
import type { FaltsamDb } from '../../../src/db/database';
import { startHandover } from '../../../src/db/handover-repo';
import { ARENDE_FIELDS } from '../../../src/domain/arende';
import { emptySipFields } from '../../../src/domain/sip';
import { conflictFieldLabel, conflictValue } from '../../../src/ui/components/ConflictNotice';
import { ErrorBoundary } from '../../../src/ui/components/ErrorBoundary';
import { catalogue as arendeCatalogue } from '../../../src/ui/i18n/arende';
import { formatInstantDate } from '../../../src/ui/i18n/format-time';
import { applyLang } from '../../../src/ui/i18n/locale';
import { FORBUND, TEST_SECRET } from '../../helpers/device';
import { createLocal, fakeFaltsam, loggedInDb, renderApp, seedSynced, USER } from './ui-helpers';

const heading = (name: string | RegExp) => screen.findByRole('heading', { level: 1, name });
const click = (name: string | RegExp) => fireEvent.click(screen.getByRole('button', { name }));

async function withConflicts(
  db: FaltsamDb,
  arendeId: string,
  rows: [string, unknown, unknown][],
  { serverPending = false } = {},
) {
  const sealed = await sealConflicts(
    db,
    rows.map(([field, local, server]) => ({
      id: `${arendeId}:${field}`,
      entity: 'arende' as const,
      recordId: arendeId,
      field,
      local,
      server,
      at: '2026-11-01T10:00:00.000Z',
      ...(serverPending ? { serverPending: true } : {}),
    })),
  );
  await db.conflicts.bulkPut(sealed);
}

describe('hand-over unlock after "Byt upplåsningskod"', () => {
  it('asks for the upplåsningskod by that name and opens with the new code only', async () => {
    const db = await loggedInDb();
    const arende = await createLocal(db);
    renderApp(db, fakeFaltsam(), '#/upplasningskod');
    await heading('Byt upplåsningskod');
    const fill = (label: string, value: string) =>
      fireEvent.input(screen.getByLabelText(label), { target: { value } });
    fill('Nuvarande upplåsningskod', TEST_SECRET);
    fill('Ny upplåsningskod', 'en-ny-lang-kod');
    fill('Upprepa den nya upplåsningskoden', 'en-ny-lang-kod');
    click('Byt upplåsningskod');
    await screen.findByText(/Upplåsningskoden är bytt/, {}, { timeout: 20_000 });

    await startHandover(db, {
      formId: 'F-D-INTERVALL',
      target: { kind: 'arende', arendeId: arende.id },
      returnTo: `#/arenden/${arende.id}`,
    });
    await heading('Enkät');
    fireEvent.click(screen.getByLabelText('Svarar själv'));
    click('Börja');
    await heading('Påstående 1 av 1');
    click('Hoppa över');
    await heading('Skicka dina svar');
    click('Skicka');
    await heading('Tack för dina svar!');
    click('Lås upp (för handläggaren)');
    await heading('Lås upp');
    // One name for one secret: the same words as the lock screen and the change screen.
    const intro = screen.getByText(/^För handläggaren:/).textContent ?? '';
    expect(intro).toMatch(/upplåsningskod/);
    expect(intro).not.toMatch(/lösenord/i);
    expect(screen.queryByLabelText('Lösenord')).toBeNull();
    const field = screen.getByLabelText('Upplåsningskod');
    fireEvent.input(field, { target: { value: TEST_SECRET } }); // the old code, also the password
    click('Lås upp');
    expect(await screen.findByText('Fel upplåsningskod. Försök igen.', {}, { timeout: 10_000 })).toBeTruthy();
    fireEvent.input(screen.getByLabelText('Upplåsningskod'), { target: { value: 'en-ny-lang-kod' } });
    click('Lås upp');
    await heading(`Ärende ${arende.code}`);
  }, 60_000);
});

describe('a search typed earlier', () => {
  it('does not hide the ärende just created: the list shows it, the stale search is cleared', async () => {
    const db = await loggedInDb();
    const [old] = await seedSynced(db, 3, () => ({ handlaggareId: USER.id }));
    renderApp(db);
    await screen.findByText('Visar 3 av 3 ärenden');
    fireEvent.input(screen.getByLabelText('Sök på kod'), { target: { value: old?.code ?? '' } });
    await screen.findByText('Visar 1 av 1 ärenden');
    fireEvent.click(screen.getByRole('link', { name: 'Nytt ärende' }));
    await heading('Nytt ärende');
    click('Spara');
    const notice = await screen.findByText(/^Ärende [A-ZÅÄÖ]{2,4}-[0-9A-Z]{4} är sparat på apparaten\.$/);
    const code = /[A-ZÅÄÖ]{2,4}-[0-9A-Z]{4}/.exec(notice.textContent ?? '')?.[0] ?? '';
    expect((await screen.findByRole('table')).textContent).toContain(code);
    expect((screen.getByLabelText('Sök på kod') as HTMLInputElement).value).toBe('');
    expect(screen.getByText('Visar 4 av 4 ärenden')).toBeTruthy();
  });

  it('is kept when it still shows the saved ärende', async () => {
    const db = await loggedInDb();
    const a = await createLocal(db);
    renderApp(db);
    await screen.findByText('Visar 1 av 1 ärenden');
    fireEvent.input(screen.getByLabelText('Sök på kod'), { target: { value: a.code } });
    fireEvent.click(screen.getByRole('link', { name: a.code }));
    await heading(`Ärende ${a.code}`);
    click('Spara');
    await screen.findByText(`Ärende ${a.code} är sparat på apparaten.`);
    expect((screen.getByLabelText('Sök på kod') as HTMLInputElement).value).toBe(a.code);
  });
});

describe('conflict notices', () => {
  it('name each field by its label and each value as the user knows it, never a code or an id', async () => {
    const db = await loggedInDb();
    const a = await createLocal(db);
    const colleague = '00000000-0000-4000-8000-0000000000b2';
    await withConflicts(db, a.id, [
      ['handlaggareId', USER.id, colleague],
      ['forsorjningshinder', 'sociala_skal', 'arbetsloshet'],
      ['parter', ['af', 'fk'], []],
      ['enhetId', USER.enheter[0]?.id, USER.enheter[0]?.id],
    ]);
    renderApp(db, fakeFaltsam(), `#/arenden/${a.id}`);
    const notice = await screen.findByRole('region', { name: /4 av dina ändringar krockade/ });
    const text = notice.textContent ?? '';
    for (const label of ['Ansvarig handläggare', 'Försörjningshinder', 'Parter som är involverade', 'Enhet'])
      expect(within(notice).getByText(label, { selector: 'strong' })).toBeTruthy();
    expect(text).toContain('din ändring ”Hanna Handläggare (du)”');
    expect(text).toContain('den sparade ”en handläggare som inte är känd på apparaten”');
    expect(text).toContain('”Sociala skäl”');
    expect(text).toContain('”Arbetsförmedlingen, Försäkringskassan”');
    expect(text).toContain('Norsjö kommun – ekonomiskt bistånd');
    for (const raw of ['handlaggareId', 'forsorjningshinder', 'sociala_skal', 'enhetId', colleague, USER.id])
      expect(text).not.toContain(raw);
  });

  it('say the saved value comes with the next sync while the push answer has not brought it', async () => {
    // Push answers carry no record content (issue 11): the server's value arrives with the pull.
    const db = await loggedInDb();
    const a = await createLocal(db);
    await withConflicts(db, a.id, [['forsorjningshinder', 'sociala_skal', null]], { serverPending: true });
    renderApp(db, fakeFaltsam(), `#/arenden/${a.id}`);
    const notice = await screen.findByRole('region', { name: /En av dina ändringar krockade/ });
    expect(notice.textContent).toContain(
      'Försörjningshinder: din ändring ”Sociala skäl”, den sparade hämtas vid nästa synkning.',
    );
    expect(notice.textContent).not.toContain('”tomt”');
  });

  it('have a label for every field of an ärende in both languages, and show any value without a code', () => {
    for (const lang of ['sv', 'en'] as const) {
      applyLang(lang, { remember: false });
      const labels = new Set<string>();
      for (const field of ARENDE_FIELDS) {
        const label = conflictFieldLabel(field);
        expect(label).not.toBe(field);
        expect(label).toBe(arendeCatalogue[lang].conflict.fields[field]);
        labels.add(label);
      }
      expect(labels.size).toBe(ARENDE_FIELDS.length);
    }
    applyLang('sv', { remember: false });
    // Hostile values (broken Unicode, huge numbers, unknown codes) are shown as text, never thrown on.
    const who = { user: USER, colleagues: {} };
    fc.assert(
      fc.property(fc.constantFrom(...ARENDE_FIELDS), fc.anything(), (field, value) => {
        expect(typeof conflictValue(field, value, who)).toBe('string');
      }),
      { seed: 1717, numRuns: 400 },
    );
  });
});

describe('enkäter on the ärende', () => {
  it('say "väntar på synk" while a response is only queued, and "skickad" once the server has it', async () => {
    const db = await loggedInDb();
    const a = await createLocal(db);
    await db.outbox.clear();
    await startHandover(db, {
      formId: 'F-D-INTERVALL',
      target: { kind: 'arende', arendeId: a.id },
      returnTo: `#/arenden/${a.id}/oversikt`,
    });
    renderApp(db);
    await heading('Enkät');
    fireEvent.click(screen.getByLabelText('Svarar själv'));
    click('Börja');
    await heading('Påstående 1 av 1');
    fireEvent.click(screen.getByLabelText(/^3/));
    click('Nästa');
    await heading('Skicka dina svar');
    click('Skicka');
    await heading('Tack för dina svar!');
    click('Lås upp (för handläggaren)');
    fireEvent.input(await screen.findByLabelText('Upplåsningskod'), { target: { value: TEST_SECRET } });
    click('Lås upp');
    await heading(`Ärende ${a.code}`);
    expect(await screen.findByText('Enkäter: 0 skickade, 1 väntar på synk')).toBeTruthy();
    expect(screen.queryByText(/1 skickad/)).toBeNull();
    // The server has it: the device drops the response and its outbox entry (as sync-apply does).
    const [entry] = await db.outbox.toArray();
    await db.transaction('rw', db.records, db.outbox, async () => {
      await db.records.delete(['response', entry?.recordId ?? '']);
      await db.outbox.clear();
    });
    expect(await screen.findByText('Enkäter: 1 skickad')).toBeTruthy();
  });

  it('can be handed over from the Översikt, where the meeting happens, and return there', async () => {
    const db = await loggedInDb();
    const a = await createLocal(db);
    renderApp(db, fakeFaltsam(), `#/arenden/${a.id}/oversikt`);
    await heading(`Ärende ${a.code}`);
    const region = screen.getByRole('region', { name: 'Enkäter' });
    fireEvent.click(within(region).getByLabelText('Deltagare – vid avslut'));
    fireEvent.click(within(region).getByRole('button', { name: 'Lämna över' }));
    await heading('Enkät');
    expect(document.body.textContent).not.toContain(a.code);
  });
});

describe('the SIP list', () => {
  it('shows "Påbörjad" as the day in Stockholm, not in UTC, near midnight', async () => {
    const db = await loggedInDb();
    const a = await createLocal(db);
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-03-04T23:30:00.000Z') });
    try {
      await createRecord(db, 'sip', { arendeId: a.id, forbundId: FORBUND }, emptySipFields(null));
    } finally {
      vi.useRealTimers();
    }
    renderApp(db, fakeFaltsam(), `#/arenden/${a.id}/oversikt`);
    const table = await screen.findByRole('table', { name: 'SIP:ar' });
    const started = within(table).getAllByRole('rowheader')[0];
    expect(started?.textContent).toBe('2026-03-05'); // 00:30 on 5 March in Stockholm
    expect(started?.querySelector('time.date')?.getAttribute('dateTime')).toBe('2026-03-04T23:30:00.000Z');
    expect(formatInstantDate('2026-03-04T23:30:00.000Z', 'UTC')).toBe('2026-03-04');
  });
});

describe('a malformed address', () => {
  it('shows a Swedish page saying so, with the data intact and a way back', async () => {
    const db = await loggedInDb();
    const a = await createLocal(db);
    for (const hash of ['#/arenden/%E0', '#/%E0', '#/arenden/%E0/oversikt', '#/konsultation/%']) {
      const view = renderApp(db, fakeFaltsam(), hash);
      await heading('Sidan finns inte');
      expect(screen.getByText(/Allt du har sparat finns kvar på apparaten/)).toBeTruthy();
      expect(screen.getByRole('banner')).toBeTruthy();
      view.unmount();
    }
    renderApp(db, fakeFaltsam(), '#/arenden/%E0');
    await heading('Sidan finns inte');
    fireEvent.click(screen.getByRole('link', { name: 'Till startsidan' }));
    await screen.findByText('Visar 1 av 1 ärenden');
    expect(screen.getByRole('link', { name: a.code })).toBeTruthy();
  });

  it('any screen that throws shows the error page instead of a blank app', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    function Broken(): never {
      throw new Error('boom');
    }
    render(
      <ErrorBoundary>
        <Broken />
      </ErrorBoundary>,
    );
    await heading('Något gick fel');
    expect(screen.getByText(/Ingenting har försvunnit/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Till startsidan' }).getAttribute('href')).toBe('#/');
    error.mockRestore();
  });
});
