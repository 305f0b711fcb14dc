/**
 * Runs a transaction again when the database refused it for colliding with a concurrent one.
 * Pushes of one förbund run in parallel (services/pull.ts explains why that is safe for pulls):
 * two of them may then insert the same pseudonym code or enkät response at once (the second waits
 * for the first and gets a unique violation, 23505) or lock the same records in another order (one
 * gets a deadlock, 40P01). Nothing of the refused transaction was kept, so it simply runs again –
 * and now sees what the other one committed, so it answers as if they had come one after the
 * other (e.g. `kod_upptagen`). PGlite runs one transaction at a time and never collides.
 */
const RETRIED = new Set(['23505', '40P01', '40001']);
const ATTEMPTS = 4;

const codeOf = (err: unknown) =>
  typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;

export async function retryOnCollision<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      const code = codeOf(err);
      if (attempt >= ATTEMPTS || typeof code !== 'string' || !RETRIED.has(code)) throw err;
      // A short, growing, jittered pause, so two colliding transactions do not collide again.
      await new Promise((resolve) => setTimeout(resolve, attempt * 5 + Math.random() * 10));
    }
  }
}
