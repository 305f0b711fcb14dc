// Page object: the list of ärenden and the always-visible sync status.
import type { Page } from 'playwright-core';

const SYNC_REGION = 'Synkning';

export const arendeList = (page: Page) => {
  const syncRegion = () => page.getByRole('region', { name: SYNC_REGION });
  const syncNow = () => syncRegion().getByRole('button', { name: 'Synka nu' }).click();
  return {
    heading: () => page.getByRole('heading', { name: 'Ärenden', level: 1 }),
    codeLink: (code: string) =>
      page.getByRole('table').getByRole('rowheader').getByRole('link', { name: code, exact: true }),
    async codes(): Promise<string[]> {
      // The codes are the row headers' links (a row has other links too, e.g. "Översikt").
      const cells = page.getByRole('table').getByRole('rowheader').getByRole('link');
      return (await cells.allTextContents()).map((s) => s.trim()).sort();
    },
    showing: (shown: number, total: number) => page.getByText(`Visar ${shown} av ${total} ärenden`),
    /** Opens the form for a new ärende and waits for it (as `open`, for the same reason). */
    async openNew(): Promise<void> {
      await page.getByRole('link', { name: 'Nytt ärende' }).click();
      await page.getByRole('heading', { name: 'Nytt ärende', level: 1 }).waitFor();
    },
    /**
     * Opens an ärende and waits for its form (heading "Ärende <code>"): until then the list's own
     * filters are on the page, and a label such as "Behovsgrupp" finds the filter's select instead
     * (CI once read the filter's "Alla" as the ärende's group).
     */
    async open(code: string): Promise<void> {
      await page.getByRole('table').getByRole('link', { name: code }).click();
      await page.getByRole('heading', { name: `Ärende ${code}`, level: 1 }).waitFor();
    },
    openOverview: (code: string) =>
      page
        .getByRole('row', { name: new RegExp(code) })
        .getByRole('link', { name: 'Översikt' })
        .click(),
    savedCode: async () => {
      const notice = page.getByText(/Ärende [A-ZÅÄÖ]{2,4}-[0-9A-Z]{4} är sparat på apparaten\./);
      await notice.waitFor();
      return ((await notice.textContent()) ?? '').match(/[A-ZÅÄÖ]{2,4}-[0-9A-Z]{4}/)?.[0] ?? '';
    },
    syncRegion,
    syncNow,
    /**
     * "Synka nu", then waits until a round has ended well after the click: the time of the last good
     * sync changes. ("Ej synkat: 0" says nothing when nothing was waiting to be sent: it shows before
     * the pull has brought anything.)
     */
    async syncNowAndWait(timeout = 30_000): Promise<void> {
      const time = syncRegion().locator('time');
      const before = (await time.count()) > 0 ? await time.getAttribute('datetime') : null;
      await syncNow();
      await page.waitForFunction(
        ([label, prev]) => {
          const now = document.querySelector(`section[aria-label="${label}"] time`)?.getAttribute('datetime');
          return now != null && now !== prev;
        },
        [SYNC_REGION, before] as const,
        { timeout },
      );
    },
  };
};
