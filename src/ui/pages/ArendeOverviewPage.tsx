import { useEffect } from 'preact/hooks';
import { getArende } from '../../db/arende-repo';
import { loadCasework } from '../../db/casework-repo';
import { getColleagues } from '../../db/colleague-repo';
import { useServices, useSession } from '../app-context';
import { AtgardList } from '../components/casework/AtgardList';
import { MoteList } from '../components/casework/MoteList';
import { personName } from '../components/casework/names';
import { OverlamningSection } from '../components/casework/OverlamningSection';
import { SamtyckeSection } from '../components/casework/SamtyckeSection';
import { SipList } from '../components/casework/SipList';
import { StegSection } from '../components/casework/StegSection';
import { PageHeading } from '../components/PageHeading';
import { useLiveQuery } from '../hooks/useLiveQuery';
import { useNow } from '../hooks/useNow';
import { usePageTitle } from '../hooks/usePageTitle';
import { paths } from '../hooks/useRoute';
import { todayIso } from '../i18n/format-time';
import { t } from '../i18n/sv-casework';

/** One ärende's case work, read live from the device: works offline, updates as sync brings news. */
export function ArendeOverviewPage({ id }: { id: string }) {
  const { db } = useServices();
  const { user, notice, setNotice, moveFocus } = useSession();
  const today = todayIso(useNow(60_000));
  const data = useLiveQuery(
    async () => ({
      arende: await getArende(db, id),
      work: await loadCasework(db, id),
      colleagues: await getColleagues(db),
    }),
    [db, id],
  );
  const o = t.casework.overview;
  const arende = data.value?.arende;
  usePageTitle(arende ? o.title(arende.code) : o.notFound);
  useEffect(() => () => setNotice(null), [setNotice]);

  if (data.status === 'loading') return <p class="page">{t.app.loading}</p>;
  if (!arende || !data.value)
    return (
      <div class="page">
        <PageHeading focus={moveFocus}>{o.notFound}</PageHeading>
        <a href={paths.list}>{o.backToList}</a>
      </div>
    );
  const { work, colleagues } = data.value;
  const ref = { arendeId: arende.id, forbundId: arende.forbundId };
  const enhet = user.enheter.find((e) => e.id === arende.enhetId);

  return (
    <div class="page casework">
      <div class="page__title-row">
        <PageHeading focus={moveFocus}>{o.title(arende.code)}</PageHeading>
        <div class="button-row">
          <a href={paths.newMote(arende.id)} class="button button--primary">
            {t.casework.moten.newMote}
          </a>
          <a href={paths.arende(arende.id)} class="button button--secondary">
            {o.edit}
          </a>
        </div>
      </div>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <dl class="facts">
        <div>
          <dt>{o.status}</dt>
          <dd>{t.enums.status[arende.status]}</dd>
        </div>
        <div>
          <dt>{o.enhet}</dt>
          <dd>{enhet?.namn ?? '–'}</dd>
        </div>
        <div>
          <dt>{o.handlaggare}</dt>
          <dd>{personName(arende.handlaggareId, user, colleagues)}</dd>
        </div>
      </dl>
      <AtgardList atgarder={work.atgarder} today={today} />
      <MoteList arendeId={arende.id} moten={work.moten} />
      <SamtyckeSection
        arende={ref}
        samtycken={work.samtycken}
        user={user}
        colleagues={colleagues}
        today={today}
      />
      <SipList arende={ref} sips={work.sips} samtycken={work.samtycken} today={today} />
      <StegSection matningar={work.matningar} />
      <OverlamningSection
        arende={arende}
        overlamningar={work.overlamningar}
        user={user}
        colleagues={colleagues}
        today={today}
      />
    </div>
  );
}
