// A respondent's answers to one form. Invariants: a submitted response is frozen and never changes;
// answers only name slots of its form, values 1–5, a skip is an absent slot; HALVÅR responses are anonymous.
import { Id } from '../id';
import { fieldErrors, swedishErrors, ValidationError } from '../validation';
import { z } from '../zod';
import { DELTAGARE_FORM_IDS, FORMS, formHasSlot, HALVAR_FORM_IDS, PERSONAL_FORM_IDS } from './forms';
import { SlotId } from './matpunkt-ids';
import { SurveyRound } from './round';
import { LikertValue } from './scale';
import { INSTRUMENT_VERSION } from './version';
import { RespondentGroup } from './vocabulary';

/** Whether the deltagare answered alone or with someone's support (PRODUCT.md §3). */
export const ANSWERED_WITH = ['sjalv', 'med_stod'] as const;
export const AnsweredWith = z.enum(ANSWERED_WITH);
export type AnsweredWith = z.infer<typeof AnsweredWith>;

/** slot → 1..5. A slot the respondent skipped ("Hoppa över") is simply absent. */
export const Answers = z.partialRecord(SlotId, LikertValue);
export type Answers = z.infer<typeof Answers>;

// SurveyRound lives with the rounds (round.ts), which the device loads at start; re-exported here.
export { SurveyRound };

const common = {
  id: Id,
  instrumentVersion: z.literal(INSTRUMENT_VERSION, { error: 'Svaret hör till en annan version av enkäten.' }),
  answers: Answers,
};

// Strict objects: a field the form kind does not have (an ärende on a half-year response, a
// user id anywhere) is refused rather than silently stored.
const DeltagareFields = z.strictObject({
  ...common,
  formId: z.enum(DELTAGARE_FORM_IDS),
  arendeId: Id,
  answeredWith: AnsweredWith,
});
const PersonalFields = z.strictObject({
  ...common,
  formId: z.enum(PERSONAL_FORM_IDS),
  arendeId: Id,
});
/** Anonymous: linked to round, enhet and respondent group only — no ärende, no user. */
const HalvarFields = z.strictObject({
  ...common,
  formId: z.enum(HALVAR_FORM_IDS),
  round: SurveyRound,
  enhetId: Id,
  group: RespondentGroup,
});

const submitted = { submittedAt: z.iso.datetime() };

type FormRuleInput = { formId: keyof typeof FORMS; answers: Answers; group?: RespondentGroup };

function checkFormRules(r: FormRuleInput, ctx: z.RefinementCtx): void {
  for (const slotId of Object.keys(r.answers)) {
    if (!formHasSlot(r.formId, slotId)) {
      ctx.addIssue({
        code: 'custom',
        path: ['answers', slotId],
        message: `Påståendet ${slotId} ingår inte i det här formuläret.`,
      });
    }
  }
  if (r.group !== undefined && r.group !== FORMS[r.formId].respondent) {
    ctx.addIssue({ code: 'custom', path: ['group'], message: 'Gruppen stämmer inte med formuläret.' });
  }
}

/** A response being filled in: every field but the submission time. */
export const SurveyResponseDraft = z
  .discriminatedUnion('formId', [DeltagareFields, PersonalFields, HalvarFields])
  .superRefine(checkFormRules);
export type SurveyResponseDraft = z.infer<typeof SurveyResponseDraft>;

/** A submitted response, as stored and synced. Immutable. */
export const SurveyResponse = z
  .discriminatedUnion('formId', [
    DeltagareFields.extend(submitted),
    PersonalFields.extend(submitted),
    HalvarFields.extend(submitted),
  ])
  .superRefine(checkFormRules);
export type SurveyResponse = z.infer<typeof SurveyResponse>;

export class ResponseSubmittedError extends Error {
  readonly code = 'response_submitted';
  constructor() {
    super('Ett inskickat svar kan inte ändras.');
    this.name = 'ResponseSubmittedError';
  }
}

export function isSubmitted(r: SurveyResponseDraft | SurveyResponse): r is SurveyResponse {
  return 'submittedAt' in r;
}

/** Only a draft can change; once submitted, a response is final. */
export function canChange(r: SurveyResponseDraft | SurveyResponse): boolean {
  return !isSubmitted(r);
}

function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value, { error: swedishErrors });
  if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error.issues));
  return parsed.data;
}

/**
 * Sets or skips answers on a draft and returns the new draft (the input is not touched).
 * `null` means "Hoppa över": the slot is removed. Throws ResponseSubmittedError for a submitted
 * response and ValidationError for a slot outside the form or a value outside 1–5.
 */
export function updateAnswers(
  r: SurveyResponseDraft | SurveyResponse,
  changes: Partial<Record<SlotId, LikertValue | null>>,
): SurveyResponseDraft {
  if (isSubmitted(r)) throw new ResponseSubmittedError();
  const answers: Record<string, unknown> = { ...r.answers };
  for (const [slotId, value] of Object.entries(changes)) {
    if (value === null) delete answers[slotId];
    else answers[slotId] = value;
  }
  return parseOrThrow(SurveyResponseDraft, { ...r, answers });
}

/**
 * Validates a draft, stamps it with the time of submission and returns it frozen, answers
 * included. Pure: the caller supplies the time. Throws ValidationError with Swedish messages.
 */
export function sealResponse(draft: SurveyResponseDraft, submittedAt: string): Readonly<SurveyResponse> {
  if (isSubmitted(draft)) throw new ResponseSubmittedError();
  const sealed = parseOrThrow(SurveyResponse, { ...draft, submittedAt });
  Object.freeze(sealed.answers);
  return Object.freeze(sealed);
}
