import { useState } from 'preact/hooks';
import type { ForbundSettings } from '../../../domain/account';
import { ForbundSettingsPatch } from '../../../domain/forbund-admin';
import { fieldErrors, swedishErrors } from '../../../domain/validation';
import type { AdminOutcome } from '../../../sync/admin';
import { t } from '../../i18n/admin';
import { ErrorSummary } from '../ErrorSummary';
import { TextField } from '../fields/TextField';
import { LoadFailure, useAdminApi, useAdminLoad, WhenLoaded } from './admin-data';

const s = t.admin.settings;
const LABELS = { stegIntervallManader: s.steg, gallringAr: s.gallring };

/** The förbund's stegförflyttning interval and gallring period. */
export function SettingsSection() {
  const [state, reload] = useAdminLoad((api) => api.settings());
  return (
    <>
      <p>{s.intro}</p>
      <WhenLoaded state={state} onRetry={reload}>
        {({ settings }) => <SettingsForm key={JSON.stringify(settings)} settings={settings} />}
      </WhenLoaded>
    </>
  );
}

const toInt = (v: string): number | null | typeof Number.NaN =>
  v.trim() === '' ? null : /^\d{1,3}$/.test(v.trim()) ? Number(v.trim()) : Number.NaN;

function SettingsForm({ settings }: { settings: ForbundSettings }) {
  const api = useAdminApi();
  const [steg, setSteg] = useState(String(settings.stegIntervallManader));
  const [ar, setAr] = useState(settings.gallringAr === null ? '' : String(settings.gallringAr));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [attempt, setAttempt] = useState(0);
  const [failure, setFailure] = useState<AdminOutcome<unknown> | null>(null);
  const [done, setDone] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (ev: Event) => {
    ev.preventDefault();
    if (busy) return;
    setDone('');
    setFailure(null);
    const parsed = ForbundSettingsPatch.safeParse(
      { stegIntervallManader: toInt(steg) ?? Number.NaN, gallringAr: toInt(ar) },
      { error: swedishErrors },
    );
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error.issues));
      setAttempt((n) => n + 1);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const outcome = await api.updateSettings(parsed.data);
      if (outcome.ok) setDone(s.saved);
      else if (outcome.kind === 'refused' && Object.keys(outcome.fields).length > 0) {
        setErrors(outcome.fields);
        setAttempt((n) => n + 1);
      } else setFailure(outcome);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="form" noValidate onSubmit={submit} aria-label={s.title}>
      <ErrorSummary errors={errors} labels={LABELS} focusKey={attempt} />
      {failure && !failure.ok && <LoadFailure failure={failure} />}
      <TextField
        name="stegIntervallManader"
        label={s.steg}
        hint={s.stegHint}
        inputMode="numeric"
        value={steg}
        error={errors.stegIntervallManader}
        class="field--short"
        onInput={setSteg}
      />
      <TextField
        name="gallringAr"
        label={s.gallring}
        hint={s.gallringHint}
        inputMode="numeric"
        value={ar}
        error={errors.gallringAr}
        class="field--short"
        onInput={setAr}
      />
      {ar.trim() === '' && <p class="muted">{s.gallringOff}</p>}
      <div class="button-row">
        <button type="submit" class="button button--primary" aria-busy={busy}>
          {s.save}
        </button>
        <span role="status" class="notice-inline">
          {done}
        </span>
      </div>
    </form>
  );
}
