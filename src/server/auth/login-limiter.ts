/**
 * Slows down password guessing: after `maxFailures` failed sign-ins for one key within `windowMs`,
 * further attempts for that key are refused until the window has passed. Kept in the database
 * (table login_attempt), so every server process behind a load balancer counts the same failures
 * and a restart forgets nothing.
 *
 * The sign-in route keeps two kinds of key:
 *  - Per account (10 failures / 15 min): stops guessing one account's password from many addresses.
 *    While it holds, that account cannot sign in from anywhere, even with the right password — the
 *    price of stopping distributed guessing; it lifts by itself after the window.
 *  - Per address (30 failures / 15 min, over all usernames): stops one address from trying many
 *    accounts. It blocks only that address: the same accounts still sign in from elsewhere, and
 *    another address is never blocked by this address's failures.
 * A successful sign-in clears the account's count, never the address's (else one known password
 * would reset an attacker's address budget).
 *
 * An attempt is written *before* the password is checked and counted together with the others:
 * a thousand guesses sent at once see each other's rows, so at most `maxFailures` of them get to
 * the password check (counting after the check would let all of them through). A refused or
 * successful attempt's row is deleted again; what remains are failures.
 */
import { randomUUID } from 'node:crypto';
import type { Sql } from '../store/sql';

export type LimitKind = 'account' | 'address';

export interface LimitKey {
  kind: LimitKind;
  key: string;
  /** Failures of this key within the window that make the next attempt wait. */
  maxFailures: number;
}

export interface Attempt {
  /** Milliseconds to wait before the next attempt, or 0 when this attempt may go ahead. */
  waitMs: number;
  /** The attempt's rows, one per key. */
  ids: string[];
}

export interface LoginLimiter {
  /** Counts an attempt for every key; when any key is over its limit, waitMs says how long to wait. */
  begin(keys: readonly LimitKey[]): Promise<Attempt>;
  /** The attempt was refused by the limit or signed in: it is not a failure. */
  forget(attempt: Attempt): Promise<void>;
  /** Forgets every failure of a key (the account's, after a successful sign-in). */
  reset(kind: LimitKind, key: string): Promise<void>;
}

const norm = (key: string) => key.trim().toLowerCase();

export function createLoginLimiter({
  sql,
  clock,
  windowMs = 15 * 60 * 1000,
}: {
  sql: Sql;
  clock: () => Date;
  windowMs?: number;
}): LoginLimiter {
  /** Wait for one key, counting every row but `ownId` (the attempt itself). */
  async function waitFor(k: LimitKey, ownId: string, now: number): Promise<number> {
    const since = new Date(now - windowMs).toISOString();
    // The newest maxFailures others decide: the oldest of them leaves the window first.
    const { rows } = await sql.query<{ at: Date | string }>(
      `select at from login_attempt where kind = $1 and key = $2 and at > $3 and id <> $4
        order by at desc limit $5`,
      [k.kind, norm(k.key), since, ownId, k.maxFailures],
    );
    if (rows.length < k.maxFailures) return 0;
    const oldest = new Date(rows[rows.length - 1]?.at ?? now).getTime();
    return Math.max(1, oldest + windowMs - now);
  }

  return {
    async begin(keys) {
      const now = clock().getTime();
      // Nothing is kept past the window, whoever it was about.
      await sql.query('delete from login_attempt where at <= $1', [new Date(now - windowMs).toISOString()]);
      const ids = keys.map(() => randomUUID());
      for (const [i, k] of keys.entries())
        await sql.query('insert into login_attempt (id, kind, key, at) values ($1, $2, $3, $4)', [
          ids[i],
          k.kind,
          norm(k.key),
          new Date(now).toISOString(),
        ]);
      let waitMs = 0;
      for (const [i, k] of keys.entries()) waitMs = Math.max(waitMs, await waitFor(k, ids[i] ?? '', now));
      return { waitMs, ids };
    },
    async forget(attempt) {
      await sql.query('delete from login_attempt where id = any($1::uuid[])', [attempt.ids]);
    },
    async reset(kind, key) {
      await sql.query('delete from login_attempt where kind = $1 and key = $2', [kind, norm(key)]);
    },
  };
}
