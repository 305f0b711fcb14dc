import { useState } from 'preact/hooks';
import { getArende } from '../../db/arende-repo';
import { loadCasework } from '../../db/casework-repo';
import { DEFAULT_FORBUND_SETTINGS } from '../../domain/account';
import { measurementsDue, type StegSlot } from '../../domain/stegforflyttning';
import { useServices, useSession } from '../app-context';
import { MoteForm } from '../components/casework/MoteForm';
import { StegPrompt } from '../components/casework/StegPrompt';
import { PageHeading } from '../components/PageHeading';
import { useLiveQuery } from '../hooks/useLiveQuery';
import { usePageTitle } from '../hooks/usePageTitle';
import { navigate, paths } from '../hooks/useRoute';
import { t } from '../i18n/casework';
import { todayIso } from '../i18n/format-time';

type Step = { name: 'form' } | { name: 'steg'; mote: { id: string; date: string }; due: StegSlot[] };

/** Records a meeting; then, when due, offers the stegförflyttning items before returning. */
export function MotePage({ id }: { id: string }) {
  const { db } = useServices();
  const { user, setNotice, moveFocus } = useSession();
  const arende = useLiveQuery(() => getArende(db, id), [db, id]);
  const [step, setStep] = useState<Step>({ name: 'form' });
  const code = arende.value?.code ?? '';
  usePageTitle(arende.value ? t.casework.mote.title(code) : t.casework.overview.notFound);

  if (arende.status === 'loading') return <p class="page">{t.app.loading}</p>;
  const a = arende.value;
  if (!a)
    return (
      <div class="page">
        <PageHeading focus={moveFocus}>{t.casework.overview.notFound}</PageHeading>
        <a href={paths.list}>{t.casework.overview.backToList}</a>
      </div>
    );
  const ref = { arendeId: a.id, forbundId: a.forbundId };
  const finish = (message: string) => {
    setNotice(message);
    navigate(paths.overview(a.id));
  };
  const saved = async (mote: { id: string; date: string }) => {
    const interval = (user.forbund.settings ?? DEFAULT_FORBUND_SETTINGS).stegIntervallManader;
    const due = measurementsDue((await loadCasework(db, a.id)).matningar, mote.date, interval);
    if (due.length === 0) finish(t.casework.mote.saved);
    else setStep({ name: 'steg', mote, due });
  };

  return (
    <div class="page">
      <PageHeading focus={moveFocus || step.name === 'steg'}>{t.casework.mote.title(a.code)}</PageHeading>
      {step.name === 'form' ? (
        <MoteForm
          arende={ref}
          today={todayIso()}
          onSaved={(m) => void saved(m)}
          onCancel={() => navigate(paths.overview(a.id))}
        />
      ) : (
        <>
          <p class="notice" role="status">
            {t.casework.mote.saved}
          </p>
          <StegPrompt
            arende={ref}
            mote={step.mote}
            due={step.due}
            onDone={(answered) => finish(answered ? t.casework.steg.saved : t.casework.mote.saved)}
            // Hand-over mode replaces the app now; after the unlock the overview says what was saved.
            onHandedOver={() => setNotice(t.casework.mote.saved)}
          />
        </>
      )}
    </div>
  );
}
