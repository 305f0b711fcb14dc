import { useState } from 'preact/hooks';
import type { SessionUser } from '../../../domain/account';
import type { ArendeFields } from '../../../domain/arende';
import type { ErrorBody } from '../../../domain/sync-protocol';
import { ValidationError } from '../../../domain/validation';
import { toArendeFields, useArendeForm } from '../../hooks/useArendeForm';
import { t } from '../../i18n/arende';
import { localizeMessage } from '../../i18n/messages';
import { ErrorSummary } from '../ErrorSummary';
import { BasicsSection } from './BasicsSection';
import { ForsorjningSection } from './ForsorjningSection';
import { fieldLabels } from './form-helpers';
import { PersonSection } from './PersonSection';
import { SamverkanSection } from './SamverkanSection';

interface ArendeFormProps {
  initial: ArendeFields;
  /** The pseudonym code; null until the repository has created the ärende. */
  code: string | null;
  user: SessionUser;
  /** Why the server refused the last change, shown until the user saves again. */
  rejection?: ErrorBody | undefined;
  onSave: (fields: ArendeFields) => Promise<void>;
  onCancel: () => void;
}

const isQuotaError = (e: unknown) =>
  (e as { name?: string })?.name === 'QuotaExceededError' ||
  (e as { inner?: { name?: string } })?.inner?.name === 'QuotaExceededError';

/** Every field of an ärende, validated inline by the domain rules; saving goes to the device first. */
export function ArendeForm({ initial, code, user, rejection, onSave, onCancel }: ArendeFormProps) {
  const form = useArendeForm(initial, rejection?.fields ?? {});
  const [attempt, setAttempt] = useState(0);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (saving) return;
    setSaveError(null);
    if (Object.keys(form.submit()).length > 0) {
      setAttempt((n) => n + 1);
      return;
    }
    setSaving(true);
    try {
      await onSave(toArendeFields(form.values));
    } catch (err) {
      if (err instanceof ValidationError) {
        form.setExternalErrors(err.fields);
        setAttempt((n) => n + 1);
      } else setSaveError(isQuotaError(err) ? t.sync.errorByKind.storage : t.form.saveFailed);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form class="form arende-form" noValidate onSubmit={submit}>
      {rejection && (
        <div class="notice notice--error">
          <p>
            {t.form.rejected} {localizeMessage(rejection.message)}
          </p>
        </div>
      )}
      {attempt > 0 && <ErrorSummary errors={form.errors} labels={fieldLabels()} focusKey={attempt} />}
      {saveError && (
        <p class="form__error" role="alert">
          {saveError}
        </p>
      )}
      <BasicsSection form={form} user={user} code={code} />
      <PersonSection form={form} />
      <ForsorjningSection form={form} />
      <SamverkanSection form={form} behovsgrupper={user.forbund.behovsgrupper} />
      <div class="button-row form__actions">
        <button type="submit" class="button button--primary" aria-busy={saving}>
          {t.form.save}
        </button>
        <button type="button" class="button button--secondary" onClick={onCancel}>
          {t.form.cancel}
        </button>
      </div>
    </form>
  );
}
