// Page object: hand-over mode on a tablet (taps), the locked screens and unlock.
import type { Page } from 'playwright-core';

export const handover = (page: Page) => ({
  heading: (name: string | RegExp) => page.getByRole('heading', { level: 1, name }),
  tap: (name: string) => page.getByRole('button', { name, exact: true }).tap(),
  /** A 1–5 target of the current statement ("1 Instämmer inte alls", "2", …). */
  option: (value: number) => page.getByRole('radio', { name: new RegExp(`^${value}( |$)`) }),
  answer: (value: number) =>
    page
      .getByRole('radio', { name: new RegExp(`^${value}( |$)`) })
      .locator('xpath=..')
      .tap(),
  checkedCount: () => page.getByRole('radio', { checked: true }).count(),
  async unlock(password: string) {
    await page.getByRole('button', { name: 'Lås upp (för handläggaren)' }).tap();
    await page.getByLabel('Upplåsningskod', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Lås upp', exact: true }).tap();
  },
});
