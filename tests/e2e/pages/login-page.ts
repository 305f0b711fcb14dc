// Page object: the login screen.
import type { Page } from 'playwright-core';

/** Logs in and waits for the screen the user lands on: the ärenden, or a koordinator's results. */
export async function logIn(
  page: Page,
  username: string,
  password: string,
  landing: 'Ärenden' | 'Resultat och statistik' = 'Ärenden',
): Promise<void> {
  await page.getByLabel('Användarnamn').fill(username);
  await page.getByLabel('Lösenord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.getByRole('heading', { name: landing, level: 1 }).waitFor();
}
