import { useState } from 'preact/hooks';
import { withdrawSamtycke } from '../../../db/casework-actions';
import type { ArendeRef, Local } from '../../../db/casework-repo';
import type { SessionUser } from '../../../domain/account';
import type { Samtycke } from '../../../domain/samtycke';
import { ValidationError } from '../../../domain/validation';
import { useServices } from '../../app-context';
import { t } from '../../i18n/casework';
import { formatDate } from '../../i18n/format-time';
import { DateText } from '../DateText';
import { RecordTable } from '../RecordTable';
import { type Colleagues, personName } from './names';
import { SamtyckeForm } from './SamtyckeForm';
import { SyncMark } from './SyncMark';

interface SamtyckeSectionProps {
  arende: ArendeRef;
  samtycken: readonly Local<Samtycke>[];
  user: SessionUser;
  colleagues: Colleagues;
  today: string;
}

/**
 * The deltagare's answers to samtycke: kind, parties, date, form, given or refused, who asked and
 * recorded it, and whether a given one is in force or was withdrawn (when, recorded by whom).
 */
export function SamtyckeSection({ arende, samtycken, user, colleagues, today }: SamtyckeSectionProps) {
  const { db } = useServices();
  const [message, setMessage] = useState('');
  const s = t.casework.samtycke;
  const withdraw = async (id: string) => {
    try {
      await withdrawSamtycke(db, id, today, user.id);
      setMessage(s.withdrawn);
    } catch (e) {
      setMessage(e instanceof ValidationError ? Object.values(e.fields).join(' ') : s.saveFailed);
    }
  };
  const name = (id: string) => personName(id, user, colleagues);
  return (
    <section class="casework-section" aria-labelledby="samtycken-heading">
      <h2 id="samtycken-heading">{s.heading}</h2>
      <RecordTable
        empty={samtycken.length === 0 ? s.none : null}
        caption={s.caption}
        columns={[s.colKind, s.colParties, s.colDate, s.colForm, s.colDecision, s.colBy, s.colStatus]}
      >
        {samtycken.map((x) => (
          <tr key={x.id}>
            <th scope="row">{s.kindLabel[x.kind]}</th>
            <td>
              {x.parties.length > 0 ? x.parties.map((p) => t.casework.part[p]).join(', ') : s.noParties}
            </td>
            <td>
              <DateText iso={x.date} />
            </td>
            <td>{s.formLabel[x.form]}</td>
            <td>{s.decisionShort[x.decision]}</td>
            <td>{name(x.recordedBy)}</td>
            <td>
              {x.decision === 'nekat' ? (
                s.refused
              ) : x.withdrawnDate ? (
                x.withdrawnBy ? (
                  s.withdrawnBy(formatDate(x.withdrawnDate), name(x.withdrawnBy))
                ) : (
                  s.withdrawnOn(formatDate(x.withdrawnDate))
                )
              ) : (
                <span class="cell-actions">
                  {s.active}
                  <button
                    type="button"
                    class="button button--secondary"
                    aria-label={s.withdrawLabel(s.kindLabel[x.kind], formatDate(x.date))}
                    onClick={() => void withdraw(x.id)}
                  >
                    {s.withdraw}
                  </button>
                </span>
              )}{' '}
              <SyncMark sync={x.sync} />
            </td>
          </tr>
        ))}
      </RecordTable>
      <p class="visually-hidden" aria-live="polite">
        {message}
      </p>
      <SamtyckeForm arende={arende} user={user} today={today} />
    </section>
  );
}
