import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  canChange,
  FORMS,
  INSTRUMENT_VERSION,
  ResponseSubmittedError,
  type SurveyResponse,
  type SurveyResponseDraft,
  SurveyResponse as SurveyResponseSchema,
  sealResponse,
  updateAnswers,
} from '../../../../src/domain/instrument';
import { ValidationError } from '../../../../src/domain/validation';

const ARENDE = '0b6f1c0e-3c1a-4f5e-9d2b-6a7e8f901234';
const ENHET = '5d9e2a41-7b3c-4e8f-a1b2-c3d4e5f60718';
const AT = '2026-03-02T09:30:00.000Z';

function deltagareDraft(over: Partial<Record<string, unknown>> = {}): SurveyResponseDraft {
  return {
    id: crypto.randomUUID(),
    formId: 'F-D-UNDER',
    instrumentVersion: INSTRUMENT_VERSION,
    arendeId: ARENDE,
    answeredWith: 'sjalv',
    answers: { M01: 4, M14: 2 },
    ...over,
  } as SurveyResponseDraft;
}

function halvarDraft(over: Partial<Record<string, unknown>> = {}): SurveyResponseDraft {
  return {
    id: crypto.randomUUID(),
    formId: 'F-FC-HALVÅR',
    instrumentVersion: INSTRUMENT_VERSION,
    round: '2026H1',
    enhetId: ENHET,
    group: 'forbundschef',
    answers: { M17c: 5, M19: 1 },
    ...over,
  } as SurveyResponseDraft;
}

function refusal(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ValidationError) return err;
    throw err;
  }
  throw new Error('expected a ValidationError');
}

describe('sealResponse', () => {
  it('returns a frozen response stamped with the instrument version and submission time', () => {
    const sealed = sealResponse(deltagareDraft(), AT);
    expect(sealed).toMatchObject({
      instrumentVersion: INSTRUMENT_VERSION,
      submittedAt: AT,
      answers: { M01: 4 },
    });
    expect(Object.isFrozen(sealed)).toBe(true);
    expect(Object.isFrozen(sealed.answers)).toBe(true);
    expect(SurveyResponseSchema.safeParse(sealed).success).toBe(true);
  });

  it('stores a skipped item as no answer at all', () => {
    const sealed = sealResponse(deltagareDraft({ answers: { M03: 3 } }), AT);
    expect(Object.keys(sealed.answers)).toEqual(['M03']);
    expect('M01' in sealed.answers).toBe(false);
  });

  it('refuses a value outside 1–5 or not an integer', () => {
    for (const bad of [0, 6, 2.5, '3', null]) {
      const err = refusal(() => sealResponse(deltagareDraft({ answers: { M01: bad } }), AT));
      expect(err.fields.answers).toBe('Svaret måste vara ett heltal från 1 till 5.');
    }
  });

  it('refuses a slot that is not in the form, or not a slot at all', () => {
    const notInForm = refusal(() => sealResponse(deltagareDraft({ answers: { M02: 3 } }), AT));
    expect(notInForm.fields.answers).toBe('Påståendet M02 ingår inte i det här formuläret.');
    expect(() => sealResponse(deltagareDraft({ answers: { M99: 3 } }), AT)).toThrow(ValidationError);
    expect(() => sealResponse(deltagareDraft({ answers: { M20: 3 } }), AT)).toThrow(ValidationError);
    expect(() => sealResponse(halvarDraft({ answers: { 'M16.1': 3 } }), AT)).toThrow(ValidationError);
  });

  it('requires the ärende and how the deltagare answered on a deltagare form', () => {
    const { arendeId: _a, ...noArende } = deltagareDraft() as Record<string, unknown>;
    expect(() => sealResponse(noArende as SurveyResponseDraft, AT)).toThrow(ValidationError);
    const { answeredWith: _w, ...noHow } = deltagareDraft() as Record<string, unknown>;
    expect(refusal(() => sealResponse(noHow as SurveyResponseDraft, AT)).fields).toHaveProperty(
      'answeredWith',
    );
    expect(sealResponse(deltagareDraft({ answeredWith: 'med_stod' }), AT).formId).toBe('F-D-UNDER');
  });

  it('takes a personal form with its ärende and no answeredWith', () => {
    const p = deltagareDraft({ formId: 'F-P-AVSLUT', answers: { M07: 2, M12: 4, M15: 5 } }) as Record<
      string,
      unknown
    >;
    const { answeredWith: _w, ...personal } = p;
    expect(sealResponse(personal as SurveyResponseDraft, AT)).toMatchObject({ arendeId: ARENDE });
    expect(() => sealResponse(p as SurveyResponseDraft, AT)).toThrow(ValidationError);
  });

  it('refuses another instrument version and a malformed submission time', () => {
    expect(() => sealResponse(deltagareDraft({ instrumentVersion: 'nns-A' }), AT)).toThrow(ValidationError);
    expect(() => sealResponse(deltagareDraft(), 'igår')).toThrow(ValidationError);
  });

  it('accepts any subset of a form’s slots with values 1–5', () => {
    const slotsOfForm = FORMS['F-D-AVSLUT'].slots;
    const answers = fc.dictionary(fc.constantFrom(...slotsOfForm), fc.integer({ min: 1, max: 5 }));
    fc.assert(
      fc.property(answers, (a) => {
        const sealed = sealResponse(deltagareDraft({ formId: 'F-D-AVSLUT', answers: a }), AT);
        expect(sealed.answers).toEqual(a);
      }),
    );
  });
});

describe('half-year responses', () => {
  it('are linked to round, enhet and group only', () => {
    const sealed = sealResponse(halvarDraft(), AT);
    expect(sealed).toMatchObject({ round: '2026H1', enhetId: ENHET, group: 'forbundschef' });
    expect('arendeId' in sealed).toBe(false);
    expectTypeOf<Extract<SurveyResponse, { group: unknown }>>().not.toHaveProperty('arendeId');
  });

  it('refuse an ärende, a user id or answeredWith', () => {
    for (const extra of [{ arendeId: ARENDE }, { userId: ARENDE }, { answeredWith: 'sjalv' }]) {
      expect(() => sealResponse(halvarDraft(extra), AT)).toThrow(ValidationError);
    }
  });

  it('refuse a group other than the form’s and a malformed round', () => {
    const wrong = refusal(() => sealResponse(halvarDraft({ group: 'styrelse' }), AT));
    expect(wrong.fields.group).toBe('Gruppen stämmer inte med formuläret.');
    for (const round of ['2026H3', '2026-H1', 'H1', '']) {
      expect(() => sealResponse(halvarDraft({ round }), AT)).toThrow(ValidationError);
    }
  });
});

describe('changing a response', () => {
  it('is allowed on a draft and leaves the original untouched', () => {
    const draft = deltagareDraft();
    expect(canChange(draft)).toBe(true);
    const next = updateAnswers(draft, { M01: 5, M14: null, M18: 1 });
    expect(next.answers).toEqual({ M01: 5, M18: 1 });
    expect(draft.answers).toEqual({ M01: 4, M14: 2 });
  });

  it('refuses a draft change to a slot outside the form or a value outside 1–5', () => {
    expect(() => updateAnswers(deltagareDraft(), { M02: 3 })).toThrow(ValidationError);
    expect(() => updateAnswers(deltagareDraft(), { M01: 7 as never })).toThrow(ValidationError);
  });

  it('is refused once the response is submitted', () => {
    const sealed = sealResponse(deltagareDraft(), AT);
    expect(canChange(sealed)).toBe(false);
    expect(() => updateAnswers(sealed, { M01: 1 })).toThrow(ResponseSubmittedError);
    expect(() => updateAnswers(sealed, { M01: 1 })).toThrow('Ett inskickat svar kan inte ändras.');
    expect(() => sealResponse(sealed as never, AT)).toThrow(ResponseSubmittedError);
  });

  it('cannot be done behind the API’s back either: the sealed object is frozen', () => {
    const sealed = sealResponse(deltagareDraft(), AT) as {
      answers: Record<string, number>;
      submittedAt: string;
    };
    expect(() => {
      sealed.answers.M01 = 1;
    }).toThrow(TypeError);
    expect(() => {
      sealed.submittedAt = '2030-01-01T00:00:00.000Z';
    }).toThrow(TypeError);
    expect(sealed.answers.M01).toBe(4);
  });

  it('does not freeze or alter the draft it sealed', () => {
    const draft = deltagareDraft();
    sealResponse(draft, AT);
    expect(Object.isFrozen(draft)).toBe(false);
    expect(canChange(draft)).toBe(true);
  });
});
