import type { RecordSync } from '../../db/casework-repo';
import { type KonsultationsmoteView, loadKonsultationer } from '../../db/konsultation-repo';
import { useServices, useSession } from '../app-context';
import { SyncMark } from '../components/casework/SyncMark';
import { DateText } from '../components/DateText';
import { KoordinatorOnly } from '../components/konsultation/KoordinatorOnly';
import { PageHeading } from '../components/PageHeading';
import { RecordTable } from '../components/RecordTable';
import { useLiveQuery } from '../hooks/useLiveQuery';
import { usePageTitle } from '../hooks/usePageTitle';
import { paths } from '../hooks/useRoute';
import { formatDate } from '../i18n/format-time';
import { t } from '../i18n/konsultation';

/** The konsultationsteam's meetings on the device, newest first. Works offline. */
export function KonsultationListPage() {
  const l = t.konsultation.list;
  usePageTitle(l.title);
  return (
    <KoordinatorOnly title={l.title}>
      <MeetingList />
    </KoordinatorOnly>
  );
}

function MeetingList() {
  const { db } = useServices();
  const { notice, moveFocus } = useSession();
  const moten = useLiveQuery(() => loadKonsultationer(db), [db]);
  const l = t.konsultation.list;
  return (
    <div class="page">
      <PageHeading focus={moveFocus}>{l.title}</PageHeading>
      <p>{l.intro}</p>
      <div class="button-row">
        <a href={paths.konsultationNew} class="button button--primary">
          {l.newMeeting}
        </a>
        <a href={paths.konsultationStats} class="button button--secondary">
          {l.statistics}
        </a>
      </div>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      {moten.status === 'ready' && (
        <RecordTable
          empty={moten.value.length === 0 ? l.empty : null}
          caption={l.caption}
          columns={[l.colDatum, l.colNarvarande, l.colFall, l.colSync]}
        >
          {moten.value.map((m) => (
            <tr key={m.id}>
              <th scope="row">
                <a href={paths.konsultationMote(m.id)} aria-label={l.open(formatDate(m.datum))}>
                  <DateText iso={m.datum} />
                </a>
              </th>
              <td>{m.narvarande.map((p) => t.konsultation.part[p]).join(', ')}</td>
              <td>{m.fall.length}</td>
              <td>
                <SyncMark sync={syncOfMeeting(m)} />
              </td>
            </tr>
          ))}
        </RecordTable>
      )}
    </div>
  );
}

/** A meeting is refused or unsynced when it or one of its case summaries is. */
function syncOfMeeting(m: KonsultationsmoteView): RecordSync {
  const all = [m.sync, ...m.fall.map((f) => f.sync)];
  return all.find((s) => s.state === 'avvisad') ?? all.find((s) => s.state === 'ej_synkad') ?? m.sync;
}
