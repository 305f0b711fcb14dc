import { useState } from 'preact/hooks';
import { type ArendeRef, createRecord } from '../../../db/casework-repo';
import type { SessionUser } from '../../../domain/account';
import {
  emptySamtyckeFields,
  SAMTYCKE_BESLUT,
  SAMTYCKE_FORMER,
  SAMTYCKE_TYPER,
  type SamtyckeFields,
  SamtyckePart,
} from '../../../domain/samtycke';
import { useServices } from '../../app-context';
import { t } from '../../i18n/casework';
import { ChoiceGroup } from '../fields/ChoiceGroup';
import { SelectField } from '../fields/SelectField';
import { TextField } from '../fields/TextField';
import { FormErrors } from './FormErrors';
import { useSave } from './useSave';

const P = 'samtycke-';
// Built when rendering, so the labels follow the chosen language.
const parties = () => SamtyckePart.options.map((p) => ({ value: p, label: t.casework.part[p] }));

/** Records the deltagare's answer, given or refused, asked and received by the signed-in user. */
export function SamtyckeForm({
  arende,
  user,
  today,
}: {
  arende: ArendeRef;
  user: SessionUser;
  today: string;
}) {
  const { db } = useServices();
  const s = t.casework.samtycke;
  const [values, setValues] = useState<SamtyckeFields>(() => emptySamtyckeFields('sip', today, user.id));
  const [done, setDone] = useState('');
  const save = useSave(P);
  const set = <K extends keyof SamtyckeFields>(k: K, v: SamtyckeFields[K]) =>
    setValues((x) => ({ ...x, [k]: v }));
  const labels: Record<string, string> = {
    [`${P}kind`]: s.kind,
    [`${P}parties`]: s.parties,
    [`${P}date`]: s.date,
    [`${P}form`]: s.form,
    [`${P}decision`]: s.decision,
    [`${P}recordedBy`]: s.colBy,
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    setDone('');
    const ok = await save.run(async () => {
      await createRecord(db, 'samtycke', arende, { ...values, recordedBy: user.id });
    }, s.saveFailed);
    if (ok) {
      setValues(emptySamtyckeFields('sip', today, user.id));
      setDone(values.decision === 'nekat' ? s.savedRefusal : s.saved);
    }
  };

  return (
    <form class="form subform" noValidate onSubmit={submit} aria-labelledby="samtycke-form-heading">
      <h3 id="samtycke-form-heading">{s.newHeading}</h3>
      <FormErrors
        id="samtycke-errors"
        errors={save.errors}
        labels={(f) => labels[f] ?? f}
        focusKey={save.attempt}
        failure={save.failure}
      />
      <SelectField
        name={`${P}kind`}
        label={s.kind}
        value={values.kind}
        error={save.errors[`${P}kind`]}
        options={SAMTYCKE_TYPER.map((k) => ({ value: k, label: s.kindLabel[k] }))}
        onChange={(v) => set('kind', v as SamtyckeFields['kind'])}
      />
      <ChoiceGroup
        multiple
        name={`${P}parties`}
        legend={s.parties}
        hint={s.partiesHint}
        options={parties()}
        value={values.parties}
        error={save.errors[`${P}parties`]}
        onChange={(v) => set('parties', v as SamtyckeFields['parties'])}
      />
      <ChoiceGroup
        name={`${P}decision`}
        legend={s.decision}
        hint={s.decisionHint}
        options={SAMTYCKE_BESLUT.map((d) => ({ value: d, label: s.decisionLabel[d] }))}
        value={values.decision}
        error={save.errors[`${P}decision`]}
        onChange={(v) => set('decision', v as SamtyckeFields['decision'])}
      />
      <TextField
        name={`${P}date`}
        type="date"
        label={s.date}
        value={values.date}
        error={save.errors[`${P}date`]}
        onInput={(v) => set('date', v)}
      />
      <ChoiceGroup
        name={`${P}form`}
        legend={s.form}
        options={SAMTYCKE_FORMER.map((f) => ({ value: f, label: s.formLabel[f] }))}
        value={values.form}
        error={save.errors[`${P}form`]}
        onChange={(v) => set('form', v as SamtyckeFields['form'])}
      />
      <p class="muted">{s.by(user.displayName)}</p>
      <div class="button-row">
        <button type="submit" class="button button--primary" aria-busy={save.saving}>
          {s.save}
        </button>
        <span role="status" class="notice-inline">
          {done}
        </span>
      </div>
    </form>
  );
}
