/**
 * The real server, in-process, on a database of its own (an in-memory PGlite, or in the
 * server-postgres project a fresh database on the test PostgreSQL cluster; see test-database.ts):
 * migrations applied, one test förbund with enheter NOR and SKE, and synthetic accounts
 * ("Handläggare A", "Handläggare B" …) made on demand.
 * `fetch` routes to the app without a port, so a sync engine can be pointed at it (and wrapped to
 * fail). No real person's data anywhere.
 */
import { randomUUID } from 'node:crypto';
import type { Hono } from 'hono';
import type { Enhet, HalvarGroup, LoginResponse, Role } from '../../src/domain/account';
import { DEFAULT_BEHOVSGRUPPER } from '../../src/domain/arende';
import { buildApp } from '../../src/server/app';
import type { ScryptParams } from '../../src/server/auth/password';
import { type CreatedUser, createUser } from '../../src/server/auth/users';
import type { AppEnv } from '../../src/server/context';
import type { Sql } from '../../src/server/store/sql';
import { createEnhet, createForbund, type Forbund } from '../../src/server/store/tenants';
import { type DatabaseKind, openTestDatabase } from './test-database';

/** Relative URLs given to `fetch` are resolved against this origin. */
export const TEST_ORIGIN = 'http://faltsam.test';

// Test accounts use a cheaper scrypt than production (the parameters are stored with each hash),
// so suites that sign in many times stay fast. Unknown usernames still cost the production price.
const TEST_SCRYPT: ScryptParams = { log2N: 12, r: 8, p: 1 };

export interface TestAccount {
  username: string;
  password: string;
  user: CreatedUser;
}

export interface TestTenant {
  forbund: Forbund;
  enheter: Enhet[];
  /**
   * A handläggare of this förbund with access to the enheter named by kod (default NOR); with
   * `role`, an account of that role (a respondent needs `respondentGroup`).
   */
  createHandlaggare(opts?: {
    enheter?: string[];
    role?: Role;
    respondentGroup?: HalvarGroup;
  }): Promise<TestAccount>;
}

export interface TestServer extends TestTenant {
  app: Hono<AppEnv>;
  sql: Sql;
  /** The database the server runs on. */
  databaseKind: DatabaseKind;
  /** Its URL on PostgreSQL, for a second connection pool (a second server process); else undefined. */
  databaseUrl: string | undefined;
  /**
   * `address` is the client's socket address as the server sees it (for the per-address sign-in
   * limit); without it the address is unknown, as for any in-process call.
   */
  fetch: (input: RequestInfo | URL, init?: RequestInit, address?: string) => Promise<Response>;
  /** POST /api/sessions; throws unless it answers 201. */
  login(username: string, password: string): Promise<LoginResponse>;
  /** Another förbund (tenant) with its own enheter NOR and SKE, for isolation tests. */
  addForbund(namn: string): Promise<TestTenant>;
  close(): Promise<void>;
}

export async function createTestServer(
  opts: {
    clock?: () => Date;
    staticDir?: string;
    trustProxy?: boolean;
    /** What the app runs its SQL through (e.g. a recorder); `sql` of the test server stays unwrapped. */
    wrapSql?: (sql: Sql) => Sql;
  } = {},
): Promise<TestServer> {
  const db = await openTestDatabase();
  const sql = db.sql;
  const app = buildApp({
    sql: opts.wrapSql ? opts.wrapSql(sql) : sql,
    clock: opts.clock,
    staticDir: opts.staticDir,
    trustProxy: opts.trustProxy,
  });
  let accounts = 0;

  const fetch = async (input: RequestInfo | URL, init?: RequestInit, address?: string): Promise<Response> => {
    const request =
      input instanceof Request ? new Request(input, init) : new Request(new URL(input, TEST_ORIGIN), init);
    // What @hono/node-server hands the app: the Node request, whose socket has the peer address.
    return address === undefined
      ? app.fetch(request)
      : app.fetch(request, { incoming: { socket: { remoteAddress: address } } });
  };

  const addForbund = async (namn: string): Promise<TestTenant> => {
    const forbund = await createForbund(sql, { namn, behovsgrupper: DEFAULT_BEHOVSGRUPPER });
    const enheter = [
      await createEnhet(sql, {
        forbundId: forbund.id,
        namn: 'Norsjö kommun – ekonomiskt bistånd',
        kod: 'NOR',
      }),
      await createEnhet(sql, {
        forbundId: forbund.id,
        namn: 'Skellefteå kommun – ekonomiskt bistånd',
        kod: 'SKE',
      }),
    ];
    const createHandlaggare: TestTenant['createHandlaggare'] = async ({
      enheter: koder = ['NOR'],
      role,
      respondentGroup,
    } = {}) => {
      const n = accounts++;
      const letter = String.fromCharCode(65 + (n % 26)) + (n >= 26 ? String(Math.floor(n / 26) + 1) : '');
      const username = `handlaggare-${letter.toLowerCase()}`;
      const password = `test-losenord-${randomUUID()}`;
      const enhetIds = koder.map((kod) => {
        const enhet = enheter.find((e) => e.kod === kod);
        if (!enhet) throw new Error(`No enhet ${kod} in ${namn}`);
        return enhet.id;
      });
      const user = await createUser(
        sql,
        {
          forbundId: forbund.id,
          username,
          displayName: `Handläggare ${letter}`,
          role: role ?? 'handlaggare',
          respondentGroup: respondentGroup ?? null,
          password,
          enhetIds,
        },
        TEST_SCRYPT,
      );
      return { username, password, user };
    };
    return { forbund, enheter, createHandlaggare };
  };

  const main = await addForbund('Testförbund');
  return {
    ...main,
    app,
    sql,
    databaseKind: db.kind,
    databaseUrl: db.url,
    fetch,
    addForbund,
    async login(username, password) {
      const res = await fetch('/api/sessions', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      if (res.status !== 201)
        throw new Error(`Login as ${username} failed: ${res.status} ${await res.text()}`);
      return (await res.json()) as LoginResponse;
    },
    close: () => db.close(),
  };
}
