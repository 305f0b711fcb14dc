import type { Local } from '../../../db/casework-repo';
import type { Mote } from '../../../domain/mote';
import { paths } from '../../hooks/useRoute';
import { t } from '../../i18n/casework';
import { formatDate } from '../../i18n/format-time';
import { DateText } from '../DateText';
import { RecordTable } from '../RecordTable';

import { SyncMark } from './SyncMark';

/** The ärende's meetings, oldest first, each opened to correct it, and a way to record a new one. */
export function MoteList({ arendeId, moten }: { arendeId: string; moten: readonly Local<Mote>[] }) {
  const m = t.casework.moten;
  return (
    <section class="casework-section" aria-labelledby="moten-heading">
      <div class="section__title-row">
        <h2 id="moten-heading">{m.heading}</h2>
        <a class="button button--secondary" href={paths.newMote(arendeId)}>
          {m.newMote}
        </a>
      </div>
      <RecordTable
        empty={moten.length === 0 ? m.none : null}
        caption={m.caption}
        columns={[m.colDatum, m.colTyp, m.colDeltagare, m.colDeltog, m.colNasta, m.colSynk, m.colOpen]}
      >
        {moten.map((x) => (
          <tr key={x.id}>
            <th scope="row">
              <DateText iso={x.date} />
            </th>
            <td>{t.casework.motestyp[x.type]}</td>
            <td>
              {m.participants(x.participants.length)}
              {x.participants.length > 0 && (
                <span class="muted"> ({x.participants.map((p) => t.casework.part[p.part]).join(', ')})</span>
              )}
            </td>
            <td>{x.deltagareDeltog ? t.casework.yes : t.casework.no}</td>
            <td>
              <DateText iso={x.nextMeetingDate} />
            </td>
            <td>
              <SyncMark sync={x.sync} />
            </td>
            <td>
              <a
                class="table-link"
                href={paths.mote(arendeId, x.id)}
                aria-label={m.openLabel(formatDate(x.date), t.casework.motestyp[x.type])}
              >
                {m.open}
              </a>
            </td>
          </tr>
        ))}
      </RecordTable>
    </section>
  );
}
