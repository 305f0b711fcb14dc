import { getArende } from '../../db/arende-repo';
import { loadCasework } from '../../db/casework-repo';
import { getColleagues } from '../../db/colleague-repo';
import { useServices, useSession } from '../app-context';
import { CaseworkConflicts, useResolvedKey } from '../components/casework/CaseworkConflicts';
import { MoteForm } from '../components/casework/MoteForm';
import { PageHeading } from '../components/PageHeading';
import { useLiveQuery } from '../hooks/useLiveQuery';
import { usePageTitle } from '../hooks/usePageTitle';
import { navigate, paths } from '../hooks/useRoute';
import { t } from '../i18n/casework';
import { formatDate, todayIso } from '../i18n/format-time';

/** A recorded meeting, corrected on the device; its conflicts with another device's edits first. */
export function MoteEditPage({ id, moteId }: { id: string; moteId: string }) {
  const { db } = useServices();
  const { user, setNotice, moveFocus } = useSession();
  const data = useLiveQuery(
    async () => ({
      arende: await getArende(db, id),
      work: await loadCasework(db, id),
      colleagues: await getColleagues(db),
    }),
    [db, id],
  );
  const m = t.casework.mote;
  const arende = data.value?.arende;
  const mote = data.value?.work.moten.find((x) => x.id === moteId);
  // The form loads the meeting once; after the user's own value wins a conflict it starts again.
  const [formKey, onResolved] = useResolvedKey(moteId, mote?.updatedAt ?? '');
  usePageTitle(arende && mote ? m.editTitle(arende.code, mote.date) : m.notFound);

  if (data.status === 'loading') return <p class="page">{t.app.loading}</p>;
  if (!arende || !mote || !data.value)
    return (
      <div class="page">
        <PageHeading focus={moveFocus}>{m.notFound}</PageHeading>
        <a href={paths.overview(id)}>{t.casework.overview.toOverview}</a>
      </div>
    );
  const back = () => navigate(paths.overview(arende.id));
  return (
    <div class="page">
      <PageHeading focus={moveFocus}>{m.editTitle(arende.code, mote.date)}</PageHeading>
      <CaseworkConflicts
        idPrefix="mote"
        targets={[
          {
            entity: 'mote',
            id: mote.id,
            heading: t.casework.conflict.recordHeading.mote(
              formatDate(mote.date),
              t.casework.motestyp[mote.type],
            ),
          },
        ]}
        onResolved={onResolved}
        user={user}
        colleagues={data.value.colleagues}
      />
      <p>{m.editIntro}</p>
      <MoteForm
        key={formKey}
        arende={{ arendeId: arende.id, forbundId: arende.forbundId }}
        today={todayIso()}
        saved={mote}
        onSaved={() => {
          setNotice(m.editSaved);
          back();
        }}
        onCancel={back}
      />
    </div>
  );
}
