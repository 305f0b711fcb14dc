/**
 * One at a time per key, in the order they came, waiting here without holding anything (no
 * database connection, no gate slot). Pushes from one device take turns this way: a device sends
 * its next batch while the answer to the one before is still on its way (src/sync/engine.ts), and
 * that batch could do nothing but wait for the first one's transaction, holding a connection.
 */
export interface KeyedTurns {
  /** Runs `fn` once every earlier call with the same key has settled. */
  run<T>(key: string, fn: () => Promise<T>): Promise<T>;
  /** How many keys have a call running or waiting (for tests and diagnostics). */
  readonly busy: number;
}

export function createKeyedTurns(): KeyedTurns {
  const tails = new Map<string, Promise<unknown>>();
  return {
    get busy() {
      return tails.size;
    },
    run(key, fn) {
      const before = tails.get(key);
      const result = before ? before.then(fn) : fn();
      const tail = result.then(
        () => {},
        () => {},
      );
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
  };
}
