import { useState } from 'preact/hooks';
import { ValidationError } from '../../domain/validation';
import { ApiError, NetworkError } from '../../sync/api';
import { useServices } from '../app-context';
import { TextField } from '../components/fields/TextField';
import { PageHeading } from '../components/PageHeading';
import { usePageTitle } from '../hooks/usePageTitle';
import { t } from '../i18n/sv';
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
  usePageTitle(t.login.title);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    setFieldErrors({});
    try {
      await faltsam.login(username, password);
      void requestPersistentStorage();
      onLoggedIn?.();
    } catch (err) {
      if (err instanceof ValidationError) setFieldErrors(err.fields);
      else if (err instanceof NetworkError) setError(t.login.offline);
      else if (err instanceof ApiError) setError(err.body.message);
      else setError(t.login.failed);
      setPassword('');
    } finally {
      setBusy(false);
    }
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
        <button type="submit" class="button button--primary" aria-busy={busy}>
          {t.login.submit}
        </button>
      </form>
    </div>
  );
}
