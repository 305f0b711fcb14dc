// Page object: an ärende's overview (samtycken, möten, åtgärder, SIP, stegförflyttning, överlämning).
import type { Page } from 'playwright-core';

export const arendeOverview = (page: Page) => ({
  heading: (code: string) => page.getByRole('heading', { name: `Ärende ${code}`, level: 1 }),
  section: (name: string | RegExp) => page.getByRole('region', { name }),
  async recordSamtycke(parties: string[]): Promise<void> {
    const form = page.getByRole('form', { name: 'Registrera samtycke' });
    const group = form.getByRole('group', { name: 'Parter som samtycket gäller' });
    for (const p of parties) await group.getByLabel(p, { exact: true }).check();
    await form.getByRole('button', { name: 'Registrera svaret' }).click();
    await form.getByText('Samtycket är registrerat på apparaten.').waitFor();
  },
  newMote: () => page.getByRole('link', { name: 'Nytt möte' }).first().click(),
  newSip: () => page.getByRole('button', { name: 'Ny SIP' }).click(),
  async handOver(to: string): Promise<void> {
    await page.getByLabel('Lämna över till').selectOption({ label: to });
    await page.getByRole('button', { name: 'Lämna över ärendet' }).click();
    await page.getByText(`Ärendet är överlämnat till ${to}.`).waitFor();
  },
});
