/**
 * Asks the browser to keep Fältsam's storage under pressure (navigator.storage.persist). Asked
 * after login, when the user has just shown they use the app; a refusal changes nothing else.
 */
export async function requestPersistentStorage(
  storage: StorageManager | undefined = navigator.storage,
): Promise<void> {
  try {
    if (!storage?.persist || (await storage.persisted?.())) return;
    await storage.persist();
  } catch {
    // Some browsers throw in private mode; the app works without persistence.
  }
}
