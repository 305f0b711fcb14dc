import {
  type Arende,
  FORSORJNINGSHINDER,
  langvarighet,
  SGI,
  SJUKDOM_SITUATIONER,
} from '../../../domain/arende';
import { parseMonths } from '../../hooks/useArendeForm';
import { t } from '../../i18n/arende';
import { ChoiceGroup } from '../fields/ChoiceGroup';
import { TextField } from '../fields/TextField';
import { bind, options, orNull, type SectionProps } from './form-helpers';

const known = (text: string) => {
  const n = parseMonths(text);
  return n === null || Number.isNaN(n) ? null : n;
};
const yesNo = (b: boolean | null) => (b === null ? t.form.unknown : b ? t.form.yes : t.form.no);

/** Försörjningshinder (sjukdom's sub-situations only for sjukdom), SGI and the month counts. */
export function ForsorjningSection({ form }: SectionProps) {
  const v = form.values;
  const l = langvarighet({ manaderAv12: known(v.manaderAv12), manaderAv36: known(v.manaderAv36) });
  return (
    <div class="form-section">
      <h2>{t.form.forsorjning}</h2>
      <ChoiceGroup
        {...bind(form, 'forsorjningshinder')}
        legend={t.form.forsorjningshinder}
        options={[
          ...options(FORSORJNINGSHINDER, t.enums.forsorjningshinder),
          { value: '', label: t.form.notSpecified },
        ]}
        value={v.forsorjningshinder ?? ''}
        onChange={(x) => form.set('forsorjningshinder', orNull(x))}
      />
      {v.forsorjningshinder === 'sjukdom' && (
        <ChoiceGroup
          {...bind(form, 'sjukdomSituationer')}
          multiple
          legend={t.form.sjukdomSituationer}
          hint={t.form.sjukdomHint}
          options={options(SJUKDOM_SITUATIONER, t.enums.sjukdomSituation)}
          value={v.sjukdomSituationer}
          onChange={(x) => form.set('sjukdomSituationer', x as Arende['sjukdomSituationer'])}
        />
      )}
      <ChoiceGroup
        {...bind(form, 'sgi')}
        legend={t.form.sgi}
        options={options(SGI, t.enums.sgi)}
        value={v.sgi}
        onChange={(x) => form.set('sgi', x as Arende['sgi'])}
      />
      <div class="field-row">
        <TextField
          {...bind(form, 'manaderAv12')}
          label={t.form.manaderAv12}
          hint={t.form.monthsHint}
          inputMode="numeric"
          class="field--short"
          value={v.manaderAv12}
          onInput={(x) => form.set('manaderAv12', x)}
        />
        <TextField
          {...bind(form, 'manaderAv36')}
          label={t.form.manaderAv36}
          hint={t.form.monthsHint}
          inputMode="numeric"
          class="field--short"
          value={v.manaderAv36}
          onInput={(x) => form.set('manaderAv36', x)}
        />
      </div>
      <div class="computed" aria-live="polite">
        <p class="field__label">{t.form.computedHeading}</p>
        <p class="field__hint">{t.form.computedHint}</p>
        <dl class="facts">
          <div>
            <dt>{t.form.langvarigt}</dt>
            <dd>{yesNo(l.langvarigt)}</dd>
          </div>
          <div>
            <dt>{t.form.mycketLangvarigt}</dt>
            <dd>{yesNo(l.mycketLangvarigt)}</dd>
          </div>
        </dl>
      </div>
    </div>
  );
}
