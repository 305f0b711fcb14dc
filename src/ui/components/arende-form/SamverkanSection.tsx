import { type Behovsgrupp, choosableBehovsgrupper } from '../../../domain/account';
import { type Arende, PARTER } from '../../../domain/arende';
import { t } from '../../i18n/arende';
import { ChoiceGroup } from '../fields/ChoiceGroup';
import { SelectField } from '../fields/SelectField';
import { TextField } from '../fields/TextField';
import { bind, options, type SectionProps } from './form-helpers';

/**
 * Behovsgrupp (the förbund's own list: groups in use, plus a retired one the ärende is already in),
 * the parties involved and the guarded notes.
 */
export function SamverkanSection({
  form,
  behovsgrupper,
}: SectionProps & { behovsgrupper: readonly Behovsgrupp[] }) {
  const v = form.values;
  const groups = choosableBehovsgrupper(behovsgrupper, v.behovsgrupp).map((b) => ({
    value: b.code,
    label: b.retiredAt ? t.list.retiredGroup(b.label) : b.label,
  }));
  // An ärende synced from elsewhere may carry a code this förbund's list no longer has: keep it selectable.
  if (v.behovsgrupp && !groups.some((g) => g.value === v.behovsgrupp))
    groups.push({ value: v.behovsgrupp, label: v.behovsgrupp });
  return (
    <div class="form-section">
      <h2>{t.form.samverkan}</h2>
      <SelectField
        {...bind(form, 'behovsgrupp')}
        label={t.form.behovsgrupp}
        value={v.behovsgrupp ?? ''}
        options={[{ value: '', label: t.form.noBehovsgrupp }, ...groups]}
        onChange={(x) => form.set('behovsgrupp', x === '' ? null : x)}
      />
      <ChoiceGroup
        {...bind(form, 'parter')}
        multiple
        legend={t.form.parter}
        options={options(PARTER, t.enums.part)}
        value={v.parter}
        onChange={(x) => form.set('parter', x as Arende['parter'])}
      />
      <TextField
        {...bind(form, 'anteckningar')}
        multiline
        label={t.form.anteckningar}
        hint={t.form.anteckningarHint}
        value={v.anteckningar}
        maxLength={4000}
        onInput={(x) => form.set('anteckningar', x)}
      />
    </div>
  );
}
