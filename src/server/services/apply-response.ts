/**
 * Applying a pushed enkät response (entity 'response'): validated with the domain's SurveyResponse,
 * linked to an ärende the user may reach or to an open half-year round, and inserted once into
 * survey_response. Runs inside the push transaction, so the device's sequence makes a resent push
 * a no-op; any change to a stored response is refused. The answer sent back (and kept in
 * applied_batch) holds no answers, like every answer to a push.
 *
 * Half-year responses stay anonymous: the row gets a fresh id (the device's id, which the push
 * log ties to a device, is not stored), no ärende, user or device, and only the day of submission.
 */
import { randomUUID } from 'node:crypto';
import { FORMS } from '../../domain/instrument/forms';
import { SurveyResponse } from '../../domain/instrument/response';
import { RESPONSE_FINAL_MESSAGE, type ResponseEntityName } from '../../domain/instrument/response-record';
import { RESPONDENT_GROUP_LABELS } from '../../domain/instrument/vocabulary';
import type { Mutation } from '../../domain/sync-protocol';
import { fieldErrors, swedishErrors } from '../../domain/validation';
import { findRound, insertResponse, markParticipated, responseExists } from '../store/responses';
import { mayDoCasework } from './casework-policies';
import { applied, type Outcome } from './outcome';
import type { EntityPolicy, WriteContext } from './policies';
import { invalidFields, MutationRejected } from './rejection';

const NO_ARENDE = 'Ärendet som svaret hör till finns inte, eller så har du inte behörighet till det.';
const NO_ROUND = 'Enkätomgången finns inte i förbundet.';

/** Responses never take the generic record path (see applyResponse); this entry keeps POLICIES total. */
export const RESPONSE_POLICIES: Record<ResponseEntityName, EntityPolicy> = {
  response: {
    noun: 'svaret',
    enhetOf: () => null,
    async check() {
      throw new MutationRejected('svar_last', RESPONSE_FINAL_MESSAGE);
    },
  },
};

export async function applyResponse(ctx: WriteContext, m: Mutation): Promise<Outcome> {
  const { tx, user } = ctx;
  // A response is created once; an edit of it (a base version) is refused outright.
  if (m.baseVersion !== null) throw new MutationRejected('svar_last', RESPONSE_FINAL_MESSAGE);
  const parsed = SurveyResponse.safeParse({ ...m.changes, id: m.recordId }, { error: swedishErrors });
  if (!parsed.success) throw invalidFields(fieldErrors(parsed.error.issues));
  const r = parsed.data;
  const common = {
    forbundId: user.forbundId,
    formId: r.formId,
    respondentGroup: FORMS[r.formId].respondent,
    instrumentVersion: r.instrumentVersion,
    answers: r.answers as Record<string, number>,
  };

  if ('arendeId' in r) {
    if (!mayDoCasework(user))
      throw new MutationRejected(
        'ej_behorig',
        'Bara en handläggare skickar in svar som hör till ett ärende.',
      );
    if (await responseExists(tx, r.id)) throw new MutationRejected('svar_last', RESPONSE_FINAL_MESSAGE);
    const arende = await ctx.batch.load('arende', r.arendeId);
    if (
      !arende ||
      arende.forbundId !== user.forbundId ||
      arende.enhetId === null ||
      !user.enhetIds.includes(arende.enhetId)
    )
      throw new MutationRejected('ej_behorig', NO_ARENDE, { arendeId: NO_ARENDE });
    await insertResponse(tx, {
      ...common,
      id: r.id,
      enhetId: arende.enhetId,
      arendeId: r.arendeId,
      roundId: null,
      answeredWith: 'answeredWith' in r ? r.answeredWith : null,
      submittedAt: r.submittedAt,
    });
    audit(ctx, r.id);
  } else {
    const round = await findRound(tx, user.forbundId, r.round);
    if (!round) throw invalidFields({ round: NO_ROUND });
    if (!round.formIds.includes(r.formId))
      throw invalidFields({ formId: 'Formuläret ingår inte i enkätomgången.' });
    if (!round.enhetIds.includes(r.enhetId))
      throw invalidFields({ enhetId: 'Enheten ingår inte i enkätomgången.' });
    if (user.role === 'respondent') {
      const group = FORMS[r.formId].respondent;
      if (group !== user.respondentGroup)
        throw new MutationRejected(
          'ej_behorig',
          `Du kan bara svara på formuläret för din grupp (${user.respondentGroup ? RESPONDENT_GROUP_LABELS[user.respondentGroup] : 'ingen grupp'}).`,
        );
      // One answer per respondent and round. The participation row names user and round only;
      // the response row below names neither user nor device, so the two cannot be joined.
      if (!(await markParticipated(tx, round.id, user.id)))
        throw new MutationRejected(
          'redan_svarat',
          `Du har redan svarat i enkätomgång ${r.round}. Varje person svarar en gång per omgång.`,
        );
    }
    await insertResponse(tx, {
      ...common,
      id: randomUUID(),
      enhetId: r.enhetId,
      arendeId: null,
      roundId: round.id,
      answeredWith: null,
      submittedAt: `${r.submittedAt.slice(0, 10)}T00:00:00.000Z`,
    });
    // Who sent a half-year response is logged, but never which row it became.
    audit(ctx, null);
  }
  // A response is not a record the device keeps: no version.
  return applied(null, []);
}

function audit({ deviceId, batch }: WriteContext, recordId: string | null): void {
  batch.audit({
    action: 'create',
    entity: 'response',
    recordId,
    deviceId: recordId === null ? null : deviceId,
    fields: null,
  });
}
