import { useState } from 'preact/hooks';
import { WrongSecretError } from '../../db/crypto/errors';
import type { LockUser } from '../../db/meta';
import { whenIdle } from '../../db/when-idle';
import { useServices } from '../app-context';
import { TextField } from '../components/fields/TextField';
import { PageHeading } from '../components/PageHeading';
import { usePageTitle } from '../hooks/usePageTitle';
import { t } from '../i18n/messages';

// The key derivation and envelope code load once the user starts typing, not with the screen: a
// lock screen that has just opened does nothing but wait for input.
const loadStoreKey = () => import('../../db/store-key');

/**
 * Shown instead of every screen while the store is locked: at start with a kept session, after
 * 10 minutes without input and after "Lås". Unlocks offline with the unlock secret; a wrong one
 * is refused with a plain message, as often as needed (PBKDF2 makes each try slow, data stays).
 */
export function UnlockPage({
  user,
  onUnlocking,
}: {
  user: LockUser | null;
  /** Typing or submitting started: what comes after the unlock can start loading (App's MainApp). */
  onUnlocking?: () => void;
}) {
  const { db } = useServices();
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
    // The unlocked app's code loads while the key is derived (PBKDF2 runs off the main thread).
    onUnlocking?.();
    try {
      const { unlockStore } = await loadStoreKey();
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
          onInput={(v) => {
            // The first key typed: what the unlock runs (key derivation), what it opens (the
            // unlocked app, the list) and the encrypted ärenden load while the rest is typed.
            if (secret === '') {
              loadStoreKey().then(
                (m) => m.prepareUnlock(db),
                () => {},
              );
              // The list's count line makes the number formatter, tens of ms the first time.
              whenIdle(() => t.list.showing(0, 0), { timeout: 1000 });
              onUnlocking?.();
            }
            setSecret(v);
          }}
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
