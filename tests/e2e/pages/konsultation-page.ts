// Page object: the konsultationsteam screens (koordinator): meetings, a meeting's form, statistics.
import type { Page } from 'playwright-core';

export interface FallInput {
  lyftAv: string;
  aktuellSedan: string;
  sammanfattning: string;
  fraga: string;
  rad: string;
  utfall: string;
}

export const konsultationPage = (page: Page) => ({
  open: () =>
    page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'Konsultationsteam' })
      .click(),
  heading: (name: string) => page.getByRole('heading', { level: 1, name }),
  newMeeting: () => page.getByRole('link', { name: 'Nytt möte' }).click(),
  statistics: () => page.getByRole('link', { name: 'Statistik' }).click(),
  meetings: () => page.getByRole('table', { name: 'Konsultationsteamets möten, senaste först' }),
  async meeting(datum: string, parties: string[], anteckningar: string): Promise<void> {
    await page.getByLabel('Mötesdatum').fill(datum);
    for (const p of parties)
      await page
        .getByRole('group', { name: /Närvarande parter/ })
        .getByLabel(p)
        .check();
    await page.getByLabel(/^Anteckningar från mötet/).fill(anteckningar);
  },
  async addFall(n: number, f: FallInput): Promise<void> {
    await page.getByRole('button', { name: 'Lägg till ärende' }).click();
    const row = page.getByRole('group', { name: `Ärende ${n}`, exact: true });
    await row.getByLabel('Lyft av').selectOption(f.lyftAv);
    await row.getByLabel(/^Aktuellt sedan/).fill(f.aktuellSedan);
    await row.getByLabel('Avidentifierad sammanfattning').fill(f.sammanfattning);
    await row.getByLabel('Frågan till teamet').fill(f.fraga);
    await row.getByLabel('Råd och lösning').fill(f.rad);
    await row.getByLabel('Utfall').selectOption(f.utfall);
  },
  save: () => page.getByRole('button', { name: 'Spara mötet' }).click(),
  table: (caption: string | RegExp) => page.getByRole('table', { name: caption }),
});
