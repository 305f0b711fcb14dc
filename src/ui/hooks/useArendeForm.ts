/**
 * Form state for an ärende. The month counts are kept as typed text so "3,5" or "abc" can be shown
 * with a message instead of silently vanishing; everything else is the domain's own field type.
 * Errors come from the domain's validateArendeFields (guard included) and are shown once a field
 * has been edited or left, or the form submitted.
 */
import { useMemo, useState } from 'preact/hooks';
import type { ArendeField, ArendeFields } from '../../domain/arende';
import { validateArendeFields } from '../../domain/validation';

export type FormValues = Omit<ArendeFields, 'manaderAv12' | 'manaderAv36'> & {
  manaderAv12: string;
  manaderAv36: string;
};

export function parseMonths(text: string): number | null {
  const s = text.trim().replace(',', '.');
  if (s === '') return null;
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : Number.NaN;
}

export function toFormValues(f: ArendeFields): FormValues {
  return {
    ...f,
    manaderAv12: f.manaderAv12 === null ? '' : String(f.manaderAv12),
    manaderAv36: f.manaderAv36 === null ? '' : String(f.manaderAv36),
  };
}

/** Hidden fields are cleared on save, so switching back and forth while typing loses nothing. */
export function toArendeFields(v: FormValues): ArendeFields {
  const sjuk = v.forsorjningshinder === 'sjukdom';
  const avslutad = v.status === 'avslutad';
  return {
    ...v,
    manaderAv12: parseMonths(v.manaderAv12),
    manaderAv36: parseMonths(v.manaderAv36),
    sjukdomSituationer: sjuk ? v.sjukdomSituationer : [],
    avslutsdatum: avslutad ? v.avslutsdatum || null : null,
    avslutsorsak: avslutad ? v.avslutsorsak : null,
  };
}

export interface ArendeForm {
  values: FormValues;
  /** Errors to show now, field → Swedish message ('_' for the record as a whole). */
  errors: Record<string, string>;
  set: <K extends keyof FormValues>(field: K, value: FormValues[K]) => void;
  blur: (field: ArendeField) => void;
  /** Marks every field as shown; returns the errors that block saving (empty when valid). */
  submit: () => Record<string, string>;
  /** Errors from saving or from the server, shown until the field is edited. */
  setExternalErrors: (errors: Record<string, string>) => void;
}

export function useArendeForm(
  initial: ArendeFields,
  initialExternal: Record<string, string> = {},
): ArendeForm {
  const [values, setValues] = useState(() => toFormValues(initial));
  const [shown, setShown] = useState<ReadonlySet<string>>(() => new Set());
  const [all, setAll] = useState(false);
  const [external, setExternal] = useState(initialExternal);

  const validation = useMemo(() => validateArendeFields(toArendeFields(values)) ?? {}, [values]);
  const errors = useMemo(() => {
    const out: Record<string, string> = { ...external };
    for (const [field, message] of Object.entries(validation))
      if (all || shown.has(field)) out[field] = message;
    return out;
  }, [validation, external, shown, all]);

  return {
    values,
    errors,
    set: (field, value) => {
      setValues((v) => ({ ...v, [field]: value }));
      setShown((s) => (s.has(field) ? s : new Set(s).add(field)));
      setExternal((e) => {
        if (!(field in e)) return e;
        const { [field]: _removed, ...rest } = e;
        return rest;
      });
    },
    blur: (field) => setShown((s) => (s.has(field) ? s : new Set(s).add(field))),
    submit: () => {
      setAll(true);
      return validation;
    },
    setExternalErrors: (e) => {
      setAll(true);
      setExternal(e);
    },
  };
}
