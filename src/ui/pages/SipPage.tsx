import { getArende } from '../../db/arende-repo';
import { loadCasework } from '../../db/casework-repo';
import { getColleagues } from '../../db/colleague-repo';
import { daysToStart, sipOffers } from '../../domain/sip';
import { SIP_LAGRUM } from '../../domain/sip-checklist';
import { useServices, useSession } from '../app-context';
import { CaseworkConflicts, useResolvedKey } from '../components/casework/CaseworkConflicts';
import { SipEditor } from '../components/casework/sip/SipEditor';
import { SipSamtycke } from '../components/casework/sip/SipSamtycke';
import { PageHeading } from '../components/PageHeading';
import { useLiveQuery } from '../hooks/useLiveQuery';
import { usePageTitle } from '../hooks/usePageTitle';
import { paths } from '../hooks/useRoute';
import { t } from '../i18n/casework';
import { formatInstantDate, todayIso } from '../i18n/format-time';

/**
 * One SIP of an ärende: where its samtycke stands, its conflicts, checklist, insatser, dates and
 * status, read and saved on the device.
 */
export function SipPage({ id, sipId }: { id: string; sipId: string }) {
  const { db } = useServices();
  const { user, moveFocus } = useSession();
  const data = useLiveQuery(
    async () => ({
      arende: await getArende(db, id),
      work: await loadCasework(db, id),
      colleagues: await getColleagues(db),
    }),
    [db, id],
  );
  const s = t.casework.sip;
  const arende = data.value?.arende;
  const sip = data.value?.work.sips.find((x) => x.id === sipId);
  // The editor loads the plan once; after the user's own value wins a conflict it starts again.
  const [editorKey, onResolved] = useResolvedKey(sipId, sip?.updatedAt ?? '');
  usePageTitle(arende && sip ? s.title(arende.code) : s.notFound);

  if (data.status === 'loading') return <p class="page">{t.app.loading}</p>;
  if (!arende || !sip || !data.value)
    return (
      <div class="page">
        <PageHeading focus={moveFocus}>{s.notFound}</PageHeading>
        <a href={paths.overview(id)}>{t.casework.overview.toOverview}</a>
      </div>
    );
  const days = daysToStart(sip);
  const today = todayIso();
  const { samtycken } = data.value.work;
  const offers = sipOffers(sip, samtycken, today);
  const ctx = { user, colleagues: data.value.colleagues };
  return (
    <div class="page">
      <div class="page__title-row">
        <PageHeading focus={moveFocus}>{s.title(arende.code)}</PageHeading>
        <div class="button-row">
          <a class="button button--secondary" href={paths.sipPrint(arende.id, sip.id)}>
            {s.print}
          </a>
          <a class="button button--secondary" href={paths.overview(arende.id)}>
            {t.casework.overview.toOverview}
          </a>
        </div>
      </div>
      <dl class="facts">
        <div>
          <dt>{s.statusLabel}</dt>
          <dd>{s.status[sip.status]}</dd>
        </div>
        <div>
          <dt>{s.daysToStart}</dt>
          <dd>{s.days(days)}</dd>
        </div>
      </dl>
      <p class="muted">{s.lagrum(SIP_LAGRUM)}</p>
      <CaseworkConflicts
        idPrefix="sip"
        targets={[
          {
            entity: 'sip',
            id: sip.id,
            heading: t.casework.conflict.recordHeading.sip(formatInstantDate(sip.createdAt)),
          },
        ]}
        onResolved={onResolved}
        {...ctx}
      />
      <SipSamtycke offers={offers} samtycken={samtycken} {...ctx} />
      <SipEditor key={editorKey} sip={sip} samtycken={samtycken} offers={offers} today={today} />
    </div>
  );
}
