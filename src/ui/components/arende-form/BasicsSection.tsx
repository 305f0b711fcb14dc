import type { SessionUser } from '../../../domain/account';
import { type Arende, AVSLUTSORSAKER, STATUSAR } from '../../../domain/arende';
import { t } from '../../i18n/arende';
import { ChoiceGroup } from '../fields/ChoiceGroup';
import { SelectField } from '../fields/SelectField';
import { TextField } from '../fields/TextField';
import { bind, options, orNull, type SectionProps } from './form-helpers';

/** Code, enhet, handläggare, status and dates; avslut only when the ärende is avslutad. */
export function BasicsSection({
  form,
  user,
  code,
}: SectionProps & { user: SessionUser; code: string | null }) {
  const v = form.values;
  const enheter = user.enheter.map((e) => ({ value: e.id, label: e.namn }));
  return (
    <div class="form-section">
      <h2>{t.form.basics}</h2>
      <dl class="facts">
        <div>
          <dt>{t.form.code}</dt>
          <dd class={code ? 'code-value' : undefined}>{code ?? t.form.codeNew}</dd>
        </div>
        <div>
          <dt>{t.form.handlaggare}</dt>
          <dd>
            {v.handlaggareId === user.id ? t.form.handlaggareYou(user.displayName) : t.form.handlaggareOther}
          </dd>
        </div>
      </dl>
      <p class="field__hint">{t.form.codeHint}</p>
      <SelectField
        {...bind(form, 'enhetId')}
        label={t.form.enhet}
        value={v.enhetId}
        options={enheter}
        onChange={(x) => form.set('enhetId', x)}
      />
      <TextField
        {...bind(form, 'startdatum')}
        type="date"
        label={t.form.startdatum}
        value={v.startdatum}
        onInput={(x) => form.set('startdatum', x)}
      />
      <ChoiceGroup
        {...bind(form, 'status')}
        legend={t.form.status}
        options={options(STATUSAR, t.enums.status)}
        value={v.status}
        onChange={(x) => form.set('status', x as Arende['status'])}
      />
      {v.status === 'avslutad' && (
        <div class="form-subsection">
          <h3>{t.form.avslut}</h3>
          <TextField
            {...bind(form, 'avslutsdatum')}
            type="date"
            label={t.form.avslutsdatum}
            value={v.avslutsdatum ?? ''}
            onInput={(x) => form.set('avslutsdatum', x || null)}
          />
          <SelectField
            {...bind(form, 'avslutsorsak')}
            label={t.form.avslutsorsak}
            value={v.avslutsorsak ?? ''}
            options={[{ value: '', label: t.form.choose }, ...options(AVSLUTSORSAKER, t.enums.avslutsorsak)]}
            onChange={(x) => form.set('avslutsorsak', orNull(x))}
          />
        </div>
      )}
    </div>
  );
}
