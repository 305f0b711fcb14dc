/**
 * Sliding sessions with an absolute end (src/server/auth/session-lifetime.ts), as a model: a
 * session is replayed through any sequence of uses, and what the server would answer at each one
 * is checked against the rules a user sees.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  newSessionLifetime,
  renewedExpiry,
  SESSION_IDLE_DAYS,
  SESSION_MAX_DAYS,
  SESSION_MAX_JITTER_DAYS,
  type SessionLifetime,
} from '../../../src/server/auth/session-lifetime';

const DAY = 24 * 3600 * 1000;
const START = new Date('2026-08-17T07:30:00Z');

/** Replays uses `gaps` ms apart; returns, per use, whether the session was still valid. */
function replay(lifetime: SessionLifetime, gaps: number[]) {
  let current = lifetime;
  let t = START.getTime();
  let lastValidUse = t;
  const answers: { at: number; valid: boolean; lastValidUse: number }[] = [];
  for (const gap of gaps) {
    t += gap;
    const valid = t < current.expiresAt.getTime();
    answers.push({ at: t, valid, lastValidUse });
    if (!valid) break;
    const renewed = renewedExpiry(new Date(t), current);
    if (renewed) current = { ...current, expiresAt: renewed };
    lastValidUse = t;
  }
  return answers;
}

const jitterArb = fc.integer({ min: 0, max: SESSION_MAX_JITTER_DAYS * 24 * 60 - 1 });
const gapsArb = fc.array(fc.integer({ min: 0, max: 40 * DAY }), { minLength: 1, maxLength: 60 });

describe('session lifetime', () => {
  it('ends 76–90 days after sign-in at the latest, and 30 days after sign-in without use', () => {
    fc.assert(
      fc.property(jitterArb, (jitter) => {
        const l = newSessionLifetime(START, () => jitter);
        const max = l.absoluteExpiresAt.getTime() - START.getTime();
        expect(max).toBeLessThanOrEqual(SESSION_MAX_DAYS * DAY);
        expect(max).toBeGreaterThan((SESSION_MAX_DAYS - SESSION_MAX_JITTER_DAYS) * DAY);
        expect(l.expiresAt.getTime() - START.getTime()).toBe(SESSION_IDLE_DAYS * DAY);
      }),
      { seed: 1919, numRuns: 300 },
    );
  });

  it('stays valid for at least 29 days after every use, up to its absolute end, and never longer than 30 days unused', () => {
    fc.assert(
      fc.property(jitterArb, gapsArb, (jitter, gaps) => {
        const lifetime = newSessionLifetime(START, () => jitter);
        const end = lifetime.absoluteExpiresAt.getTime();
        for (const { at, valid, lastValidUse } of replay(lifetime, gaps)) {
          const unused = at - lastValidUse;
          if (at >= end || unused >= SESSION_IDLE_DAYS * DAY) expect(valid).toBe(false);
          if (at < end && unused < (SESSION_IDLE_DAYS - 1) * DAY) expect(valid).toBe(true);
        }
      }),
      { seed: 2019, numRuns: 500 },
    );
  });

  it('is written at most once a day however often it is used', () => {
    fc.assert(
      fc.property(
        jitterArb,
        fc.array(fc.integer({ min: 0, max: 3 * 3600 * 1000 }), { maxLength: 200 }),
        (jitter, gaps) => {
          let current = newSessionLifetime(START, () => jitter);
          let t = START.getTime();
          const writes: number[] = [];
          for (const gap of gaps) {
            t += gap;
            if (t >= current.expiresAt.getTime()) break;
            const renewed = renewedExpiry(new Date(t), current);
            if (renewed) {
              writes.push(t);
              current = { ...current, expiresAt: renewed };
            }
          }
          for (let i = 1; i < writes.length; i++)
            expect((writes[i] as number) - (writes[i - 1] as number)).toBeGreaterThanOrEqual(DAY);
          const first = writes[0];
          if (first !== undefined) expect(first - START.getTime()).toBeGreaterThanOrEqual(DAY);
        },
      ),
      { seed: 3019, numRuns: 300 },
    );
  });

  it('spreads the absolute ends of sessions started on one morning over about two weeks', () => {
    const ends = Array.from({ length: 2000 }, () => newSessionLifetime(START).absoluteExpiresAt.getTime());
    const perDay = new Map<number, number>();
    for (const e of ends) perDay.set(Math.floor(e / DAY), (perDay.get(Math.floor(e / DAY)) ?? 0) + 1);
    expect(perDay.size).toBeGreaterThanOrEqual(SESSION_MAX_JITTER_DAYS);
    // Uniform over 14 days is ~143 a day; no day gets near a quarter of them.
    expect(Math.max(...perDay.values())).toBeLessThan(2000 / 4);
  });
});
