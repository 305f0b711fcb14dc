/**
 * Hostile input to what the `faltsam` command and the one-time-password sign-in accept: broken
 * Unicode (NUL, lone surrogates, control characters), huge values, names that differ only in
 * case, a sign-in replayed after the change. Each is either done exactly as asked or refused with
 * a code the command can explain — never a database error, never half done. Fixed seeds.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScryptParams } from '../../../src/server/auth/password';
import {
  createEnhetIn,
  createForbundWithAdmin,
  OpsError,
  resetPassword,
} from '../../../src/server/ops/accounts';
import { createTestServer, type TestServer } from '../../helpers/server';
import { json } from './support';

const CHEAP: ScryptParams = { log2N: 10, r: 8, p: 1 };
let server: TestServer;

beforeAll(async () => {
  server = await createTestServer();
}, 60_000);
afterAll(() => server.close());

const nasty = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '\ud800',
    'x\udfffy',
    ' ',
    '\n',
    'Förbund\tNorr',
    'å'.repeat(5000),
    '',
  ),
);

const count = async (table: string) =>
  (await server.sql.query<{ n: number }>(`select count(*)::int as n from ${table}`)).rows[0]?.n ?? 0;

describe('forbund create and enhet create with hostile names', () => {
  it('creates exactly what was asked or refuses with an OpsError, leaving nothing behind', async () => {
    let i = 0;
    await fc.assert(
      fc.asyncProperty(nasty, nasty, async (namn, username) => {
        i += 1;
        const before = [await count('forbund'), await count('app_user'), await count('audit_event')];
        try {
          const made = await createForbundWithAdmin(
            server.sql,
            { namn, adminUsername: username, password: `losenord-som-duger-${i}` },
            { scrypt: CHEAP },
          );
          expect(made.forbund.namn).toBe(namn.trim());
          expect(made.admin.username).toBe(username.trim());
          expect(/\p{Cc}|\p{Cs}/u.test(made.forbund.namn)).toBe(false);
        } catch (err) {
          expect(err, String(err)).toBeInstanceOf(OpsError);
          expect([await count('forbund'), await count('app_user'), await count('audit_event')]).toEqual(
            before,
          );
        }
      }),
      { numRuns: 60, seed: 1414 },
    );
  });

  it('refuses a second förbund of the same name in any letter case, and a taken username', async () => {
    await createForbundWithAdmin(
      server.sql,
      { namn: 'Förbund Ett', adminUsername: 'admin.ett', password: 'losenord-ett-123' },
      { scrypt: CHEAP },
    );
    await expect(
      createForbundWithAdmin(
        server.sql,
        { namn: 'FÖRBUND ETT', adminUsername: 'admin.tva', password: 'losenord-tva-123' },
        { scrypt: CHEAP },
      ),
    ).rejects.toMatchObject({ code: 'forbund_finns' });
    await expect(
      createForbundWithAdmin(
        server.sql,
        { namn: 'Förbund Två', adminUsername: 'ADMIN.ETT', password: 'losenord-tva-123' },
        { scrypt: CHEAP },
      ),
    ).rejects.toMatchObject({ code: 'anvandarnamn_upptaget' });
    expect((await server.sql.query("select 1 from forbund where namn = 'Förbund Två'")).rows).toHaveLength(0);
  });

  it('takes an enhet code only as 2–4 capitals and names the förbund exactly, by id or name', async () => {
    await fc.assert(
      fc.asyncProperty(nasty, nasty, async (namn, kod) => {
        try {
          const enhet = await createEnhetIn(server.sql, { namn, kod, forbund: 'förbund ett' });
          expect(enhet.kod).toMatch(/^[A-ZÅÄÖ]{2,4}$/);
        } catch (err) {
          expect(err).toBeInstanceOf(OpsError);
        }
      }),
      { numRuns: 60, seed: 1415 },
    );
    await expect(
      createEnhetIn(server.sql, { namn: 'X', kod: 'XY', forbund: 'finns inte' }),
    ).rejects.toMatchObject({
      code: 'forbund_saknas',
    });
  });
});

describe('one-time passwords at sign-in', () => {
  it('answers any new password with 201 or a 4xx, never a server fault, and gives one session at most', async () => {
    const h = await server.createHandlaggare();
    await resetPassword(
      server.sql,
      { username: h.username, password: 'engangs-losenord-1' },
      { scrypt: CHEAP },
    );
    const newPassword = fc.oneof(
      nasty,
      fc.string({ minLength: 12, maxLength: 60 }),
      fc.constant('x'.repeat(100_000)),
    );
    let signedIn = 0;
    await fc.assert(
      fc.asyncProperty(newPassword, async (candidate) => {
        const res = await server.fetch(
          '/api/sessions',
          json({ username: h.username, password: 'engangs-losenord-1', newPassword: candidate }),
        );
        // 429: after the change the old password is a wrong one, and ten wrong ones make the account wait.
        expect([201, 400, 401, 409, 413, 429]).toContain(res.status);
        if (res.status === 201) signedIn += 1;
      }),
      { numRuns: 40, seed: 1416 },
    );
    // Once replaced, the one-time password is a wrong password like any other.
    expect(signedIn).toBeLessThanOrEqual(1);
    const sessions = await server.sql.query('select 1 from session where user_id = $1', [h.user.id]);
    expect(sessions.rows.length).toBe(signedIn);
  });

  it('lets only one of two first sign-ins sent at once replace the one-time password', async () => {
    const h = await server.createHandlaggare();
    await resetPassword(
      server.sql,
      { username: h.username, password: 'engangs-losenord-2' },
      { scrypt: CHEAP },
    );
    const attempt = (own: string) =>
      server.fetch(
        '/api/sessions',
        json({ username: h.username, password: 'engangs-losenord-2', newPassword: own }),
      );
    const [a, b] = await Promise.all([attempt('forsta-egna-losenordet'), attempt('andra-egna-losenordet')]);
    // The other one is refused: caught changing it (409) or, if it came later, a wrong password (401).
    const statuses = [a.status, b.status].sort();
    expect(statuses[0]).toBe(201);
    expect([401, 409]).toContain(statuses[1]);
    const sessions = await server.sql.query('select 1 from session where user_id = $1', [h.user.id]);
    expect(sessions.rows).toHaveLength(1);
  });
});
