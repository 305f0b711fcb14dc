/** Shared wiring for the ärende form sections: field labels, enum options and field props. */
import type { ArendeField } from '../../../domain/arende';
import type { ArendeForm, FormValues } from '../../hooks/useArendeForm';
import { t } from '../../i18n/arende';
import type { Option } from '../fields/SelectField';

/** The label of every field, as the error summary names it (built when rendering: language). */
export const fieldLabels = (): Record<ArendeField | '_', string> => ({
  ...t.conflict.fields,
  _: t.form.formLevelError,
});

export function options<V extends string>(values: readonly V[], labels: Record<V, string>): Option[] {
  return values.map((value) => ({ value, label: labels[value] }));
}

/** The props every field control takes from the form. */
export function bind<K extends ArendeField>(form: ArendeForm, name: K) {
  return {
    name,
    error: form.errors[name],
    onBlur: () => form.blur(name),
  };
}

/** For nullable enums: '' in the control is null in the record. */
export function orNull<V extends string>(value: string): V | null {
  return value === '' ? null : (value as V);
}

export type SectionProps = { form: ArendeForm };
export type Values = FormValues;
