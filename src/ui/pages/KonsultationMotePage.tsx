import { loadKonsultationer } from '../../db/konsultation-repo';
import { useServices, useSession } from '../app-context';
import { KonsultationForm } from '../components/konsultation/KonsultationForm';
import { KoordinatorOnly } from '../components/konsultation/KoordinatorOnly';
import { PageHeading } from '../components/PageHeading';
import { useLiveQuery } from '../hooks/useLiveQuery';
import { usePageTitle } from '../hooks/usePageTitle';
import { navigate, paths } from '../hooks/useRoute';
import { todayIso } from '../i18n/format-time';
import { t } from '../i18n/konsultation';

/** Records a konsultationsteam meeting and its case summaries, or corrects a saved one. Works offline. */
export function KonsultationMotePage({ id }: { id?: string }) {
  const m = t.konsultation.mote;
  return (
    <KoordinatorOnly title={id ? t.konsultation.list.title : m.newTitle}>
      <MeetingScreen id={id} />
    </KoordinatorOnly>
  );
}

function MeetingScreen({ id }: { id: string | undefined }) {
  const { db } = useServices();
  const { setNotice, moveFocus } = useSession();
  // Live: a sync's refusal shows on the summaries while the form keeps what the user has typed.
  const moten = useLiveQuery(() => loadKonsultationer(db), [db]);
  const m = t.konsultation.mote;
  const saved = id ? moten.value?.find((x) => x.id === id) : undefined;
  usePageTitle(id ? (saved ? m.title(saved.datum) : m.notFound) : m.newTitle);
  if (moten.status === 'loading') return <p class="page">{t.app.loading}</p>;
  if (id && !saved)
    return (
      <div class="page">
        <PageHeading focus={moveFocus}>{m.notFound}</PageHeading>
        <a href={paths.konsultation}>{m.back}</a>
      </div>
    );
  const done = (notice: string | null) => {
    setNotice(notice);
    navigate(paths.konsultation);
  };
  return (
    <div class="page">
      <PageHeading focus={moveFocus}>{saved ? m.title(saved.datum) : m.newTitle}</PageHeading>
      <KonsultationForm
        key={saved?.id ?? 'new'}
        saved={saved}
        today={todayIso()}
        onSaved={() => done(m.saved)}
        onCancel={() => done(null)}
      />
    </div>
  );
}
