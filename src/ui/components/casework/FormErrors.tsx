import { useEffect, useRef } from 'preact/hooks';
import { t } from '../../i18n/casework';
import { localizeMessage } from '../../i18n/messages';
import { focusField } from '../ErrorSummary';
import { controlId } from '../fields/field-ids';

interface FormErrorsProps {
  /** Unique on the page: several forms may show their errors at once. */
  id: string;
  errors: Record<string, string>;
  labels: (field: string) => string;
  /** Changes on every refused save, so focus moves to the summary each time. */
  focusKey: number;
  failure: string | null;
}

/** The errors of a refused save, linked to their fields, and a failure to store at all. */
export function FormErrors({ id, errors, labels, focusKey, failure }: FormErrorsProps) {
  const ref = useRef<HTMLElement>(null);
  const entries = Object.entries(errors);
  useEffect(() => {
    if (focusKey > 0) ref.current?.focus();
  }, [focusKey]);
  return (
    <>
      {failure && (
        <p class="form__error" role="alert">
          {failure}
        </p>
      )}
      {entries.length > 0 && (
        <section ref={ref} class="error-summary" tabIndex={-1} aria-labelledby={`${id}-title`}>
          <h3 id={`${id}-title`}>{t.casework.errors.summary(entries.length)}</h3>
          <ul>
            {entries.map(([field, message]) => (
              <li key={field}>
                {field === '_' ? (
                  `${t.casework.errors.whole}: ${localizeMessage(message)}`
                ) : (
                  <a
                    href={`#${controlId(field)}`}
                    onClick={(e) => {
                      e.preventDefault();
                      focusField(field);
                    }}
                  >
                    {labels(field)}: {localizeMessage(message)}
                  </a>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
