import { useEffect, useState } from 'preact/hooks';
import type { LockUser } from '../../db/meta';
import { unlockStore, WrongSecretError } from '../../db/store-key';
import { useServices } from '../app-context';
import { TextField } from '../components/fields/TextField';
import { PageHeading } from '../components/PageHeading';
import { usePageTitle } from '../hooks/usePageTitle';
import { t } from '../i18n/sv-lock';

/**
 * Shown instead of every screen while the store is locked: at start with a kept session, after
 * 10 minutes without input and after "Lås". Unlocks offline with the unlock secret; a wrong one
 * is refused with a plain message, as often as needed (PBKDF2 makes each try slow, data stays).
 */
export function UnlockPage({ user, onShown }: { user: LockUser | null; onShown?: () => void }) {
  const { db } = useServices();
  useEffect(() => onShown?.(), [onShown]);
  const [secret, setSecret] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  usePageTitle(t.lock.title);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    if (secret.length === 0) {
      setError(t.lock.empty);
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await unlockStore(db, secret);
      // The app re-renders on unlock; nothing more to do here.
    } catch (err) {
      setError(err instanceof WrongSecretError ? t.lock.wrong : t.lock.failed);
      setSecret('');
      setBusy(false);
    }
  };

  return (
    <div class="page page--narrow">
      <PageHeading focus={false}>{t.lock.title}</PageHeading>
      <p>{user ? t.lock.intro(user.displayName) : t.lock.introNoUser}</p>
      <form onSubmit={submit} noValidate class="form">
        <TextField
          name="unlock-secret"
          type="password"
          label={t.lock.secret}
          hint={t.lock.hint}
          value={secret}
          onInput={setSecret}
          autoComplete="current-password"
          error={error}
        />
        <p class="visually-hidden" role="status">
          {busy ? t.lock.unlocking : ''}
        </p>
        <button type="submit" class="button button--primary" aria-busy={busy}>
          {busy ? t.lock.unlocking : t.lock.submit}
        </button>
      </form>
    </div>
  );
}
