/** The device database's name; its own module so the service worker can name it without Dexie. */
export const DEFAULT_DB_NAME = 'faltsam';
