import { useState } from 'preact/hooks';
import { setAtgardStatus } from '../../../db/casework-actions';
import type { Local } from '../../../db/casework-repo';
import {
  ATGARD_STATUSAR,
  type Atgard,
  type AtgardStatus,
  canChangeAtgardStatus,
  isOverdue,
  openAtgarder,
} from '../../../domain/atgard';
import { useServices } from '../../app-context';
import { t } from '../../i18n/casework';
import { DateText } from '../DateText';

/**
 * The open åtgärder of an ärende, earliest due first. An overdue one says "Försenad" in words and
 * with a mark, never by colour alone. Status only moves forward.
 */
export function AtgardList({ atgarder, today }: { atgarder: readonly Local<Atgard>[]; today: string }) {
  const open = openAtgarder(atgarder);
  const overdue = open.filter((a) => isOverdue(a, today)).length;
  const closed = atgarder.length - open.length;
  return (
    <section class="casework-section" aria-labelledby="atgarder-heading">
      <h2 id="atgarder-heading">{t.casework.atgard.heading}</h2>
      {overdue > 0 && <p class="overdue-note">{t.casework.atgard.overdueCount(overdue)}</p>}
      {open.length === 0 ? (
        <p>{t.casework.atgard.none}</p>
      ) : (
        <div class="table-wrap">
          <table class="arende-table data-table">
            <caption class="visually-hidden">{t.casework.atgard.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.casework.atgard.colVad}</th>
                <th scope="col">{t.casework.atgard.colPart}</th>
                <th scope="col">{t.casework.atgard.colAnsvarig}</th>
                <th scope="col">{t.casework.atgard.colSenast}</th>
                <th scope="col">{t.casework.atgard.colStatus}</th>
              </tr>
            </thead>
            <tbody>
              {open.map((a) => (
                <AtgardRow key={a.id} atgard={a} overdue={isOverdue(a, today)} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {closed > 0 && <p class="muted">{t.casework.atgard.closed(closed)}</p>}
    </section>
  );
}

function AtgardRow({ atgard, overdue }: { atgard: Local<Atgard>; overdue: boolean }) {
  const { db } = useServices();
  const [failed, setFailed] = useState(false);
  const next = ATGARD_STATUSAR.filter((s) => s === atgard.status || canChangeAtgardStatus(atgard.status, s));
  const change = (status: AtgardStatus) => {
    setFailed(false);
    setAtgardStatus(db, atgard.id, status).catch(() => setFailed(true));
  };
  const selectId = `atgard-status-${atgard.id}`;
  return (
    <tr class={overdue ? 'row--overdue' : undefined}>
      <th scope="row">{atgard.vad}</th>
      <td>{t.casework.part[atgard.part]}</td>
      <td>{atgard.ansvarigRoll}</td>
      <td>
        <DateText iso={atgard.senast} />
        {overdue && (
          <strong class="overdue-mark">
            <span aria-hidden="true">⚠ </span>
            {t.casework.atgard.overdue}
          </strong>
        )}
      </td>
      <td>
        <label for={selectId} class="visually-hidden">
          {t.casework.atgard.statusFor(atgard.vad)}
        </label>
        <select
          id={selectId}
          class="select--compact"
          value={atgard.status}
          onChange={(e) => change(e.currentTarget.value as AtgardStatus)}
        >
          {next.map((s) => (
            <option key={s} value={s}>
              {t.casework.atgard.status[s]}
            </option>
          ))}
        </select>
        {failed && (
          <span class="field__error" role="alert">
            {t.casework.atgard.statusFailed}
          </span>
        )}
      </td>
    </tr>
  );
}
