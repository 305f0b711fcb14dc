import { FieldMessages } from './FieldMessages';
import { controlId, describedBy } from './field-ids';
import type { Option } from './SelectField';

interface ChoiceGroupBase {
  name: string;
  legend: string;
  /** The legend's language when it differs from the page's (an instrument statement). */
  legendLang?: string;
  options: readonly Option[];
  error?: string | undefined;
  hint?: string | undefined;
  onBlur?: () => void;
}

type ChoiceGroupProps =
  | (ChoiceGroupBase & { multiple?: false; value: string; onChange: (value: string) => void })
  | (ChoiceGroupBase & { multiple: true; value: readonly string[]; onChange: (value: string[]) => void });

/**
 * A fieldset of radio buttons or checkboxes. The first control carries the field's id, so the
 * error summary can move focus to the group; the fieldset is described by its hint and error.
 */
export function ChoiceGroup(props: ChoiceGroupProps) {
  const { name, legend, options, error, hint } = props;
  const isChecked = (v: string) => (props.multiple ? props.value.includes(v) : props.value === v);
  const toggle = (v: string, checked: boolean) => {
    if (props.multiple) {
      const next = checked ? [...props.value, v] : props.value.filter((x) => x !== v);
      props.onChange(options.map((o) => o.value).filter((x) => next.includes(x)));
    } else if (checked) props.onChange(v);
  };
  return (
    <fieldset
      class={`field choice-group ${error ? 'field--invalid' : ''}`}
      aria-describedby={describedBy(name, hint, error)}
    >
      <legend class="field__label" lang={props.legendLang}>
        {legend}
      </legend>
      <FieldMessages name={name} hint={hint} error={error} />
      <div class="choice-group__options">
        {options.map((o, i) => {
          const id = i === 0 ? controlId(name) : `${controlId(name)}-${o.value || 'none'}`;
          return (
            // The label wraps the control, so the whole row (≥ 44 px) is the touch target.
            <label class="choice" key={o.value} for={id}>
              <input
                id={id}
                type={props.multiple ? 'checkbox' : 'radio'}
                name={name}
                value={o.value}
                checked={isChecked(o.value)}
                aria-invalid={error ? 'true' : undefined}
                onChange={(e) => toggle(o.value, e.currentTarget.checked)}
                onBlur={props.onBlur}
              />
              <span lang={o.lang}>{o.label}</span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
