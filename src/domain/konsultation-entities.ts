/**
 * The konsultationsteam record kinds of the sync registry (entities.ts). Förbund-wide (no enhet,
 * no ärende); a case summary's meeting is fixed at creation.
 */
import type { EntityDef } from './entities';
import { KONSULTATION_ENTITY_NAMES, type KonsultationEntityName } from './entity-names';
import {
  Konsultationsfall,
  KonsultationsfallFields,
  Konsultationsmote,
  KonsultationsmoteFields,
  konsultationsfallCrossFieldIssues,
  konsultationsmoteCrossFieldIssues,
} from './konsultation';

export { KONSULTATION_ENTITY_NAMES, type KonsultationEntityName };

type Issues = EntityDef['crossFieldIssues'];

export const KONSULTATION_ENTITIES: Record<KonsultationEntityName, EntityDef> = {
  konsultationsmote: {
    fields: KonsultationsmoteFields,
    record: Konsultationsmote,
    crossFieldIssues: konsultationsmoteCrossFieldIssues as Issues,
    createOnly: [],
  },
  konsultationsfall: {
    fields: KonsultationsfallFields,
    record: Konsultationsfall,
    crossFieldIssues: konsultationsfallCrossFieldIssues as Issues,
    createOnly: ['moteId', 'nr'],
  },
};
