import { FieldMessages } from '../fields/FieldMessages';
import { controlId, describedBy } from '../fields/field-ids';

interface CheckboxProps {
  name: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  error?: string | undefined;
  hint?: string | undefined;
}

/** One labelled checkbox; the whole row (≥ 44 px) is the touch target. */
export function Checkbox({ name, label, checked, onChange, error, hint }: CheckboxProps) {
  return (
    <div class={`field ${error ? 'field--invalid' : ''}`}>
      <FieldMessages name={name} hint={hint} error={error} />
      <label class="choice" for={controlId(name)}>
        <input
          id={controlId(name)}
          type="checkbox"
          name={name}
          checked={checked}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy(name, hint, error)}
          onChange={(e) => onChange(e.currentTarget.checked)}
        />
        <span>{label}</span>
      </label>
    </div>
  );
}
