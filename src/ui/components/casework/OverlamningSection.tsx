import { useState } from 'preact/hooks';
import { handOver } from '../../../db/casework-actions';
import type { Local } from '../../../db/casework-repo';
import type { SessionUser } from '../../../domain/account';
import type { Arende } from '../../../domain/arende';
import type { Overlamning } from '../../../domain/overlamning';
import { useServices } from '../../app-context';
import { t } from '../../i18n/casework';
import { DateText } from '../DateText';
import { SelectField } from '../fields/SelectField';
import { TextField } from '../fields/TextField';
import { FormErrors } from './FormErrors';
import { type Colleagues, personName } from './names';
import { useSave } from './useSave';

interface OverlamningSectionProps {
  arende: Arende;
  overlamningar: readonly Local<Overlamning>[];
  user: SessionUser;
  colleagues: Colleagues;
  today: string;
}

const P = 'overlamning-';

/** Hands the ärende to another handläggare of its enhet, and lists earlier hand-overs. */
export function OverlamningSection({
  arende,
  overlamningar,
  user,
  colleagues,
  today,
}: OverlamningSectionProps) {
  const { db } = useServices();
  const o = t.casework.overlamning;
  const candidates = (colleagues[arende.enhetId] ?? []).filter((k) => k.id !== arende.handlaggareId);
  const [till, setTill] = useState('');
  const [datum, setDatum] = useState(today);
  const [done, setDone] = useState('');
  const save = useSave(P);
  const labels: Record<string, string> = { [`${P}tillHandlaggareId`]: o.till, [`${P}datum`]: o.datum };

  const submit = async (e: Event) => {
    e.preventDefault();
    setDone('');
    const name = personName(till, user, colleagues);
    const ok = await save.run(() => handOver(db, arende, till, datum), o.failed);
    if (ok) {
      setTill('');
      setDone(o.done(name));
    }
  };

  return (
    <section class="casework-section" aria-labelledby="overlamning-heading">
      <h2 id="overlamning-heading">{o.heading}</h2>
      <p>{o.intro}</p>
      <p role="status" class="notice-inline">
        {done}
      </p>
      {candidates.length === 0 ? (
        <p class="muted">{o.noColleagues}</p>
      ) : (
        <form class="form subform" noValidate onSubmit={submit} aria-labelledby="overlamning-heading">
          <FormErrors
            id="overlamning-errors"
            errors={save.errors}
            labels={(f) => labels[f] ?? f}
            focusKey={save.attempt}
            failure={save.failure}
          />
          <SelectField
            name={`${P}tillHandlaggareId`}
            label={o.till}
            value={till}
            error={save.errors[`${P}tillHandlaggareId`]}
            options={[
              { value: '', label: o.choose },
              ...candidates.map((k) => ({ value: k.id, label: personName(k.id, user, colleagues) })),
            ]}
            onChange={setTill}
          />
          <TextField
            name={`${P}datum`}
            type="date"
            label={o.datum}
            value={datum}
            error={save.errors[`${P}datum`]}
            onInput={setDatum}
          />
          <button type="submit" class="button button--primary" aria-busy={save.saving}>
            {o.submit}
          </button>
        </form>
      )}
      {overlamningar.length > 0 && (
        <div class="table-wrap">
          <table class="arende-table data-table">
            <caption>{o.historyCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{o.colDatum}</th>
                <th scope="col">{o.colFran}</th>
                <th scope="col">{o.colTill}</th>
              </tr>
            </thead>
            <tbody>
              {overlamningar.map((x) => (
                <tr key={x.id}>
                  <th scope="row">
                    <DateText iso={x.datum} />
                  </th>
                  <td>{personName(x.franHandlaggareId, user, colleagues)}</td>
                  <td>{personName(x.tillHandlaggareId, user, colleagues)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
