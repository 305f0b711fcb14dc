import { describe, expect, it } from 'vitest';
import { ENTITIES, EntityName } from '../../../../src/domain/entities';
import { INSTRUMENT_VERSION } from '../../../../src/domain/instrument';
import { ResponseRecord, responseIssues } from '../../../../src/domain/instrument/response-record';

const base = {
  id: '0b6f1c0e-3c1a-4f5e-9d2b-6a7e8f901234',
  formId: 'F-D-INTERVALL',
  instrumentVersion: INSTRUMENT_VERSION,
  arendeId: '5d9e2a41-7b3c-4e8f-a1b2-c3d4e5f60718',
  answeredWith: 'sjalv',
  answers: { M14: 3 },
  submittedAt: '2026-09-14T10:15:00.000Z',
};

describe('the response entity', () => {
  it('is registered as a write-once entity whose every field is fixed at creation', () => {
    expect(EntityName.options).toContain('response');
    expect(ENTITIES.response.appendOnly).toBe(true);
    expect([...ENTITIES.response.createOnly].sort()).toEqual(
      Object.keys(ENTITIES.response.fields.shape).sort(),
    );
  });

  it('accepts a valid response and applies the form’s own rules as cross-field issues', () => {
    expect(responseIssues(ResponseRecord.parse(base))).toEqual([]);
    expect(responseIssues(ResponseRecord.parse({ ...base, answers: { M01: 3 } }))).toEqual([
      { path: 'answers', message: 'Påståendet M01 ingår inte i det här formuläret.' },
    ]);
    // A deltagare response names no round; a half-year one no ärende.
    expect(responseIssues(ResponseRecord.parse({ ...base, round: '2026H2' })).length).toBeGreaterThan(0);
  });

  it('refuses a value outside 1–5 with the Swedish message of the scale', () => {
    const parsed = ResponseRecord.safeParse({ ...base, answers: { M14: 0 } });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe('Svaret måste vara ett heltal från 1 till 5.');
  });
});
