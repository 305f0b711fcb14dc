import { useState } from 'preact/hooks';
import {
  HandoverUnavailableError,
  queuedResponses,
  type ResponseTally,
  responseTally,
  startHandover,
} from '../../db/handover-repo';
import {
  DELTAGARE_FORM_IDS,
  type DeltagareFormId,
  formTitle,
  PERSONAL_FORM_IDS,
} from '../../domain/instrument/forms';
import { useServices } from '../app-context';
import { useLiveQuery } from '../hooks/useLiveQuery';
import { paths } from '../hooks/useRoute';
import { SOURCE_LANG } from '../i18n/locale';
import { t } from '../i18n/surveys';
import { ChoiceGroup } from './fields/ChoiceGroup';

/**
 * The ärende's enkäter: how many were sent (a count, never the answers — a handläggare never sees
 * one deltagare's responses), "Lämna över" for the deltagare forms, and the personal forms.
 */
export function ArendeSurveys({ arendeId, returnTo }: { arendeId: string; returnTo: string }) {
  const { db } = useServices();
  const tally = useLiveQuery(
    async () => ({ sent: await responseTally(db, arendeId), queued: await queuedResponses(db, arendeId) }),
    [db, arendeId],
  );
  const [formId, setFormId] = useState<DeltagareFormId | ''>('');
  const [error, setError] = useState<string | undefined>(undefined);

  const handOver = async (e: Event) => {
    e.preventDefault();
    if (!formId) {
      setError(t.surveys.chooseForm);
      return;
    }
    try {
      await startHandover(db, {
        formId,
        target: { kind: 'arende', arendeId },
        returnTo,
      });
    } catch (err) {
      setError(
        err instanceof HandoverUnavailableError && err.reason === 'no_verifier'
          ? t.surveys.noVerifier
          : t.surveys.startFailed,
      );
    }
  };

  return (
    <section class="form-section surveys" aria-labelledby="surveys-heading">
      <h2 id="surveys-heading">{t.surveys.heading}</h2>
      {tally.value && <SurveyCounts {...tally.value} />}
      <form class="form" noValidate onSubmit={handOver}>
        <ChoiceGroup
          name="handover-form"
          legend={t.surveys.handoverLegend}
          hint={t.surveys.handoverHint}
          options={DELTAGARE_FORM_IDS.map((id) => ({
            value: id,
            label: formTitle(id),
            lang: SOURCE_LANG,
          }))}
          value={formId}
          error={error}
          onChange={(v) => {
            setFormId(v as DeltagareFormId);
            setError(undefined);
          }}
        />
        <button type="submit" class="button button--primary">
          {t.surveys.handover}
        </button>
      </form>
      <h3>{t.surveys.staffHeading}</h3>
      <p class="field__hint">{t.surveys.staffHint}</p>
      <ul class="surveys__staff">
        {PERSONAL_FORM_IDS.map((id) => (
          <li key={id}>
            <a href={paths.staffForm(arendeId, id)} lang={SOURCE_LANG}>
              {formTitle(id)}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * "Enkäter: 2 skickade" counts only what the server has; a response still queued on the device
 * reads "väntar på synk", so nobody takes a queued answer for a delivered one.
 */
function SurveyCounts({ sent, queued }: { sent: ResponseTally; queued: ResponseTally }) {
  const line = (kind: keyof ResponseTally) => {
    const waiting = Math.min(queued[kind], sent[kind]);
    const delivered = sent[kind] - waiting;
    if (kind === 'deltagare')
      return waiting > 0 ? t.surveys.sentAndWaiting(delivered, waiting) : t.surveys.sent(delivered);
    return waiting > 0 ? t.surveys.staffSentAndWaiting(delivered, waiting) : t.surveys.staffSent(delivered);
  };
  return (
    <ul class="surveys__counts">
      <li>{line('deltagare')}</li>
      {sent.personal > 0 && <li>{line('personal')}</li>}
    </ul>
  );
}
