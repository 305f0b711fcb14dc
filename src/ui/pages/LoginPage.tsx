import { useState } from 'preact/hooks';
import { UnlockSecretNeededError, WrongSecretError } from '../../db/store-key';
import { Password } from '../../domain/admin';
import { MUST_CHANGE_PASSWORD } from '../../domain/first-login';
import { ValidationError } from '../../domain/validation';
import { ApiError, NetworkError } from '../../sync/api';
import { useServices } from '../app-context';
import { TextField } from '../components/fields/TextField';
import { PageHeading } from '../components/PageHeading';
import { usePageTitle } from '../hooks/usePageTitle';
import { t } from '../i18n/sv';
import { firstLogin } from '../i18n/sv-first-login';
import { t as tLock } from '../i18n/sv-lock-change';
import { requestPersistentStorage } from '../persistent-storage';

interface LoginPageProps {
  notice?: string | null;
  initialUsername?: string;
  focusHeading?: boolean;
  onLoggedIn?: () => void;
}

/** Login needs the network the first time on a device; afterwards the kept session works offline. */
export function LoginPage({
  notice,
  initialUsername = '',
  focusHeading = false,
  onLoggedIn,
}: LoginPageProps) {
  const { faltsam } = useServices();
  const [username, setUsername] = useState(initialUsername);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  // The password no longer opens this device's data: ask for the previous unlock secret.
  const [secretNeeded, setSecretNeeded] = useState<{ unsynced: number } | null>(null);
  const [unlockSecret, setUnlockSecret] = useState('');
  // The password was a one-time one: the user chooses their own before a session is given.
  const [mustChange, setMustChange] = useState(false);
  const [newPassword, setNewPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  usePageTitle(t.login.title);

  const run = async (opts: { unlockSecret?: string; startFresh?: boolean; newPassword?: string }) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    setFieldErrors({});
    try {
      await faltsam.login(username, password, opts);
      void requestPersistentStorage();
      onLoggedIn?.();
    } catch (err) {
      if (err instanceof UnlockSecretNeededError) {
        setSecretNeeded({ unsynced: err.unsynced });
        return;
      }
      if (err instanceof WrongSecretError) {
        setFieldErrors({ unlockSecret: tLock.relogin.wrongSecret });
        setUnlockSecret('');
        return;
      }
      if (err instanceof ApiError && err.body.code === MUST_CHANGE_PASSWORD) {
        setMustChange(true);
        return;
      }
      if (mustChange && err instanceof ApiError && err.body.fields?.newPassword) {
        setFieldErrors({ newPassword: err.body.fields.newPassword });
        return;
      }
      if (err instanceof ValidationError) setFieldErrors(err.fields);
      else if (err instanceof NetworkError) setError(t.login.offline);
      else if (err instanceof ApiError) setError(err.body.message);
      else setError(t.login.failed);
      setPassword('');
      setSecretNeeded(null);
      setMustChange(false);
    } finally {
      setBusy(false);
    }
  };
  const submit = (e: Event) => {
    e.preventDefault();
    if (!mustChange) return void run(secretNeeded ? { unlockSecret } : {});
    const checked = Password.safeParse(newPassword);
    if (!checked.success) return setFieldErrors({ newPassword: checked.error.issues[0]?.message ?? '' });
    if (repeat !== newPassword) return setFieldErrors({ repeat: firstLogin.mismatch });
    void run({ newPassword, ...(secretNeeded ? { unlockSecret } : {}) });
  };

  return (
    <div class="page page--narrow">
      <PageHeading focus={focusHeading}>{t.login.title}</PageHeading>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <p>{t.login.intro}</p>
      <form onSubmit={submit} noValidate class="form">
        {error && (
          <p class="form__error" role="alert">
            {error}
          </p>
        )}
        <TextField
          name="username"
          label={t.login.username}
          value={username}
          onInput={setUsername}
          autoComplete="username"
          error={fieldErrors.username}
        />
        <TextField
          name="password"
          type="password"
          label={t.login.password}
          value={password}
          onInput={setPassword}
          autoComplete="current-password"
          error={fieldErrors.password}
        />
        {mustChange && (
          <>
            <p class="notice" role="status">
              {firstLogin.notice}
            </p>
            <TextField
              name="newPassword"
              type="password"
              label={firstLogin.newPassword}
              hint={firstLogin.newPasswordHint}
              value={newPassword}
              onInput={setNewPassword}
              autoComplete="new-password"
              error={fieldErrors.newPassword}
            />
            <TextField
              name="repeat"
              type="password"
              label={firstLogin.repeat}
              value={repeat}
              onInput={setRepeat}
              autoComplete="new-password"
              error={fieldErrors.repeat}
            />
          </>
        )}
        {secretNeeded && (
          <>
            <p class="notice" role="status">
              {tLock.relogin.secretNeeded}
            </p>
            <TextField
              name="unlockSecret"
              type="password"
              label={tLock.relogin.secret}
              value={unlockSecret}
              onInput={setUnlockSecret}
              autoComplete="off"
              error={fieldErrors.unlockSecret}
            />
          </>
        )}
        <button type="submit" class="button button--primary" aria-busy={busy}>
          {mustChange ? firstLogin.submit : t.login.submit}
        </button>
        {secretNeeded && secretNeeded.unsynced === 0 && (
          <>
            <p>{tLock.relogin.startFreshHint}</p>
            <button
              type="button"
              class="button button--danger"
              aria-busy={busy}
              onClick={() => void run({ startFresh: true })}
            >
              {tLock.relogin.startFresh}
            </button>
          </>
        )}
        {secretNeeded && secretNeeded.unsynced > 0 && (
          <p>{tLock.relogin.unsyncedHint(secretNeeded.unsynced)}</p>
        )}
      </form>
    </div>
  );
}
