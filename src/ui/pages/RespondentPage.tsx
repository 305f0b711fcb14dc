import { useState } from 'preact/hooks';
import type { HandoverLock } from '../../db/handover-lock';
import { submitStaffResponse } from '../../db/handover-repo';
import { getOpenRounds } from '../../db/rounds-repo';
import { FORMS, formTitle, type HalvarFormId } from '../../domain/instrument/forms';
import type { HalvarRound } from '../../domain/instrument/round';
import { useServices, useSession } from '../app-context';
import { ChoiceGroup } from '../components/fields/ChoiceGroup';
import { Questionnaire } from '../components/handover/Questionnaire';
import { PageHeading } from '../components/PageHeading';
import { useLiveQuery } from '../hooks/useLiveQuery';
import { usePageTitle } from '../hooks/usePageTitle';
import { paths } from '../hooks/useRoute';
import { t } from '../i18n/admin';
import { SOURCE_LANG } from '../i18n/locale';

const r = t.respondent;

interface Answering {
  round: HalvarRound;
  formId: HalvarFormId;
  enhetId: string;
}

/**
 * A half-year respondent's only screen: the open rounds that have their group's form, and that form
 * one statement at a time (the hand-over questionnaire). The answer is stored like any response —
 * sealed, with round, enhet and group only, queued for sync — so it works offline once the rounds
 * are on the device. Nothing about ärenden is reachable from here.
 */
export function RespondentPage() {
  const { db } = useServices();
  const { user, moveFocus } = useSession();
  const rounds = useLiveQuery(() => getOpenRounds(db), [db]);
  const [answering, setAnswering] = useState<Answering | null>(null);
  const [sent, setSent] = useState('');
  usePageTitle(r.title);
  const group = user.respondentGroup;

  if (answering) {
    const lock: HandoverLock = {
      formId: answering.formId,
      target: { kind: 'round', period: answering.round.period, enhetId: answering.enhetId },
      phase: 'answering',
      returnTo: paths.list,
      startedAt: new Date().toISOString(),
      failedUnlocks: 0,
      retryAfter: null,
    };
    return (
      <div class="page respondent-form">
        <Questionnaire
          lock={lock}
          onSpeech={() => {}}
          submitDraft={async (draft) => {
            await submitStaffResponse(db, draft);
            setSent(r.sent(answering.round.period));
            setAnswering(null);
          }}
        />
        <p>
          <button type="button" class="button button--secondary" onClick={() => setAnswering(null)}>
            {r.cancel}
          </button>
        </p>
      </div>
    );
  }

  const mine = (rounds.value ?? []).flatMap((round) => {
    const formId = round.formIds.find((id) => FORMS[id].respondent === group);
    return formId ? [{ round, formId }] : [];
  });
  return (
    <div class="page">
      <PageHeading focus={moveFocus}>{r.title}</PageHeading>
      <p role="status" class="notice-inline">
        {sent}
      </p>
      {group ? <p>{r.intro(t.admin.halvarGroups[group])}</p> : <p role="alert">{r.noGroup}</p>}
      {group && rounds.status === 'ready' && mine.length === 0 && <p>{r.empty}</p>}
      {mine.map(({ round, formId }) => (
        <RoundToAnswer
          key={round.id}
          round={round}
          formId={formId}
          onAnswer={(enhetId) => {
            setSent('');
            setAnswering({ round, formId, enhetId });
          }}
        />
      ))}
    </div>
  );
}

function RoundToAnswer({
  round,
  formId,
  onAnswer,
}: {
  round: HalvarRound;
  formId: HalvarFormId;
  onAnswer: (enhetId: string) => void;
}) {
  const [enhetId, setEnhetId] = useState(round.enheter.length === 1 ? (round.enheter[0]?.id ?? '') : '');
  const [error, setError] = useState<string | undefined>(undefined);
  const headingId = `round-${round.id}`;
  return (
    <section class="form-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{r.roundHeading(round.period)}</h2>
      <p lang={SOURCE_LANG}>{formTitle(formId)}</p>
      <form
        class="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (enhetId) onAnswer(enhetId);
          else setError(r.chooseEnhet);
        }}
      >
        <ChoiceGroup
          name={`round-${round.id}-enhet`}
          legend={r.enhet}
          options={round.enheter.map((e) => ({ value: e.id, label: e.namn }))}
          value={enhetId}
          error={error}
          onChange={(v) => {
            setEnhetId(v);
            setError(undefined);
          }}
        />
        <button type="submit" class="button button--primary">
          {r.answer}
        </button>
      </form>
    </section>
  );
}
