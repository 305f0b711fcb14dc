/**
 * The names of the synced record kinds and the two facts about a kind that code outside the sync
 * round needs: whether it belongs to an ärende and whether it is write-once. The registry
 * (entities.ts) holds every kind's schemas and rules; this stays apart so that the wire format, the
 * outbox and the sync status on the first screen do not load every record schema with it.
 */
import { z } from './zod';

/** Case work: each record belongs to one ärende (`parent: 'arende'` in the registry). */
export const CASEWORK_ENTITY_NAMES = [
  'samtycke',
  'mote',
  'atgard',
  'sip',
  'stegmatning',
  'overlamning',
] as const;
export type CaseworkEntityName = (typeof CASEWORK_ENTITY_NAMES)[number];

/** Enkät responses: write-once (`appendOnly` in the registry), never pulled. */
export const RESPONSE_ENTITY_NAMES = ['response'] as const;
export type ResponseEntityName = (typeof RESPONSE_ENTITY_NAMES)[number];

/** Konsultationsteam: förbund-wide, de-identified, written and read by koordinatorer only. */
export const KONSULTATION_ENTITY_NAMES = ['konsultationsmote', 'konsultationsfall'] as const;
export type KonsultationEntityName = (typeof KONSULTATION_ENTITY_NAMES)[number];

export const ENTITY_NAMES = [
  'arende',
  ...CASEWORK_ENTITY_NAMES,
  ...RESPONSE_ENTITY_NAMES,
  ...KONSULTATION_ENTITY_NAMES,
] as const;
export const EntityName = z.enum(ENTITY_NAMES);
export type EntityName = z.infer<typeof EntityName>;

/** Whether records of `entity` belong to an ärende; the same as `ENTITIES[entity].parent === 'arende'`. */
export function belongsToArende(entity: EntityName): boolean {
  return (CASEWORK_ENTITY_NAMES as readonly string[]).includes(entity);
}

/** Whether records of `entity` are write-once; the same as `ENTITIES[entity].appendOnly`. */
export function isAppendOnly(entity: EntityName): boolean {
  return (RESPONSE_ENTITY_NAMES as readonly string[]).includes(entity);
}
