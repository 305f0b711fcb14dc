/**
 * The registry of synced record kinds. Each entity names its editable fields (merged one by one)
 * and its full record schema; the server and the device both go through this table, so adding a
 * record kind is one entry here plus its screens.
 */

import type { Role } from './account';
import { Arende, ArendeFieldsShape, arendeCrossFieldIssues } from './arende';
import { CASEWORK_ENTITIES } from './casework-entities';
import type { EntityName } from './entity-names';
import { RESPONSE_ENTITIES } from './instrument/response-record';
import { KONSULTATION_ENTITIES } from './konsultation-entities';
import { z } from './zod';

// The names (and EntityName) live in entity-names.ts, which loads without the schemas below.
export { ENTITY_NAMES, EntityName } from './entity-names';

export interface EntityDef {
  /** Fields a mutation may set; anything else in `changes` is refused. */
  fields: z.ZodObject;
  /** The whole record as stored and pulled. */
  record: z.ZodObject;
  /** Rules across fields, checked on the merged record. */
  crossFieldIssues: (record: never) => { path: string; message: string }[];
  /** Fields fixed at creation (set by the server or the creating device), never changed after. */
  createOnly: readonly string[];
  /** Case work: the record belongs to the ärende named by its `arendeId` and lives in that ärende's enhet. */
  parent?: 'arende';
  /**
   * Fields whose concurrent values converge instead of conflicting: the value to keep, given the
   * server's and the device's (e.g. åtgärd status, which only moves forward).
   */
  mergeField?: Record<string, (server: unknown, local: unknown) => unknown>;
  /**
   * Write-once records (enkät responses): created once, never changed, never pulled; the server
   * keeps them apart from `record` and the device drops its copy once the server has it.
   */
  appendOnly?: true;
  /**
   * The roles that may pull and push records of this kind (default: handläggare only). Enforced
   * generically by the server's pull and push; within it, enhet and förbund rules still apply.
   */
  audience?: readonly Role[];
  /**
   * Records that their users may delete (a mutation with `delete: true`). A deletion wins over a
   * concurrent edit: the user chose to remove what was written, whatever it now says.
   */
  deletable?: true;
}

const DEFAULT_AUDIENCE: readonly Role[] = ['handlaggare'];

export const ENTITIES: Record<EntityName, EntityDef> = {
  arende: {
    fields: z.object({ ...ArendeFieldsShape, code: Arende.shape.code }),
    record: Arende,
    crossFieldIssues: arendeCrossFieldIssues as (r: never) => { path: string; message: string }[],
    createOnly: ['code'],
  },
  ...CASEWORK_ENTITIES,
  // A handläggare sends case-linked responses, a koordinator's tablet half-year ones in hand-over
  // mode, a respondent their own group's half-year form (apply-response.ts has the finer rules).
  response: { ...RESPONSE_ENTITIES.response, audience: ['handlaggare', 'koordinator', 'respondent'] },
  // Konsultationsteam notes are the koordinatorer's own (PRODUCT.md §2): nobody else pulls or writes them.
  konsultationsmote: { ...KONSULTATION_ENTITIES.konsultationsmote, audience: ['koordinator'] },
  // A summary may hold a mistake: its koordinatorer correct it, or delete it (issue 18).
  konsultationsfall: {
    ...KONSULTATION_ENTITIES.konsultationsfall,
    audience: ['koordinator'],
    deletable: true,
  },
};

/** The roles that may pull and push records of `entity`. */
export function audienceOf(entity: EntityName): readonly Role[] {
  return ENTITIES[entity].audience ?? DEFAULT_AUDIENCE;
}
