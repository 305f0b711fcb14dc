/**
 * Web Locks as the browser gives them to pages and the worker alike, for tests in Node (which has
 * no navigator.locks): one holder of a name at a time, the others wait in the order they asked.
 */
export interface TestLockManager extends Pick<LockManager, 'request'> {
  /** Whether someone holds the named lock at this moment. */
  isHeld(name: string): boolean;
}

export function lockManager(): TestLockManager {
  const tails = new Map<string, Promise<unknown>>();
  const held = new Set<string>();
  return {
    // As the Web Locks API: (name, callback) or (name, options, callback); the page's round passes
    // options (a bounded wait, runner.ts).
    request: ((name: string, a: unknown, b?: () => Promise<unknown>) => {
      const callback = (typeof a === 'function' ? a : b) as () => Promise<unknown>;
      const hold = async () => {
        held.add(name);
        try {
          return await callback();
        } finally {
          held.delete(name);
        }
      };
      const run = (tails.get(name) ?? Promise.resolve()).then(hold, hold);
      tails.set(
        name,
        run.catch(() => {}),
      );
      return run;
    }) as LockManager['request'],
    isHeld: (name) => held.has(name),
  };
}
