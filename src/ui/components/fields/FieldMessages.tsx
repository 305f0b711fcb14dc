import { localizeMessage } from '../../i18n/messages';
import { errorId, hintId } from './field-ids';

/** The hint and the inline error of one field, placed where aria-describedby points. */
export function FieldMessages({ name, hint, error }: { name: string; hint?: string; error?: string }) {
  return (
    <>
      {hint && (
        <p id={hintId(name)} class="field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId(name)} class="field__error">
          {localizeMessage(error)}
        </p>
      )}
    </>
  );
}
