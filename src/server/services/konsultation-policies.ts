/**
 * Who may write konsultationsteam records: only a koordinator, within their förbund. The records are
 * förbund-wide (no enhet). A case summary's age band and kommun/enhet are refused where fewer than
 * MIN_SUCH_ARENDEN active ärenden of the förbund share them, counted on the ärenden the server holds.
 */

import { identifyingFieldIssues } from '../../domain/konsultation';
import type { KonsultationEntityName } from '../../domain/konsultation-entities';
import { countSuchArenden, enhetName } from '../store/konsultation';
import type { EntityPolicy, Write, WriteContext } from './policies';
import { invalidFields, MutationRejected } from './rejection';

async function checkFall(ctx: WriteContext, { current, next, changed }: Write): Promise<void> {
  const { tx, user, batch } = ctx;
  if (current === null) {
    const mote = await batch.load('konsultationsmote', String(next.moteId));
    if (!mote || mote.forbundId !== user.forbundId)
      throw invalidFields({ moteId: 'Mötet finns inte i förbundet.' });
  }
  const aldersgrupp = typeof next.aldersgrupp === 'string' ? next.aldersgrupp : null;
  const enhetId = typeof next.enhetId === 'string' ? next.enhetId : null;
  // Checked when set or changed: a later edit of the advice is not refused because ärenden closed.
  const touched = current === null || changed.includes('aldersgrupp') || changed.includes('enhetId');
  if (!touched || (aldersgrupp === null && enhetId === null)) return;
  const namn = enhetId === null ? '' : await enhetName(tx, user.forbundId, enhetId);
  if (namn === null) throw invalidFields({ enhetId: 'Enheten finns inte i förbundet.' });
  await batch.flushRecords(); // ärenden saved earlier in this push count
  const counts = await countSuchArenden(tx, { forbundId: user.forbundId, aldersgrupp, enhetId });
  const issues = identifyingFieldIssues(counts, {
    aldersgrupp: `${(aldersgrupp ?? '').replace('-', '–')} år`,
    enhet: `Kommunen/enheten ${namn}`,
  });
  if (issues.length === 0) return;
  const message = [...new Set(issues.map((i) => i.message))].join(' ');
  throw new MutationRejected(
    'for_fa_arenden',
    message,
    Object.fromEntries(issues.map((i) => [i.path, i.message])),
  );
}

export const KONSULTATION_POLICIES: Record<KonsultationEntityName, EntityPolicy> = {
  konsultationsmote: {
    noun: 'konsultationsmötet',
    enhetOf: () => null,
    // Only koordinatorer reach this: the kinds' audience (domain/entities.ts) refuses everyone else.
    check: async () => {},
  },
  konsultationsfall: {
    noun: 'ärendet från konsultationsteamet',
    enhetOf: () => null,
    check: checkFall,
  },
};
