// Page object: one SIP – its fields, the "upprättad" gate and the print view.
import type { Page } from 'playwright-core';

export const sipPage = (page: Page) => ({
  markUpprattad: () => page.getByRole('button', { name: 'Markera som upprättad' }).click(),
  refusal: () => page.getByRole('alert').filter({ hasText: 'kan inte markeras som upprättad' }),
  choose: (group: RegExp, option: string) =>
    page.getByRole('group', { name: group }).getByLabel(option, { exact: true }).check(),
  check: (label: RegExp) => page.getByLabel(label).check(),
  date: (label: RegExp, iso: string) => page.getByLabel(label).fill(iso),
  async addInsats(n: number, vad: string, part: string, ansvarig: string): Promise<void> {
    await page.getByRole('button', { name: 'Lägg till insats' }).click();
    const row = page.getByRole('group', { name: `Insats ${n}`, exact: true });
    await row.getByLabel('Insats', { exact: true }).fill(vad);
    await row.getByLabel('Part').selectOption(part);
    await row.getByLabel('Ansvarig (roll eller funktion)').fill(ansvarig);
  },
  status: () => page.getByRole('definition').first(),
  openPrint: () => page.getByRole('link', { name: 'Utskrift' }).click(),
});
