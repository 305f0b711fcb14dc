// Page object: the admin screens (users, a user's account, enheter, devices and sessions, audit log).
import type { Page } from 'playwright-core';

export async function adminLogIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('Användarnamn').fill(username);
  await page.getByLabel('Lösenord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.getByRole('table', { name: 'Användare i förbundet' }).waitFor();
}

export const adminPage = (page: Page) => ({
  nav: (name: string) =>
    page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name }).click(),
  heading: (name: string) => page.getByRole('heading', { level: 1, name }),
  usersTable: () => page.getByRole('table', { name: 'Användare i förbundet' }),
  async newUser(u: {
    username: string;
    name: string;
    role: string;
    enheter?: string[];
    group?: string;
    password: string;
  }) {
    await page.getByRole('link', { name: 'Nytt konto' }).click();
    await page.getByLabel('Användarnamn').fill(u.username);
    await page.getByLabel('Namn', { exact: true }).fill(u.name);
    await page.getByRole('group', { name: 'Roll' }).getByLabel(u.role, { exact: true }).check();
    if (u.group)
      await page.getByRole('group', { name: 'Halvårsgrupp' }).getByLabel(u.group, { exact: true }).check();
    for (const e of u.enheter ?? []) await page.getByRole('group', { name: 'Enheter' }).getByLabel(e).check();
    await page.getByLabel('Första lösenord').fill(u.password);
  },
  create: () => page.getByRole('button', { name: 'Skapa kontot' }).click(),
  openUser: (name: string) =>
    page.getByRole('table', { name: 'Användare i förbundet' }).getByRole('link', { name }).click(),
  async resetPassword(password: string) {
    await page.getByLabel('Nytt lösenord').fill(password);
    await page.getByRole('button', { name: 'Sätt nytt lösenord' }).click();
    await page.getByText('Lösenordet är bytt och kontots inloggningar är avslutade.').waitFor();
  },
  async revokeDeviceOf(username: string) {
    await page
      .getByRole('table', { name: 'Registrerade apparater' })
      .getByRole('button', { name: new RegExp(`^Spärra ${username}s apparat`) })
      .click();
    await page
      .getByRole('dialog', { name: 'Är du säker?' })
      .getByRole('button', { name: 'Ja, fortsätt' })
      .click();
    await page.getByText('Apparaten är spärrad och dess inloggningar är avslutade.').waitFor();
  },
});
