import { useState } from 'preact/hooks';
import { type ArendeRef, createRecord, type Local } from '../../../db/casework-repo';
import type { Samtycke } from '../../../domain/samtycke';
import { daysToStart, emptySipFields, type Sip } from '../../../domain/sip';
import { sipChecklistStatus } from '../../../domain/sip-checklist';
import { useServices } from '../../app-context';
import { navigate, paths } from '../../hooks/useRoute';
import { t } from '../../i18n/casework';
import { formatInstantDate } from '../../i18n/format-time';
import { DateText } from '../DateText';
import { RecordTable } from '../RecordTable';
import { SyncMark } from './SyncMark';

interface SipListProps {
  arende: ArendeRef;
  sips: readonly Local<Sip>[];
  samtycken: readonly Samtycke[];
  today: string;
}

/** The ärende's SIP:ar with status, how many statutory items are met, and days to start. */
export function SipList({ arende, sips, samtycken, today }: SipListProps) {
  const { db } = useServices();
  const [failed, setFailed] = useState(false);
  const s = t.casework.sip;
  const startNew = async () => {
    try {
      const sip = await createRecord(db, 'sip', arende, emptySipFields(today));
      navigate(paths.sip(arende.arendeId, String(sip.id)));
    } catch {
      setFailed(true);
    }
  };
  return (
    <section class="casework-section" aria-labelledby="sip-heading">
      <div class="section__title-row">
        <h2 id="sip-heading">{s.heading}</h2>
        <button type="button" class="button button--secondary" onClick={() => void startNew()}>
          {s.newSip}
        </button>
      </div>
      {failed && (
        <p class="form__error" role="alert">
          {s.saveFailed}
        </p>
      )}
      <RecordTable
        empty={sips.length === 0 ? s.none : null}
        caption={s.caption}
        columns={[s.colCreated, s.colStatus, s.colMandatory, s.colDays, s.colOpen]}
      >
        {sips.map((sip) => {
          const mandatory = sipChecklistStatus(sip, samtycken, today).filter(
            (c) => c.item.level === 'mandatory',
          );
          return (
            <tr key={sip.id}>
              <th scope="row">
                <DateText iso={sip.createdAt} instant />
              </th>
              <td>
                {s.status[sip.status]} <SyncMark sync={sip.sync} />
              </td>
              <td>{s.mandatoryDone(mandatory.filter((c) => c.done).length, mandatory.length)}</td>
              <td>{s.days(daysToStart(sip))}</td>
              <td>
                <a class="table-link" href={paths.sip(arende.arendeId, sip.id)}>
                  {s.open}
                  <span class="visually-hidden"> ({formatInstantDate(sip.createdAt)})</span>
                </a>
              </td>
            </tr>
          );
        })}
      </RecordTable>
    </section>
  );
}
