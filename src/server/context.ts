/** What every route gets: the database, the clock, and (after auth) the signed-in user. */

import type { AuthUser } from './auth/sessions';
import type { FairGate } from './services/fair-gate';
import type { KeyedTurns } from './services/keyed-turns';
import type { Sql } from './store/sql';

export interface Deps {
  sql: Sql;
  /** The server's notion of now; injected so tests can move time. */
  clock: () => Date;
  /** Behind a reverse proxy: take the client address from X-Forwarded-For (TRUST_PROXY=1). */
  trustProxy?: boolean;
  /**
   * Admission of pushes and pulls, fair between förbund (services/fair-gate.ts); before that, one
   * push at a time per device (services/keyed-turns.ts).
   */
  gates: { push: FairGate; pull: FairGate; device: KeyedTurns };
}

/** `requestId` is set in production only (request-log.ts). */
export type AppEnv = { Variables: { user: AuthUser; requestId: string } };
