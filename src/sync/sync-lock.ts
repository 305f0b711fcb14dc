/**
 * The one Web Lock that every sync holds: the page's rounds in every tab and the service worker's
 * sealed push, so the two never send the same mutation at the same time. Its own module so the
 * service worker can name it without importing the page's runner (and Dexie with it).
 */
export const SYNC_LOCK = 'faltsam-sync';
