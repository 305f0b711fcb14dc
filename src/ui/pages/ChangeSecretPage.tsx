import { useState } from 'preact/hooks';
import { changeStoreSecret, WrongSecretError } from '../../db/store-key';
import { useServices, useSession } from '../app-context';
import { ErrorSummary } from '../components/ErrorSummary';
import { TextField } from '../components/fields/TextField';
import { PageHeading } from '../components/PageHeading';
import { usePageTitle } from '../hooks/usePageTitle';
import { navigate, paths } from '../hooks/useRoute';
import { t } from '../i18n/lock-change';

const MIN_LENGTH = 8;

/**
 * "Byt upplåsningskod": re-wraps the device's data key under a new secret, offline. No record is
 * re-encrypted. The login password on the server is not changed by this.
 */
export function ChangeSecretPage() {
  const { db } = useServices();
  const { setNotice, moveFocus } = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);
  usePageTitle(t.change.title);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const found: Record<string, string> = {};
    if (current.length === 0) found.current = t.change.emptyCurrent;
    if (next.normalize('NFKC').length < MIN_LENGTH) found.next = t.change.tooShort;
    else if (repeat !== next) found.repeat = t.change.mismatch;
    setFailed(false);
    if (Object.keys(found).length > 0) {
      setErrors(found);
      setAttempt((n) => n + 1);
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      await changeStoreSecret(db, current, next);
      setNotice(t.change.done);
      navigate(paths.list);
    } catch (err) {
      if (err instanceof WrongSecretError) {
        setErrors({ current: t.change.wrongCurrent });
        setAttempt((n) => n + 1);
      } else setFailed(true);
      setCurrent('');
      setBusy(false);
    }
  };

  return (
    <div class="page page--narrow">
      <PageHeading focus={moveFocus}>{t.change.title}</PageHeading>
      <p>{t.change.intro}</p>
      <ErrorSummary
        errors={errors}
        labels={{ current: t.change.current, next: t.change.next, repeat: t.change.repeat }}
        focusKey={attempt}
      />
      <form onSubmit={submit} noValidate class="form">
        {failed && (
          <p class="form__error" role="alert">
            {t.change.failed}
          </p>
        )}
        <TextField
          name="current"
          type="password"
          label={t.change.current}
          value={current}
          onInput={setCurrent}
          autoComplete="current-password"
          error={errors.current}
        />
        <TextField
          name="next"
          type="password"
          label={t.change.next}
          hint={t.change.nextHint}
          value={next}
          onInput={setNext}
          autoComplete="new-password"
          error={errors.next}
        />
        <TextField
          name="repeat"
          type="password"
          label={t.change.repeat}
          value={repeat}
          onInput={setRepeat}
          autoComplete="new-password"
          error={errors.repeat}
        />
        <p class="visually-hidden" role="status">
          {busy ? t.change.saving : ''}
        </p>
        <button type="submit" class="button button--primary" aria-busy={busy}>
          {t.change.submit}
        </button>
      </form>
    </div>
  );
}
