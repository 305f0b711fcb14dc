import { useState } from 'preact/hooks';
import { HandoverUnavailableError, startHandover } from '../../db/handover-repo';
import { getOpenRounds } from '../../db/rounds-repo';
import { formTitle, type HalvarFormId } from '../../domain/instrument/forms';
import type { HalvarRound } from '../../domain/instrument/round';
import { useServices, useSession } from '../app-context';
import { ChoiceGroup } from '../components/fields/ChoiceGroup';
import { PageHeading } from '../components/PageHeading';
import { OpenRoundForm } from '../components/rounds/OpenRoundForm';
import { useLiveQuery } from '../hooks/useLiveQuery';
import { usePageTitle } from '../hooks/usePageTitle';
import { paths } from '../hooks/useRoute';
import { SOURCE_LANG } from '../i18n/locale';
import { t } from '../i18n/surveys';

/**
 * Half-year rounds kept on the device (fetched at each sync): choose the enhet and the form, then
 * hand the tablet over. Works offline once the rounds are on the device. A koordinator can also
 * open a new round here (online only).
 */
export function RoundsPage() {
  const { db } = useServices();
  const { moveFocus, user } = useSession();
  const rounds = useLiveQuery(() => getOpenRounds(db), [db]);
  usePageTitle(t.rounds.title);

  return (
    <div class="page">
      <PageHeading focus={moveFocus}>{t.rounds.title}</PageHeading>
      <p>{t.rounds.intro}</p>
      {rounds.status === 'ready' && rounds.value.length === 0 && <p>{t.rounds.empty}</p>}
      {rounds.value?.map((r) => (
        <RoundSection key={r.id} round={r} />
      ))}
      {user.role === 'koordinator' && <OpenRoundForm enheter={user.enheter} />}
    </div>
  );
}

function RoundSection({ round }: { round: HalvarRound }) {
  const { db } = useServices();
  const [enhetId, setEnhetId] = useState(round.enheter.length === 1 ? (round.enheter[0]?.id ?? '') : '');
  const [formId, setFormId] = useState<HalvarFormId | ''>(
    round.formIds.length === 1 ? (round.formIds[0] ?? '') : '',
  );
  const [error, setError] = useState<string | undefined>(undefined);
  const headingId = `round-${round.id}`;

  const handOver = async (e: Event) => {
    e.preventDefault();
    if (!enhetId || !formId) {
      setError(t.rounds.chooseBoth);
      return;
    }
    try {
      await startHandover(db, {
        formId,
        target: { kind: 'round', period: round.period, enhetId },
        returnTo: paths.rounds,
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
    <section class="form-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{t.rounds.roundHeading(round.period)}</h2>
      <form class="form" noValidate onSubmit={handOver}>
        {error && (
          <p class="form__error" role="alert">
            {error}
          </p>
        )}
        <ChoiceGroup
          name={`round-${round.id}-enhet`}
          legend={t.rounds.enhet}
          options={round.enheter.map((e) => ({ value: e.id, label: e.namn }))}
          value={enhetId}
          onChange={(v) => {
            setEnhetId(v);
            setError(undefined);
          }}
        />
        <ChoiceGroup
          name={`round-${round.id}-form`}
          legend={t.rounds.form}
          options={round.formIds.map((id) => ({ value: id, label: formTitle(id), lang: SOURCE_LANG }))}
          value={formId}
          onChange={(v) => {
            setFormId(v as HalvarFormId);
            setError(undefined);
          }}
        />
        <button type="submit" class="button button--primary">
          {t.rounds.handover}
        </button>
      </form>
    </section>
  );
}
