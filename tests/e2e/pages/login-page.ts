// Page object: the login screen.
import type { Page } from 'playwright-core';

export async function logIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('Användarnamn').fill(username);
  await page.getByLabel('Lösenord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.getByRole('heading', { name: 'Ärenden', level: 1 }).waitFor();
}
