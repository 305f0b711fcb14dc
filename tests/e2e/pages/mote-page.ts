// Page object: recording a meeting, and the stegförflyttning prompt that may follow it.
import type { Page } from 'playwright-core';

export interface AtgardInput {
  vad: string;
  part: string;
  ansvarig: string;
  senast: string;
}

export const motePage = (page: Page) => ({
  useTrepartsTemplate: () => page.getByRole('button', { name: 'Använd mallen Trepartssamtal' }).click(),
  participants: () => page.getByRole('group', { name: /^Deltagare \d+$/ }),
  async addAtgard(n: number, a: AtgardInput): Promise<void> {
    await page.getByRole('button', { name: 'Lägg till åtgärd' }).click();
    const row = page.getByRole('group', { name: `Åtgärd ${n}`, exact: true });
    await row.getByLabel('Vad ska göras').fill(a.vad);
    await row.getByLabel('Part').selectOption(a.part);
    await row.getByLabel('Ansvarig (roll)').fill(a.ansvarig);
    await row.getByLabel('Senast').fill(a.senast);
  },
  save: () => page.getByRole('button', { name: 'Spara mötet' }).click(),
  stegPrompt: () => page.getByRole('form', { name: 'Stegförflyttning vid mötet' }),
  answer: (statement: string, value: string) =>
    page.getByRole('group', { name: statement }).getByLabel(value, { exact: true }).check(),
  /** Saves M15 only (M14 is due too at a first meeting, and would hand the tablet over). */
  saveWithoutM14: () => page.getByRole('button', { name: 'Spara utan deltagarens svar' }).click(),
  /** Saves M15 and puts the device in hand-over mode for the deltagare's M14. */
  saveAndHandOver: () => page.getByRole('button', { name: 'Spara och lämna över till deltagaren' }).click(),
});
