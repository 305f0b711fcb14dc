// English as the second language: chosen in the header, kept on the device, every screen's own
// words in English (none left in Swedish), dates and numbers as English writes them, and the
// kärnindikator statements still verbatim Swedish, marked as such.
process.env.TZ = 'Europe/Stockholm';

import { fireEvent, screen, within } from '@testing-library/preact';
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { createRecord } from '../../../src/db/casework-repo';
import { lockStore } from '../../../src/db/store-key';
import { matpunkt } from '../../../src/domain/instrument';
import { emptySipFields } from '../../../src/domain/sip';
import { catalogue as admin } from '../../../src/ui/i18n/admin';
import { catalogue as casework } from '../../../src/ui/i18n/casework';
import { en } from '../../../src/ui/i18n/en';
import { catalogue as handover } from '../../../src/ui/i18n/handover';
import { catalogue as konsultation } from '../../../src/ui/i18n/konsultation';
import { catalogue as koordinator } from '../../../src/ui/i18n/koordinator';
import { applyLang, currentLang } from '../../../src/ui/i18n/locale';
import { catalogue as lockChange } from '../../../src/ui/i18n/lock-change';
import { catalogue as surveys } from '../../../src/ui/i18n/surveys';
import { sv } from '../../../src/ui/i18n/sv';
import { FORBUND } from '../../helpers/device';
import { createLocal, fakeFaltsam, loggedInDb, renderApp, seedSynced } from './ui-helpers';

afterEach(() => {
  applyLang('sv', { remember: false });
  localStorage.clear();
});

const heading = (name: string | RegExp) => screen.findByRole('heading', { level: 1, name });

async function violations() {
  const result = await axe.run(document.body, {
    rules: { 'color-contrast': { enabled: false }, 'target-size': { enabled: false } },
  });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

function strings(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  if (node && typeof node === 'object') return Object.values(node).flatMap(strings);
  return [];
}

/** Every Swedish catalogue text whose English differs: none of them may show in English. */
const SWEDISH_ONLY = (() => {
  const english = new Set(
    [
      en,
      casework.en,
      surveys.en,
      handover.en,
      konsultation.en,
      koordinator.en,
      lockChange.en,
      admin.en,
    ].flatMap(strings),
  );
  return new Set(
    [sv, casework.sv, surveys.sv, handover.sv, konsultation.sv, koordinator.sv, lockChange.sv, admin.sv]
      .flatMap(strings)
      .filter((s) => s.length >= 3 && /\p{L}/u.test(s) && !english.has(s)),
  );
})();

/**
 * The text a user reads or hears on screen that is Swedish catalogue text, outside the parts
 * marked lang="sv" (the instrument's statements and labels).
 */
function swedishShown(): string[] {
  const found: string[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n.textContent?.trim() ?? '';
    if (text && SWEDISH_ONLY.has(text) && !n.parentElement?.closest('[lang="sv"]')) found.push(text);
  }
  for (const el of document.body.querySelectorAll('[aria-label],[title],[placeholder]'))
    for (const attr of ['aria-label', 'title', 'placeholder']) {
      const v = el.getAttribute(attr);
      if (v && SWEDISH_ONLY.has(v)) found.push(`${attr}=${v}`);
    }
  return found;
}

describe('the language switch', () => {
  it('offers English in the header, switches every screen to it and keeps the choice on the device', async () => {
    const db = await loggedInDb();
    await seedSynced(db, 3);
    renderApp(db);
    await screen.findByText('Visar 3 av 3 ärenden');
    const banner = screen.getByRole('banner');
    const toEnglish = within(banner).getByRole('button', { name: 'English' });
    expect(toEnglish.getAttribute('lang')).toBe('en');
    fireEvent.click(toEnglish);

    await heading('Cases');
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem('faltsam.lang')).toBe('en');
    expect(currentLang()).toBe('en');
    expect(screen.getByText('Showing 3 of 3 cases')).toBeTruthy();
    expect(en.list.showing(200, 1200)).toBe('Showing 200 of 1,200 cases');
    expect(sv.list.showing(200, 1200)).toBe('Visar 200 av 1\u00a0200 ärenden');
    expect(within(banner).getByRole('button', { name: 'Lock Fältsam now' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Sync' })).toBeTruthy();
    expect(swedishShown()).toEqual([]);
    expect(await violations()).toEqual([]);

    const toSwedish = within(banner).getByRole('button', { name: 'Svenska' });
    expect(toSwedish.getAttribute('lang')).toBe('sv');
    fireEvent.click(toSwedish);
    await heading('Ärenden');
    expect(document.documentElement.lang).toBe('sv');
    expect(localStorage.getItem('faltsam.lang')).toBe('sv');
  });

  it('also on the lock screen, before anything is unlocked', async () => {
    const db = await loggedInDb();
    lockStore(db);
    renderApp(db);
    await heading('Fältsam är låst');
    fireEvent.click(screen.getByRole('button', { name: 'English' }));
    await heading('Fältsam is locked');
    expect(screen.getByLabelText('Unlock code')).toBeTruthy();
    expect(swedishShown()).toEqual([]);
    expect(await violations()).toEqual([]);
  });
});

describe('in English', () => {
  it('shows the ärende form and overview in English, dates as English writes them', async () => {
    applyLang('en', { remember: false });
    const db = await loggedInDb();
    const a = await createLocal(db);
    await createRecord(db, 'sip', { arendeId: a.id, forbundId: FORBUND }, emptySipFields(null));
    const view = renderApp(db, fakeFaltsam(), `#/arenden/${a.id}`);
    await heading(`Case ${a.code}`);
    expect(screen.getByRole('group', { name: 'Gender' })).toBeTruthy();
    expect(await screen.findByText('Surveys: 0 sent')).toBeTruthy();
    // The domain's own (Swedish) validation message, in English: the free-text guard and a rule.
    const notes = screen.getByLabelText('Notes');
    fireEvent.input(notes, { target: { value: 'Skriv till namn@exempel.se' } });
    fireEvent.blur(notes);
    expect(
      await screen.findByText(
        /^The field Notes contains something that looks like an e-mail address \(characters \d+–\d+\)\. .* remove it and save again\.$/,
      ),
    ).toBeTruthy();
    fireEvent.input(notes, { target: { value: '' } });
    fireEvent.input(screen.getByLabelText('Months with income support out of the last 12'), {
      target: { value: '13' },
    });
    expect(await screen.findByText('At most 12 months.')).toBeTruthy();
    expect(swedishShown()).toEqual([]);
    expect(await violations()).toEqual([]);
    view.unmount();

    renderApp(db, fakeFaltsam(), `#/arenden/${a.id}/oversikt`);
    await heading(`Case ${a.code}`);
    const sips = await screen.findByRole('table', { name: 'SIPs' });
    expect(within(sips).getAllByRole('rowheader')[0]?.textContent).toMatch(/^\d{1,2} [A-Z][a-z]{2} \d{4}$/);
    expect(screen.getByRole('heading', { level: 2, name: 'Consents' })).toBeTruthy();
    expect(swedishShown()).toEqual([]);
    expect(await violations()).toEqual([]);
  });

  it('keeps the statements verbatim Swedish in hand-over mode, and the respondent’s buttons English', async () => {
    applyLang('en', { remember: false });
    const db = await loggedInDb();
    const a = await createLocal(db);
    renderApp(db, fakeFaltsam(), `#/arenden/${a.id}/moten/nytt`);
    await heading(`New meeting – ${a.code}`);
    fireEvent.click(screen.getByRole('button', { name: 'Use the three-party meeting template' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save the meeting' }));
    const prompt = await screen.findByRole('form', { name: 'Progression at the meeting' });
    const m15 = within(prompt).getByRole('group', { name: matpunkt('M15').text });
    expect(m15.querySelector('legend')?.getAttribute('lang')).toBe('sv');
    expect(swedishShown()).toEqual([]);
    fireEvent.click(within(prompt).getByRole('button', { name: 'Save and hand over to the participant' }));

    await heading('Survey');
    fireEvent.click(screen.getByRole('button', { name: 'Start' }));
    await heading('Statement 1 of 1');
    const statement = screen.getByRole('group', { name: matpunkt('M14').text });
    expect(statement.querySelector('legend')?.getAttribute('lang')).toBe('sv');
    expect(within(statement).getByText('Instämmer helt').getAttribute('lang')).toBe('sv');
    for (const name of ['Back', 'Skip', 'Next', 'Read aloud', 'Larger text'].filter(
      (n) => n !== 'Read aloud' || 'speechSynthesis' in window,
    ))
      expect(screen.getByRole('button', { name })).toBeTruthy();
    expect(swedishShown()).toEqual([]);
    expect(await violations()).toEqual([]);
  });
});
