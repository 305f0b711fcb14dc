import { useEffect } from 'preact/hooks';
import { getArende } from '../../db/arende-repo';
import { type Casework, loadCasework } from '../../db/casework-repo';
import { getColleagues } from '../../db/colleague-repo';
import { DEFAULT_FORBUND_SETTINGS } from '../../domain/account';
import { gallringsdatumOf } from '../../domain/gallring';
import { useServices, useSession } from '../app-context';
import { ArendeSurveys } from '../components/ArendeSurveys';
import { AtgardList } from '../components/casework/AtgardList';
import { CaseworkConflicts, type ConflictTarget } from '../components/casework/CaseworkConflicts';
import { MoteList } from '../components/casework/MoteList';
import { personName } from '../components/casework/names';
import { OverlamningSection } from '../components/casework/OverlamningSection';
import { SamtyckeSection } from '../components/casework/SamtyckeSection';
import { SipList } from '../components/casework/SipList';
import { StegSection } from '../components/casework/StegSection';
import { PageHeading } from '../components/PageHeading';
import { RemovedNotice } from '../components/RemovedNotice';
import { useLiveQuery } from '../hooks/useLiveQuery';
import { useNow } from '../hooks/useNow';
import { usePageTitle } from '../hooks/usePageTitle';
import { paths } from '../hooks/useRoute';
import { t } from '../i18n/casework';
import { formatDate, formatInstantDate, todayIso } from '../i18n/format-time';

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
  const settings = user.forbund.settings ?? DEFAULT_FORBUND_SETTINGS;
  const gallras = gallringsdatumOf(arende, settings.gallringAr);

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
      {arende.sync.removed && <RemovedNotice arendeId={arende.id} code={arende.code} />}
      <dl class="facts">
        <div>
          <dt>{o.status}</dt>
          <dd>{t.enums.status[arende.status]}</dd>
        </div>
        <div>
          <dt>{o.enhet}</dt>
          <dd>{enhet?.namn ?? t.casework.overview.noEnhet}</dd>
        </div>
        <div>
          <dt>{o.handlaggare}</dt>
          <dd>{personName(arende.handlaggareId, user, colleagues)}</dd>
        </div>
        {gallras && (
          <div>
            <dt>{o.gallras}</dt>
            <dd>{o.gallrasOn(gallras)}</dd>
          </div>
        )}
      </dl>
      {gallras && gallras <= today && <p class="notice notice--error">{o.gallrasDue(gallras)}</p>}
      <CaseworkConflicts
        idPrefix="arende"
        targets={conflictTargets(work)}
        user={user}
        colleagues={colleagues}
      />
      {/* The meeting happens here: the enkät is handed over from here too, and returns here. */}
      <ArendeSurveys arendeId={arende.id} returnTo={paths.overview(arende.id)} />
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
      <StegSection matningar={work.matningar} intervalMonths={settings.stegIntervallManader} />
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

/** Every case-work record of the ärende that can hold a conflict, by the heading it is known by. */
function conflictTargets(work: Casework): ConflictTarget[] {
  const h = t.casework.conflict.recordHeading;
  return [
    ...work.samtycken.map((x) => ({
      entity: 'samtycke' as const,
      id: x.id,
      heading: h.samtycke(formatDate(x.date)),
    })),
    ...work.moten.map((x) => ({
      entity: 'mote' as const,
      id: x.id,
      heading: h.mote(formatDate(x.date), t.casework.motestyp[x.type]),
    })),
    ...work.atgarder.map((x) => ({ entity: 'atgard' as const, id: x.id, heading: h.atgard(x.vad) })),
    ...work.sips.map((x) => ({
      entity: 'sip' as const,
      id: x.id,
      heading: h.sip(formatInstantDate(x.createdAt)),
    })),
  ];
}
