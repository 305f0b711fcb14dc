/**
 * The registry of synced record kinds. Each entity names its editable fields (merged one by one)
 * and its full record schema; the server and the device both go through this table, so adding a
 * record kind is one entry here plus its screens.
 */
import { z } from 'zod';
import { Arende, ArendeFieldsShape, arendeCrossFieldIssues } from './arende';

export const ENTITY_NAMES = ['arende'] as const;
export const EntityName = z.enum(ENTITY_NAMES);
export type EntityName = z.infer<typeof EntityName>;

export interface EntityDef {
  /** Fields a mutation may set; anything else in `changes` is refused. */
  fields: z.ZodObject;
  /** The whole record as stored and pulled. */
  record: z.ZodObject;
  /** Rules across fields, checked on the merged record. */
  crossFieldIssues: (record: never) => { path: string; message: string }[];
  /** Fields fixed at creation (set by the server or the creating device), never changed after. */
  createOnly: readonly string[];
}

export const ENTITIES: Record<EntityName, EntityDef> = {
  arende: {
    fields: z.object({ ...ArendeFieldsShape, code: Arende.shape.code }),
    record: Arende,
    crossFieldIssues: arendeCrossFieldIssues as (r: never) => { path: string; message: string }[],
    createOnly: ['code'],
  },
};
