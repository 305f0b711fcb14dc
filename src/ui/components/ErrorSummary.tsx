import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n/arende';
import { localizeMessage } from '../i18n/messages';
import { controlId } from './fields/field-ids';

interface ErrorSummaryProps {
  errors: Record<string, string>;
  labels: Record<string, string>;
  /** Changes on every refused submit, so focus moves to the summary each time. */
  focusKey: number;
}

/** Focuses the control a summary link names; the link's hash must not reach the router. */
export function focusField(name: string): void {
  const el = document.getElementById(controlId(name));
  if (!el) return;
  el.scrollIntoView?.({ block: 'center' });
  el.focus();
}

/** The list of errors shown above a form after a refused submit; it takes focus. */
export function ErrorSummary({ errors, labels, focusKey }: ErrorSummaryProps) {
  const ref = useRef<HTMLElement>(null);
  const entries = Object.entries(errors);
  useEffect(() => {
    if (focusKey > 0) ref.current?.focus();
  }, [focusKey]);
  if (entries.length === 0) return null;
  return (
    <section ref={ref} class="error-summary" tabIndex={-1} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{t.form.errorSummary(entries.length)}</h2>
      <ul>
        {entries.map(([field, message]) => (
          <li key={field}>
            {field === '_' ? (
              localizeMessage(message)
            ) : (
              <a
                href={`#${controlId(field)}`}
                onClick={(e) => {
                  e.preventDefault();
                  focusField(field);
                }}
              >
                {labels[field] ?? field}: {localizeMessage(message)}
              </a>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
