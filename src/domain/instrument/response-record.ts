// A submitted response as a synced entity (entities.ts): one object shape that covers every form
// kind, so the generic registry can hold it. The exact rules — per kind, strict, only the form's
// slots — stay SurveyResponse's; responseIssues applies them. Invariant: write-once, never pulled.

import type { EntityDef } from '../entities';
import { RESPONSE_ENTITY_NAMES, type ResponseEntityName } from '../entity-names';
import { Id } from '../id';
import { z } from '../zod';
import { FormId } from './forms';
import { AnsweredWith, Answers, SurveyResponse, SurveyRound } from './response';
import { INSTRUMENT_VERSION } from './version';
import { RespondentGroup } from './vocabulary';

/** Every field a response of some form kind may carry; which ones it must carry is SurveyResponse's rule. */
export const ResponseFieldsShape = {
  formId: FormId,
  instrumentVersion: z.literal(INSTRUMENT_VERSION, { error: 'Svaret hör till en annan version av enkäten.' }),
  answers: Answers,
  arendeId: Id.optional(),
  answeredWith: AnsweredWith.optional(),
  round: SurveyRound.optional(),
  enhetId: Id.optional(),
  group: RespondentGroup.optional(),
  submittedAt: z.iso.datetime(),
};

export const RESPONSE_FIELDS = Object.keys(ResponseFieldsShape) as (keyof typeof ResponseFieldsShape)[];

export const ResponseRecord = z.object({ id: Id, ...ResponseFieldsShape });
export type ResponseRecord = z.infer<typeof ResponseRecord>;

/** The kind-specific rules of SurveyResponse as field → message issues (the registry's cross-field check). */
export function responseIssues(record: ResponseRecord): { path: string; message: string }[] {
  const parsed = SurveyResponse.safeParse(record);
  if (parsed.success) return [];
  return parsed.error.issues.map((i) => ({ path: String(i.path[0] ?? '_'), message: i.message }));
}

/** Why a response cannot be changed or sent again: it is final once submitted. */
export const RESPONSE_FINAL_MESSAGE = 'Ett inskickat svar kan inte ändras.';

// The names live in entity-names.ts (loaded without the schemas); re-exported here with the entry.
export { RESPONSE_ENTITY_NAMES, type ResponseEntityName };

/**
 * The registry entry (spread into ENTITIES). Every field is fixed at creation and the record is
 * append-only: the server stores it in its own table, refuses any later change, never returns it
 * in a pull, and the device drops its copy as soon as the server has it.
 */
export const RESPONSE_ENTITIES: Record<ResponseEntityName, EntityDef> = {
  response: {
    fields: z.object(ResponseFieldsShape),
    record: ResponseRecord,
    crossFieldIssues: responseIssues as EntityDef['crossFieldIssues'],
    createOnly: RESPONSE_FIELDS,
    appendOnly: true,
  },
};
