import { FieldMessages } from './FieldMessages';
import { controlId, describedBy } from './field-ids';

interface TextFieldProps {
  name: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  onBlur?: () => void;
  error?: string | undefined;
  hint?: string | undefined;
  type?: 'text' | 'date' | 'password' | 'search';
  inputMode?: 'numeric' | 'decimal' | 'text';
  autoComplete?: string;
  multiline?: boolean;
  maxLength?: number;
  class?: string;
}

/** A labelled text input or textarea with its hint and inline error. */
export function TextField(props: TextFieldProps) {
  const { name, label, value, error, hint } = props;
  const common = {
    id: controlId(name),
    name,
    value,
    'aria-invalid': error ? ('true' as const) : undefined,
    'aria-describedby': describedBy(name, hint, error),
    onBlur: props.onBlur,
    maxLength: props.maxLength,
  };
  return (
    <div class={`field ${props.class ?? ''} ${error ? 'field--invalid' : ''}`}>
      <label for={controlId(name)} class="field__label">
        {label}
      </label>
      <FieldMessages name={name} hint={hint} error={error} />
      {props.multiline ? (
        <textarea {...common} rows={6} onInput={(e) => props.onInput(e.currentTarget.value)} />
      ) : (
        <input
          {...common}
          // Preact types each input type separately; all of these accept the same attributes.
          type={(props.type ?? 'text') as 'text'}
          inputMode={props.inputMode}
          autoComplete={props.autoComplete}
          onInput={(e) => props.onInput(e.currentTarget.value)}
        />
      )}
    </div>
  );
}
