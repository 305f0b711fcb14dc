import { SIP_BEKRAFTADE_PUNKTER, type SipFields } from '../../../../domain/sip';
import { SIP_CHECKLIST } from '../../../../domain/sip-checklist';
import { t } from '../../../i18n/casework';
import { ChoiceGroup } from '../../fields/ChoiceGroup';
import { TextField } from '../../fields/TextField';
import { Checkbox } from '../Checkbox';
import { type SipSectionProps, sipLabel } from './sip-form';

const s = t.casework.sip;
const CONFIRMABLE = SIP_BEKRAFTADE_PUNKTER.map((nr) => ({
  value: String(nr),
  label: `${nr}. ${SIP_CHECKLIST.find((i) => i.nr === nr)?.text ?? ''}`,
}));

/** Item 11 and the recommended practice (13–22): samordnare, behovsbild, goal, follow-up, confirmations. */
export function SipPracticeFields({ values: v, set, errors }: SipSectionProps) {
  const text = (field: 'samordnare' | 'behovsbild' | 'mal' | 'anteckningar', multiline = false) => (
    <TextField
      name={field}
      multiline={multiline}
      label={sipLabel(field)}
      hint={multiline ? t.form.anteckningarHint : undefined}
      value={v[field]}
      error={errors[field]}
      onInput={(x) => set(field, x)}
    />
  );
  return (
    <div class="form-section">
      <h2>{s.practiceHeading}</h2>
      <Checkbox
        name="befintligPlan"
        label={sipLabel('befintligPlan')}
        checked={v.befintligPlan}
        onChange={(x) => set('befintligPlan', x)}
      />
      {text('samordnare')}
      {text('behovsbild', true)}
      {text('mal', true)}
      <TextField
        name="uppfoljningsdatum"
        type="date"
        label={sipLabel('uppfoljningsdatum')}
        value={v.uppfoljningsdatum ?? ''}
        error={errors.uppfoljningsdatum}
        onInput={(x) => set('uppfoljningsdatum', x || null)}
      />
      <ChoiceGroup
        multiple
        name="bekraftade"
        legend={s.bekraftade}
        options={CONFIRMABLE}
        value={v.bekraftade.map(String)}
        error={errors.bekraftade}
        onChange={(x) => set('bekraftade', x.map(Number) as SipFields['bekraftade'])}
      />
      {text('anteckningar', true)}
    </div>
  );
}
