import { useState } from 'preact/hooks';
import { WrongSecretError } from '../../db/crypto/errors';
import { UnlockSecretNeededError } from '../../db/store-state';
import { MUST_CHANGE_PASSWORD } from '../../domain/first-login-code';
import { ValidationError } from '../../domain/validation-error';
import { ApiError, NetworkError } from '../../sync/errors';
import { useServices } from '../app-context';
import { TextField } from '../components/fields/TextField';
import { PageHeading } from '../components/PageHeading';
import { usePageTitle } from '../hooks/usePageTitle';
import { localizeMessage, t } from '../i18n/messages';
import { requestPersistentStorage } from '../persistent-storage';

interface LoginPageProps {
  notice?: string | null;
  initialUsername?: string;
  focusHeading?: boolean;
  onLoggedIn?: () => void;
  /** The form was submitted: what comes after the login can start loading (App's MainApp). */
  onLoggingIn?: () => void;
}

/** Login needs the network the first time on a device; afterwards the kept session works offline. */
export function LoginPage({
  notice,
  initialUsername = '',
  focusHeading = false,
  onLoggedIn,
  onLoggingIn,
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
    onLoggingIn?.();
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
        setFieldErrors({ unlockSecret: t.relogin.wrongSecret });
        setUnlockSecret('');
        return;
      }
      if (err instanceof ApiError && err.body.code === MUST_CHANGE_PASSWORD) {
        setMustChange(true);
        return;
      }
      if (mustChange && err instanceof ApiError && err.body.fields?.newPassword) {
        setFieldErrors({ newPassword: localizeMessage(err.body.fields.newPassword) });
        return;
      }
      if (err instanceof ValidationError) setFieldErrors(err.fields);
      else if (err instanceof NetworkError) setError(t.login.offline);
      else if (err instanceof ApiError) setError(localizeMessage(err.body.message));
      else setError(t.login.failed);
      setPassword('');
      setSecretNeeded(null);
      setMustChange(false);
    } finally {
      setBusy(false);
    }
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!mustChange) return void run(secretNeeded ? { unlockSecret } : {});
    // The password policy (zod) loads only now: the login screen is part of the first screen.
    const { Password } = await import('../../domain/admin');
    const checked = Password.safeParse(newPassword);
    if (!checked.success)
      return setFieldErrors({ newPassword: localizeMessage(checked.error.issues[0]?.message ?? '') });
    if (repeat !== newPassword) return setFieldErrors({ repeat: t.firstLogin.mismatch });
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
      <form onSubmit={(e) => void submit(e)} noValidate class="form">
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
              {t.firstLogin.notice}
            </p>
            <TextField
              name="newPassword"
              type="password"
              label={t.firstLogin.newPassword}
              hint={t.firstLogin.newPasswordHint}
              value={newPassword}
              onInput={setNewPassword}
              autoComplete="new-password"
              error={fieldErrors.newPassword}
            />
            <TextField
              name="repeat"
              type="password"
              label={t.firstLogin.repeat}
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
              {t.relogin.secretNeeded}
            </p>
            <TextField
              name="unlockSecret"
              type="password"
              label={t.relogin.secret}
              value={unlockSecret}
              onInput={setUnlockSecret}
              autoComplete="off"
              error={fieldErrors.unlockSecret}
            />
          </>
        )}
        <button type="submit" class="button button--primary" aria-busy={busy}>
          {mustChange ? t.firstLogin.submit : t.login.submit}
        </button>
        {secretNeeded && secretNeeded.unsynced === 0 && (
          <>
            <p>{t.relogin.startFreshHint}</p>
            <button
              type="button"
              class="button button--danger"
              aria-busy={busy}
              onClick={() => void run({ startFresh: true })}
            >
              {t.relogin.startFresh}
            </button>
          </>
        )}
        {secretNeeded && secretNeeded.unsynced > 0 && <p>{t.relogin.unsyncedHint(secretNeeded.unsynced)}</p>}
      </form>
    </div>
  );
}
