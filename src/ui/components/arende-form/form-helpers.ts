/** Shared wiring for the ärende form sections: field labels, enum options and field props. */
import type { ArendeField } from '../../../domain/arende';
import type { ArendeForm, FormValues } from '../../hooks/useArendeForm';
import { t } from '../../i18n/sv-arende';
import type { Option } from '../fields/SelectField';

/** The label of every field, as the error summary names it. */
export const FIELD_LABELS: Record<ArendeField | '_', string> = {
  enhetId: t.form.enhet,
  handlaggareId: t.form.handlaggare,
  status: t.form.status,
  startdatum: t.form.startdatum,
  kon: t.form.kon,
  aldersgrupp: t.form.aldersgrupp,
  barnIHushallet: t.form.barnIHushallet,
  forsorjningshinder: t.form.forsorjningshinder,
  sjukdomSituationer: t.form.sjukdomSituationer,
  sgi: t.form.sgi,
  manaderAv12: t.form.manaderAv12,
  manaderAv36: t.form.manaderAv36,
  behovsgrupp: t.form.behovsgrupp,
  parter: t.form.parter,
  avslutsdatum: t.form.avslutsdatum,
  avslutsorsak: t.form.avslutsorsak,
  anteckningar: t.form.anteckningar,
  _: t.form.formLevelError,
};

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
