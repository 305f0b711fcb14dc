// Launches Debian's Chromium (/usr/bin/chromium, see scripts/ensure-chromium.mjs) through
// playwright-core and makes browser contexts that look like a Swedish laptop or tablet.
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Flags that keep Chromium quiet and deterministic in a container without a GPU or sandbox. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

export interface ContextOptions {
  /** Tablet in landscape with touch (hand-over mode, touch-target checks). Default: laptop. */
  tablet?: boolean;
}

export const LAPTOP_VIEWPORT = { width: 1280, height: 800 } as const;
export const TABLET_VIEWPORT = { width: 1024, height: 768 } as const;

/**
 * A fresh, isolated profile (own IndexedDB, caches and service workers) with Swedish locale and
 * time zone, so dates and numbers render as users see them.
 */
export function newContext(browser: Browser, options: ContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
    serviceWorkers: 'allow',
    viewport: options.tablet ? TABLET_VIEWPORT : LAPTOP_VIEWPORT,
    hasTouch: options.tablet === true,
  });
}

/**
 * Waits until the page's service worker registration has an *activated* worker (navigator.
 * serviceWorker.ready resolves already while it is still activating) and returns its script URL.
 * The page is controlled by it after the next reload (or at once, through clients.claim()).
 */
export async function waitForActiveServiceWorker(page: Page, timeoutMs = 30_000): Promise<string> {
  return page.evaluate(async (timeout) => {
    const timer = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`No activated service worker after ${timeout} ms`)), timeout),
    );
    const activated = (async () => {
      const registration = await navigator.serviceWorker.ready;
      const worker = registration.active;
      if (!worker)
        throw new Error('navigator.serviceWorker.ready gave a registration without an active worker');
      while (worker.state !== 'activated') {
        await new Promise((resolve) => worker.addEventListener('statechange', resolve, { once: true }));
      }
      return worker.scriptURL;
    })();
    return Promise.race([activated, timer]);
  }, timeoutMs);
}

/**
 * Collects uncaught page errors and console errors, so a spec can assert that a screen rendered
 * without any (CSP violations show up here as console errors).
 */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  return errors;
}
