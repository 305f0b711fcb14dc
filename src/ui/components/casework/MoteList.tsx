import type { Local } from '../../../db/casework-repo';
import type { Mote } from '../../../domain/mote';
import { paths } from '../../hooks/useRoute';
import { t } from '../../i18n/sv-casework';
import { showDate } from './names';
import { SyncMark } from './SyncMark';

/** The ärende's meetings, oldest first, with a way to record a new one. */
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
      {moten.length === 0 ? (
        <p>{m.none}</p>
      ) : (
        <div class="table-wrap">
          <table class="arende-table data-table">
            <caption class="visually-hidden">{m.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{m.colDatum}</th>
                <th scope="col">{m.colTyp}</th>
                <th scope="col">{m.colDeltagare}</th>
                <th scope="col">{m.colDeltog}</th>
                <th scope="col">{m.colNasta}</th>
                <th scope="col">{m.colSynk}</th>
              </tr>
            </thead>
            <tbody>
              {moten.map((x) => (
                <tr key={x.id}>
                  <th scope="row">{showDate(x.date)}</th>
                  <td>{t.casework.motestyp[x.type]}</td>
                  <td>
                    {m.participants(x.participants.length)}
                    {x.participants.length > 0 && (
                      <span class="muted">
                        {' '}
                        ({x.participants.map((p) => t.casework.part[p.part]).join(', ')})
                      </span>
                    )}
                  </td>
                  <td>{x.deltagareDeltog ? t.casework.yes : t.casework.no}</td>
                  <td>{showDate(x.nextMeetingDate)}</td>
                  <td>
                    <SyncMark sync={x.sync} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
