/**
 * Who may write what, per entity: tenant and enhet isolation and the rules that depend on the
 * signed-in user or the förbund (who may be ansvarig, the förbund's behovsgrupper, unique codes).
 * The rules that depend only on the record itself live in the domain schemas.
 */
import { audienceOf, ENTITIES, type EntityName } from '../../domain/entities';
import type { AuthUser } from '../auth/sessions';
import type { StoredRecord } from '../store/records';
import type { Sql } from '../store/sql';
import type { Forbund } from '../store/tenants';
import { RESPONSE_POLICIES } from './apply-response';
import type { Batch } from './batch';
import { CASEWORK_POLICIES, mayDoCasework } from './casework-policies';
import { KONSULTATION_POLICIES } from './konsultation-policies';
import { invalidFields, MutationRejected } from './rejection';

export interface WriteContext {
  tx: Sql;
  user: AuthUser;
  forbund: Forbund;
  deviceId: string;
  now: Date;
  /** The push's prefetched records, code index and buffered writes (services/batch.ts). */
  batch: Batch;
}

export interface Write {
  current: StoredRecord | null;
  /** The merged, schema-valid record about to be stored. */
  next: Record<string, unknown>;
  changed: readonly string[];
  /** For case work (ENTITIES[…].parent): the ärende the record belongs to, loaded and access-checked. */
  parent?: StoredRecord | null;
}

export interface EntityPolicy {
  /** The enhet a record belongs to, or null for förbund-wide records (case work: its ärende's). */
  enhetOf(record: Record<string, unknown>, parent?: StoredRecord | null): string | null;
  /** Swedish noun phrase with article, for messages ("ärendet"). */
  noun: string;
  /** Throws MutationRejected when the user may not make this write. */
  check(ctx: WriteContext, write: Write): Promise<void>;
}

const arende: EntityPolicy = {
  noun: 'ärendet',
  enhetOf: (r) => (typeof r.enhetId === 'string' ? r.enhetId : null),
  async check({ tx, user, forbund, batch }, { current, next, changed }) {
    const isCreate = current === null;
    const enhetId = String(next.enhetId);
    if ((isCreate || changed.includes('enhetId')) && !user.enhetIds.includes(enhetId)) {
      throw new MutationRejected('ej_behorig', 'Du har inte behörighet till den enheten.', {
        enhetId: 'Du har inte behörighet till den enheten.',
      });
    }
    if (isCreate && next.handlaggareId !== user.id) {
      throw invalidFields({
        handlaggareId: 'Ett nytt ärende skapas med dig själv som ansvarig handläggare.',
      });
    }
    if (!isCreate && changed.includes('handlaggareId')) {
      const { rows } = await tx.query(
        `select 1 from app_user u join user_enhet ue on ue.user_id = u.id
          where u.id = $1 and u.forbund_id = $2 and ue.enhet_id = $3`,
        [next.handlaggareId, user.forbundId, enhetId],
      );
      if (rows.length === 0)
        throw invalidFields({
          handlaggareId: 'Den handläggaren finns inte eller arbetar inte på ärendets enhet.',
        });
    }
    // Only a group in use may be chosen; an ärende already in a retired group keeps it.
    if (changed.includes('behovsgrupp') && next.behovsgrupp !== null) {
      const group = forbund.behovsgrupper.find((b) => b.code === next.behovsgrupp);
      if (!group) throw invalidFields({ behovsgrupp: 'Behovsgruppen finns inte i förbundets lista.' });
      if (group.retiredAt)
        throw invalidFields({
          behovsgrupp: `Behovsgruppen ${group.label} används inte längre i förbundet. Välj en annan grupp.`,
        });
    }
    if (changed.includes('code') && (await batch.codeTaken(String(next.code), String(next.id)))) {
      // The message names no code: answers to a push hold no record content (outcome.ts).
      throw invalidFields({ code: 'Koden används redan i förbundet. Ge ärendet en ny kod.' }, 'kod_upptagen');
    }
  },
};

export const POLICIES: Record<EntityName, EntityPolicy> = {
  arende,
  ...CASEWORK_POLICIES,
  ...RESPONSE_POLICIES,
  ...KONSULTATION_POLICIES,
};

/** May the user see and edit this stored record at all? */
export function canAccess(user: AuthUser, record: StoredRecord): boolean {
  if (!audienceOf(record.entity).includes(user.role)) return false;
  if (ENTITIES[record.entity].parent && !mayDoCasework(user)) return false;
  return (
    record.forbundId === user.forbundId && (record.enhetId === null || user.enhetIds.includes(record.enhetId))
  );
}
