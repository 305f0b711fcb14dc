/**
 * Saving a case-work form to the device: domain validation errors become field messages (keyed by
 * the form's control names), a full disk or another failure one plain Swedish message.
 */
import { useState } from 'preact/hooks';
import { ValidationError } from '../../../domain/validation';
import { t } from '../../i18n/messages';

const isQuotaError = (e: unknown) =>
  (e as { name?: string })?.name === 'QuotaExceededError' ||
  (e as { inner?: { name?: string } })?.inner?.name === 'QuotaExceededError';

/** Field errors keyed by the form's control names (`prefix` + field). */
export const prefixed = (errors: Record<string, string>, prefix: string): Record<string, string> =>
  Object.fromEntries(Object.entries(errors).map(([k, v]) => [k === '_' ? k : `${prefix}${k}`, v]));

export function useSave(prefix = '') {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [attempt, setAttempt] = useState(0);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  /** Runs `action`; true when it stored everything. */
  async function run(action: () => Promise<void>, failMessage: string): Promise<boolean> {
    if (saving) return false;
    setSaving(true);
    setFailure(null);
    try {
      await action();
      setErrors({});
      return true;
    } catch (e) {
      if (!(e instanceof ValidationError)) {
        setFailure(isQuotaError(e) ? t.sync.errorByKind.storage : failMessage);
        return false;
      }
      setErrors(prefixed(e.fields, prefix));
      setAttempt((n) => n + 1);
      return false;
    } finally {
      setSaving(false);
    }
  }

  return { errors, attempt, saving, failure, run };
}
