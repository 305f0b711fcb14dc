// Page object: the lock screen of the encrypted store (shown after a reload, idle or "Lås").
import type { Page } from 'playwright-core';

export const lockScreen = (page: Page) => ({
  heading: () => page.getByRole('heading', { name: 'Fältsam är låst', level: 1 }),
  secret: () => page.getByLabel('Upplåsningskod', { exact: true }),
  async submit(secret: string): Promise<void> {
    await page.getByLabel('Upplåsningskod', { exact: true }).fill(secret);
    await page.getByRole('button', { name: 'Lås upp' }).click();
  },
});

/** After a reload the key is gone: unlock with the secret (the login password by default). */
export async function unlock(page: Page, secret: string): Promise<void> {
  const lock = lockScreen(page);
  await lock.heading().waitFor({ timeout: 15_000 });
  await lock.submit(secret);
  await lock.heading().waitFor({ state: 'detached', timeout: 15_000 });
}
