import { ALDERSGRUPPER, type Arende, BARN_I_HUSHALLET, KON } from '../../../domain/arende';
import { t } from '../../i18n/arende';
import { ChoiceGroup } from '../fields/ChoiceGroup';
import { bind, options, orNull, type SectionProps } from './form-helpers';

/** Kön, åldersgrupp (a band, never a birth date) and barn i hushållet. */
export function PersonSection({ form }: SectionProps) {
  const v = form.values;
  return (
    <div class="form-section">
      <h2>{t.form.person}</h2>
      <ChoiceGroup
        {...bind(form, 'kon')}
        legend={t.form.kon}
        options={options(KON, t.enums.kon)}
        value={v.kon}
        onChange={(x) => form.set('kon', x as Arende['kon'])}
      />
      <ChoiceGroup
        {...bind(form, 'aldersgrupp')}
        legend={t.form.aldersgrupp}
        options={[...options(ALDERSGRUPPER, t.enums.aldersgrupp), { value: '', label: t.form.notSpecified }]}
        value={v.aldersgrupp ?? ''}
        onChange={(x) => form.set('aldersgrupp', orNull(x))}
      />
      <ChoiceGroup
        {...bind(form, 'barnIHushallet')}
        legend={t.form.barnIHushallet}
        options={options(BARN_I_HUSHALLET, t.enums.barnIHushallet)}
        value={v.barnIHushallet}
        onChange={(x) => form.set('barnIHushallet', x as Arende['barnIHushallet'])}
      />
    </div>
  );
}
