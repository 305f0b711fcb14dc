/**
 * Admission for heavy work (pushes, pulls): at most `slots` run at once, and the ones waiting
 * wait here – holding no database connection – in one queue per förbund. A free slot goes to the
 * waiting förbund with the fewest running, ties in turn (the one served longest ago first). When a
 * förbund's 200 handläggare all push at once, another förbund's push gets the next free slot, not
 * a place behind those 200; within a förbund, first come first served.
 */

export interface FairGate {
  /** Runs `fn` once a slot is free and it is `key`'s turn; releases the slot when it settles. */
  run<T>(key: string, fn: () => Promise<T>): Promise<T>;
  /** How many are waiting for a slot (for tests and diagnostics). */
  readonly waiting: number;
}

export function createFairGate(slots: number): FairGate {
  if (!Number.isInteger(slots) || slots < 1) throw new Error(`a gate needs at least one slot, not ${slots}`);
  // Insertion order is the turn order: a key that is served moves to the back.
  const queues = new Map<string, (() => void)[]>();
  const runningOf = new Map<string, number>();
  let running = 0;
  let waiting = 0;

  const next = () => {
    if (running >= slots) return;
    let chosen: string | undefined;
    for (const key of queues.keys())
      if (chosen === undefined || (runningOf.get(key) ?? 0) < (runningOf.get(chosen) ?? 0)) chosen = key;
    if (chosen === undefined) return;
    const queue = queues.get(chosen) ?? [];
    const start = queue.shift();
    queues.delete(chosen);
    if (queue.length > 0) queues.set(chosen, queue);
    waiting -= 1;
    begin(chosen);
    start?.();
  };
  const begin = (key: string) => {
    running += 1;
    runningOf.set(key, (runningOf.get(key) ?? 0) + 1);
  };
  const end = (key: string) => {
    running -= 1;
    const n = (runningOf.get(key) ?? 1) - 1;
    if (n === 0) runningOf.delete(key);
    else runningOf.set(key, n);
  };

  return {
    get waiting() {
      return waiting;
    },
    async run(key, fn) {
      if (running >= slots || waiting > 0) {
        await new Promise<void>((resolve) => {
          const queue = queues.get(key);
          if (queue) queue.push(resolve);
          else queues.set(key, [resolve]);
          waiting += 1;
          next();
        });
      } else {
        begin(key);
      }
      try {
        return await fn();
      } finally {
        end(key);
        next();
      }
    },
  };
}
