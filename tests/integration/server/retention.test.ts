/**
 * Storage limitation: ended sessions go after their grace period (and a device coming back within
 * it still hears why its session ended), audit rows after the förbund's period — exactly those,
 * whatever the mix of rows, on both databases.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorResponse } from '../../../src/domain/sync-protocol';
import { DEFAULT_RETENTION, pruneExpired, retentionFromEnv } from '../../../src/server/store/retention';
import { createTestServer, type TestAccount, type TestServer } from '../../helpers/server';

const DAY = 86_400_000;
const T0 = new Date('2026-03-01T08:00:00Z');
let now = T0;
let server: TestServer;
let account: TestAccount;

beforeAll(async () => {
  server = await createTestServer({ clock: () => now });
  account = await server.createHandlaggare();
}, 60_000);
afterAll(() => server.close());

const at = (days: number) => new Date(T0.getTime() + days * DAY);
const me = async (token: string) => {
  const res = await server.fetch('/api/me', { headers: { Authorization: `Bearer ${token}` } });
  return { status: res.status, code: res.ok ? null : ApiErrorResponse.parse(await res.json()).error.code };
};
const count = async (table: string, where = 'true', params: unknown[] = []) =>
  Number(
    (await server.sql.query<{ n: number }>(`select count(*)::int as n from ${table} where ${where}`, params))
      .rows[0]?.n,
  );

describe('ended sessions', () => {
  it('tells a returning device why within the grace period, and deletes the row after it', async () => {
    now = T0;
    const ended = (await server.login(account.username, account.password)).token;
    const kept = (await server.login(account.username, account.password)).token;
    await server.fetch('/api/sessions/current', {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${ended}` },
    });

    now = at(29);
    expect(await me(kept)).toEqual({ status: 200, code: null }); // used: it slides 30 days on
    const policy = DEFAULT_RETENTION;
    expect((await pruneExpired(server.sql, now, policy)).sessions).toBe(0);
    expect(await me(ended)).toEqual({ status: 401, code: 'utloggad' });

    now = at(31);
    expect((await pruneExpired(server.sql, now, policy)).sessions).toBe(1);
    expect(await me(ended)).toEqual({ status: 401, code: 'ej_inloggad' });
    expect(await me(kept)).toEqual({ status: 200, code: null });
  });
});

describe('what is pruned, for any mix of rows', () => {
  it('deletes exactly the sessions ended before the grace period and the audit rows older than the period', async () => {
    const forbundId = server.forbund.id;
    const userId = account.user.id;
    const row = fc.record({
      endedDaysAgo: fc.integer({ min: -60, max: 400 }), // negative: still valid
      revoked: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { maxLength: 12 }),
        fc.array(fc.integer({ min: 0, max: 1200 }), { maxLength: 20 }),
        fc.record({
          sessionGraceDays: fc.integer({ min: 1, max: 90 }),
          auditDays: fc.integer({ min: 30, max: 1100 }),
        }),
        async (sessions, auditAges, policy) => {
          const pruneAt = at(2000);
          await server.sql.query('delete from session');
          await server.sql.query('delete from audit_event');
          for (const s of sessions) {
            const end = new Date(pruneAt.getTime() - s.endedDaysAgo * DAY);
            await server.sql.query(
              `insert into session (id, token_hash, user_id, created_at, expires_at, absolute_expires_at, revoked_at, revoked_reason)
               values ($1, $2, $3, $4, $5, $6, $7, $8)`,
              [
                randomUUID(),
                randomUUID(),
                userId,
                at(0).toISOString(),
                (s.revoked ? new Date(end.getTime() + 10 * DAY) : end).toISOString(),
                new Date(end.getTime() + 60 * DAY).toISOString(),
                s.revoked ? end.toISOString() : null,
                s.revoked ? 'logout' : null,
              ],
            );
          }
          for (const age of auditAges)
            await server.sql.query(
              `insert into audit_event (at, forbund_id, user_id, action) values ($1, $2, $3, 'login')`,
              [new Date(pruneAt.getTime() - age * DAY - 1000).toISOString(), forbundId, userId],
            );
          const pruned = await pruneExpired(server.sql, pruneAt, policy);
          // An age of exactly the limit plus a second is past it; the limit itself is kept.
          const sessionsDue = sessions.filter((s) => s.endedDaysAgo > policy.sessionGraceDays).length;
          const auditDue = auditAges.filter((a) => a >= policy.auditDays).length;
          expect(pruned).toEqual({ sessions: sessionsDue, auditEvents: auditDue });
          expect(await count('session', 'user_id = $1', [userId])).toBe(sessions.length - sessionsDue);
          expect(await count('audit_event', 'forbund_id = $1', [forbundId])).toBe(
            auditAges.length - auditDue,
          );
        },
      ),
      { seed: 20261204, numRuns: 25 },
    );
  }, 120_000);

  it('deletes a backlog larger than one chunk in one run', async () => {
    await server.sql.query(
      `insert into audit_event (at, forbund_id, action)
       select $1::timestamptz - (g || ' minutes')::interval, $2, 'login' from generate_series(1, 12000) g`,
      [at(-2000).toISOString(), server.forbund.id],
    );
    const pruned = await pruneExpired(server.sql, at(0), { sessionGraceDays: 30, auditDays: 365 });
    expect(pruned.auditEvents).toBeGreaterThanOrEqual(12000);
    expect(await count('audit_event', 'at < $1', [at(-365).toISOString()])).toBe(0);
  }, 60_000);
});

describe('the retention settings', () => {
  it('takes whole days in range and refuses anything else with a Swedish message', () => {
    expect(retentionFromEnv({})).toEqual(DEFAULT_RETENTION);
    expect(retentionFromEnv({ AUDIT_RETENTION_DAYS: '730', SESSION_RETENTION_DAYS: '7' })).toEqual({
      auditDays: 730,
      sessionGraceDays: 7,
    });
    for (const bad of ['abc', '-1', '0', '29', '1e3', '3.5', ' ', '99999999', '\u0000', 'NaN', 'Infinity'])
      expect(() => retentionFromEnv({ AUDIT_RETENTION_DAYS: bad }), bad).toThrow(
        /AUDIT_RETENTION_DAYS måste vara/,
      );
  });
});
