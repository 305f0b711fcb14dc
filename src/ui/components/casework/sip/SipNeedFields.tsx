import { BEDOMNING_AV, DELTAGARE_MEDVERKAN, NARSTAENDE_UTFALL, type SipFields } from '../../../../domain/sip';
import { t } from '../../../i18n/casework';
import { ChoiceGroup } from '../../fields/ChoiceGroup';
import { TextField } from '../../fields/TextField';
import { Checkbox } from '../Checkbox';
import { type SipSectionProps, sipLabel } from './sip-form';

const s = t.casework.sip;
const opts = <V extends string>(values: readonly V[], labels: Record<V, string>) =>
  values.map((value) => ({ value, label: labels[value] }));

/** Checklist items 1, 2, 4, 5 and 6: the need, who assessed it, when, and who took part. */
export function SipNeedFields({ values: v, set, errors }: SipSectionProps) {
  return (
    <div class="form-section">
      <h2>{s.behovHeading}</h2>
      <Checkbox
        name="behovFranBada"
        label={sipLabel('behovFranBada')}
        checked={v.behovFranBada}
        error={errors.behovFranBada}
        onChange={(x) => set('behovFranBada', x)}
      />
      <ChoiceGroup
        name="bedomningAv"
        legend={sipLabel('bedomningAv')}
        options={opts(BEDOMNING_AV, s.bedomning)}
        value={v.bedomningAv ?? ''}
        error={errors.bedomningAv}
        onChange={(x) => set('bedomningAv', x as SipFields['bedomningAv'])}
      />
      <div class="field-row">
        <TextField
          name="behovIdentifieratDatum"
          type="date"
          label={sipLabel('behovIdentifieratDatum')}
          value={v.behovIdentifieratDatum ?? ''}
          error={errors.behovIdentifieratDatum}
          onInput={(x) => set('behovIdentifieratDatum', x || null)}
        />
        <TextField
          name="arbeteStartatDatum"
          type="date"
          label={sipLabel('arbeteStartatDatum')}
          value={v.arbeteStartatDatum ?? ''}
          error={errors.arbeteStartatDatum}
          onInput={(x) => set('arbeteStartatDatum', x || null)}
        />
      </div>
      <h3>{s.medverkanHeading}</h3>
      <ChoiceGroup
        name="deltagareMedverkan"
        legend={sipLabel('deltagareMedverkan')}
        options={opts(DELTAGARE_MEDVERKAN, s.medverkan)}
        value={v.deltagareMedverkan ?? ''}
        error={errors.deltagareMedverkan}
        onChange={(x) => set('deltagareMedverkan', x as SipFields['deltagareMedverkan'])}
      />
      {v.deltagareMedverkan === 'medverkade_inte' && (
        <TextField
          name="medverkanSkal"
          label={s.medverkanSkal}
          value={v.medverkanSkal}
          error={errors.medverkanSkal}
          onInput={(x) => set('medverkanSkal', x)}
        />
      )}
      <ChoiceGroup
        name="narstaende"
        legend={sipLabel('narstaende')}
        options={opts(NARSTAENDE_UTFALL, s.narstaendeLabel)}
        value={v.narstaende ?? ''}
        error={errors.narstaende}
        onChange={(x) => set('narstaende', x as SipFields['narstaende'])}
      />
    </div>
  );
}
