// Page object: the form for a new or an existing ärende.
import type { Page } from 'playwright-core';

export const arendeForm = (page: Page) => ({
  choose: (group: string, option: string) =>
    page.getByRole('group', { name: group }).getByLabel(option, { exact: true }).check(),
  months12: (n: string) => page.getByLabel('Månader med försörjningsstöd av de senaste 12').fill(n),
  months36: (n: string) => page.getByLabel('Månader med försörjningsstöd av de senaste 36').fill(n),
  notes: (text: string) => page.getByLabel('Anteckningar').fill(text),
  save: () => page.getByRole('button', { name: 'Spara' }).click(),
  errorSummary: () => page.getByRole('region', { name: /Rätta .* fel innan du sparar/ }),
});
