import { FieldMessages } from './FieldMessages';
import { controlId, describedBy } from './field-ids';

export interface Option {
  value: string;
  label: string;
  /** The label's language when it differs from the page's (the instrument's Swedish). */
  lang?: string;
}

interface SelectFieldProps {
  name: string;
  label: string;
  value: string;
  options: readonly Option[];
  onChange: (value: string) => void;
  onBlur?: () => void;
  error?: string | undefined;
  hint?: string | undefined;
}

/** A labelled native select; '' stands for "nothing chosen" where the field is nullable. */
export function SelectField({
  name,
  label,
  value,
  options,
  onChange,
  onBlur,
  error,
  hint,
}: SelectFieldProps) {
  return (
    <div class={`field ${error ? 'field--invalid' : ''}`}>
      <label for={controlId(name)} class="field__label">
        {label}
      </label>
      <FieldMessages name={name} hint={hint} error={error} />
      <select
        id={controlId(name)}
        name={name}
        value={value}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(name, hint, error)}
        onChange={(e) => onChange(e.currentTarget.value)}
        onBlur={onBlur}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value} lang={o.lang}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
