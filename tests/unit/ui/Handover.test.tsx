import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import axe from 'axe-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FaltsamDb } from '../../../src/db/database';
import { getHandoverLock, responseTally, startHandover } from '../../../src/db/handover-repo';
import { readOutbox } from '../../../src/db/records';
import { ServicesContext } from '../../../src/ui/app-context';
import { HandoverPage } from '../../../src/ui/pages/HandoverPage';
import { TEST_SECRET } from '../../helpers/device';
import { createLocal, fakeFaltsam, loggedInDb, renderApp } from './ui-helpers';

const PASSWORD = TEST_SECRET;

afterEach(() => {
  vi.unstubAllGlobals();
});

/** A logged-in device whose store secret is PASSWORD (cheap PBKDF2 for the test). */
async function deviceWithArende() {
  const db = await loggedInDb();
  const arende = await createLocal(db);
  return { db, arende };
}

async function lockFor(db: FaltsamDb, arendeId: string, formId: 'F-D-UNDER' | 'F-D-AVSLUT' = 'F-D-UNDER') {
  return startHandover(db, {
    formId,
    target: { kind: 'arende', arendeId },
    returnTo: `#/arenden/${arendeId}`,
  });
}

const click = (name: string | RegExp) => fireEvent.click(screen.getByRole('button', { name }));
const heading = (name: string | RegExp) => screen.findByRole('heading', { level: 1, name });

async function violations() {
  const result = await axe.run(document.body, {
    rules: { 'color-contrast': { enabled: false }, 'target-size': { enabled: false } },
  });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** The answers queued for the server (what the outbox entry would send). */
async function queuedAnswers(db: FaltsamDb) {
  const entries = (await readOutbox(db)).filter((e) => e.entity === 'response');
  return entries.map((e) => ({ answers: e.changes.answers, answeredWith: e.changes.answeredWith }));
}

describe('hand-over mode', () => {
  it('shows only the questionnaire while locked: no header, no sync status, no ärende code, whatever the URL', async () => {
    const { db, arende } = await deviceWithArende();
    await lockFor(db, arende.id);
    renderApp(db, fakeFaltsam(), `#/arenden/${arende.id}`);
    await heading('Enkät');
    expect(screen.queryByRole('banner')).toBeNull();
    expect(screen.queryByRole('region', { name: 'Synkning' })).toBeNull();
    expect(document.body.textContent).not.toContain(arende.code);
    expect(document.body.innerHTML).not.toContain(arende.id);
    expect(await violations()).toEqual([]);
  });

  it('goes one statement at a time with progress, back and skip, and stores the skip as no answer', async () => {
    const { db, arende } = await deviceWithArende();
    await lockFor(db, arende.id);
    renderApp(db);
    await heading('Enkät');
    click('Börja');
    expect(await screen.findByRole('alert')).toHaveProperty(
      'textContent',
      'Välj om du svarar själv eller med stöd.',
    );
    fireEvent.click(screen.getByLabelText('Med stöd'));
    click('Börja');

    await heading('Påstående 1 av 7');
    expect(
      screen.getByRole('group', { name: 'Jag får stödet på ett sätt som är till nytta för mig.' }),
    ).toBeTruthy();
    expect(screen.getByLabelText('1 Instämmer inte alls')).toBeTruthy();
    expect(screen.getByLabelText('5 Instämmer helt')).toBeTruthy();
    expect(screen.getByLabelText('3')).toBeTruthy();
    click('Nästa');
    expect(await screen.findByText('Välj ett svar från 1 till 5, eller tryck ”Hoppa över”.')).toBeTruthy();
    fireEvent.click(screen.getByLabelText('4'));
    click('Nästa');
    await heading('Påstående 2 av 7');
    click('Hoppa över');
    await heading('Påstående 3 av 7');
    click('Tillbaka');
    await heading('Påstående 2 av 7');
    expect(screen.getAllByRole('radio').some((r) => (r as HTMLInputElement).checked)).toBe(false);
    click('Hoppa över');
    for (const [n, key] of [
      [3, '5'],
      [4, '1'],
      [5, '2'],
      [6, '3'],
      [7, '4'],
    ] as const) {
      await heading(`Påstående ${n} av 7`);
      // The 1–5 keys answer, as taps do.
      fireEvent.keyDown(window, { key });
      await waitFor(() =>
        expect((screen.getByLabelText(new RegExp(`^${key}`)) as HTMLInputElement).checked).toBe(true),
      );
      expect(await violations()).toEqual([]);
      click('Nästa');
    }
    await heading('Skicka dina svar');
    expect(screen.getByText('Du har svarat på 6 av 7 påståenden.')).toBeTruthy();
    click('Skicka');
    await heading('Tack för dina svar!');
    expect(await queuedAnswers(db)).toEqual([
      { answers: { M01: 4, M05: 5, M08: 1, M10: 2, M14: 3, M18: 4 }, answeredWith: 'med_stod' },
    ]);
    expect(await responseTally(db, arende.id)).toEqual({ deltagare: 1, personal: 0 });
    expect(await violations()).toEqual([]);
  });

  it('stays on the thank-you screen until the handläggare unlocks, refusing a wrong password', async () => {
    const { db, arende } = await deviceWithArende();
    await lockFor(db, arende.id);
    renderApp(db);
    await heading('Enkät');
    fireEvent.click(screen.getByLabelText('Svarar själv'));
    click('Börja');
    for (let i = 0; i < 7; i++) {
      await heading(`Påstående ${i + 1} av 7`);
      click('Hoppa över');
    }
    click('Skicka');
    await heading('Tack för dina svar!');
    click('Lås upp (för handläggaren)');
    await heading('Lås upp');
    expect(await violations()).toEqual([]);
    fireEvent.input(screen.getByLabelText('Upplåsningskod'), { target: { value: 'fel-losenord' } });
    click('Lås upp');
    expect(await screen.findByText('Fel upplåsningskod. Försök igen.')).toBeTruthy();
    expect(await getHandoverLock(db)).not.toBeNull();
    click('Avbryt');
    await heading('Tack för dina svar!');
    click('Lås upp (för handläggaren)');
    fireEvent.input(await screen.findByLabelText('Upplåsningskod'), { target: { value: PASSWORD } });
    click('Lås upp');
    await screen.findByRole('heading', { level: 1, name: `Ärende ${arende.code}` });
    expect(await getHandoverLock(db)).toBeNull();
    // Not synced yet (no server here): queued on the device, not "skickad".
    expect(await screen.findByText('Enkäter: 0 skickade, 1 väntar på synk')).toBeTruthy();
  });

  it('closes the questionnaire after a while without input and drops what was answered', async () => {
    const { db, arende } = await deviceWithArende();
    await lockFor(db, arende.id);
    const services = { db, faltsam: fakeFaltsam() };
    render(
      <ServicesContext value={services}>
        <HandoverPage idleMs={300} />
      </ServicesContext>,
    );
    await heading('Enkät');
    await waitFor(async () => expect((await getHandoverLock(db))?.phase).toBe('idle'), { timeout: 3_000 });
    // The page follows the stored lock by itself.
    await heading('Enkäten är stängd');
    expect(await violations()).toEqual([]);
    expect((await readOutbox(db)).filter((e) => e.entity === 'response')).toHaveLength(0);
  });

  it('hides read-aloud where the browser cannot speak, and reads in Swedish where it can', async () => {
    const { db, arende } = await deviceWithArende();
    await lockFor(db, arende.id);
    vi.stubGlobal('speechSynthesis', undefined);
    const first = renderApp(db);
    await heading('Enkät');
    expect(screen.queryByRole('button', { name: 'Läs upp' })).toBeNull();
    first.unmount();

    const spoken: { text: string; lang: string; voice: unknown }[] = [];
    const voices = [
      { lang: 'en-GB', name: 'English' },
      { lang: 'sv-SE', name: 'Svenska' },
    ];
    class Utterance {
      lang = '';
      voice: unknown = null;
      constructor(readonly text: string) {}
    }
    vi.stubGlobal('SpeechSynthesisUtterance', Utterance);
    vi.stubGlobal('speechSynthesis', {
      cancel: () => {},
      getVoices: () => voices,
      speak: (u: Utterance) => spoken.push({ text: u.text, lang: u.lang, voice: u.voice }),
    });
    renderApp(db);
    await heading('Enkät');
    click('Läs upp');
    expect(spoken[0]?.lang).toBe('sv-SE');
    expect(spoken[0]?.voice).toBe(voices[1]);
    expect(spoken[0]?.text).toMatch(/^Enkät\. Här kommer 7 påståenden/);
  });

  it('changes text size and contrast for the respondent', async () => {
    const { db, arende } = await deviceWithArende();
    await lockFor(db, arende.id);
    renderApp(db);
    await heading('Enkät');
    const root = () => document.querySelector('.handover');
    expect(root()?.className).toContain('handover--size-1');
    click('Större text');
    click('Större text');
    expect(root()?.className).toContain('handover--size-3');
    const contrast = screen.getByRole('button', { name: 'Hög kontrast' });
    expect(contrast.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(contrast);
    expect(contrast.getAttribute('aria-pressed')).toBe('true');
    expect(root()?.className).toContain('handover--contrast');
  });
});

describe('enkäter on the ärende page', () => {
  it('shows how many were sent, never the answers, and starts hand-over with the chosen form', async () => {
    const { db, arende } = await deviceWithArende();
    renderApp(db, fakeFaltsam(), `#/arenden/${arende.id}`);
    await screen.findByRole('heading', { level: 1, name: `Ärende ${arende.code}` });
    expect(await screen.findByText('Enkäter: 0 skickade')).toBeTruthy();
    click('Lämna över');
    expect(await screen.findByText('Välj ett formulär.')).toBeTruthy();
    fireEvent.click(screen.getByLabelText('Deltagare – vid avslut'));
    click('Lämna över');
    await heading('Enkät');
    expect((await getHandoverLock(db))?.formId).toBe('F-D-AVSLUT');
    expect(document.body.textContent).not.toContain(arende.code);
  });

  it('refuses to hand over when the password cannot be checked offline', async () => {
    const db = await loggedInDb();
    const arende = await createLocal(db);
    // Without a key envelope nothing could unlock the device again (every login now makes one).
    await db.meta.delete('keyEnvelope');
    renderApp(db, fakeFaltsam(), `#/arenden/${arende.id}`);
    fireEvent.click(await screen.findByLabelText('Deltagare – under rehabiliteringsprocessen'));
    click('Lämna över');
    expect(
      await screen.findByText(/kan inte låsas i överlämningsläge förrän den har en upplåsningskod/),
    ).toBeTruthy();
    expect(await getHandoverLock(db)).toBeNull();
  });

  it('lets the handläggare answer a personal form with 1–5 radio groups and skips', async () => {
    const { db, arende } = await deviceWithArende();
    renderApp(db, fakeFaltsam(), `#/arenden/${arende.id}/formular/F-P-AVSLUT`);
    await screen.findByRole('heading', { level: 1, name: 'Personal – vid avslut' });
    const group = screen.getByRole('group', { name: 'Stödet vi ger får ta den tid som deltagaren behöver.' });
    expect(group).toBeTruthy();
    const groups = screen.getAllByRole('group');
    expect(groups).toHaveLength(3);
    fireEvent.click(groups[0]?.querySelector('input[value="5"]') as HTMLInputElement);
    fireEvent.click(groups[2]?.querySelector('input[value="2"]') as HTMLInputElement);
    expect(await violations()).toEqual([]);
    click('Skicka');
    await screen.findByRole('heading', { level: 1, name: `Ärende ${arende.code}` });
    const [entry] = (await readOutbox(db)).filter((e) => e.entity === 'response');
    expect(entry?.changes).toMatchObject({
      formId: 'F-P-AVSLUT',
      arendeId: arende.id,
      answers: { M07: 5, M15: 2 },
    });
    expect(await screen.findByText('Personalformulär: 0 skickade, 1 väntar på synk')).toBeTruthy();
  });
});
