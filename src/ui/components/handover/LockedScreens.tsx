import { useLayoutEffect, useState } from 'preact/hooks';
import { type HandoverLock, startNextRespondent, unlockHandover } from '../../../db/handover-repo';
import { useServices } from '../../app-context';
import { navigate } from '../../hooks/useRoute';
import { formatClock } from '../../i18n/format-time';
import { t } from '../../i18n/handover';
import type { SpeechText } from '../../speech';
import { TextField } from '../fields/TextField';
import { ScreenHeading } from './ScreenHeading';

/**
 * After "Skicka" (thank you) or an idle timeout (closed): the device stays locked until the
 * handläggare unlocks. A half-year round may go on to the next person without an unlock.
 */
export function LockedScreen({
  lock,
  onUnlock,
  onSpeech,
}: {
  lock: HandoverLock;
  onUnlock: () => void;
  onSpeech: (text: SpeechText) => void;
}) {
  const { db } = useServices();
  const round = lock.target.kind === 'round';
  const title = lock.phase === 'tack' ? t.handover.thanksTitle : t.handover.idleTitle;
  const text =
    lock.phase === 'tack'
      ? round
        ? t.handover.thanksTextRound
        : t.handover.thanksText
      : t.handover.idleText;
  useLayoutEffect(() => onSpeech(`${title} ${text}`), [title, text, onSpeech]);
  return (
    <div class="handover-screen">
      <ScreenHeading>{title}</ScreenHeading>
      <p>{text}</p>
      <div class="handover-nav">
        {round && lock.phase === 'tack' && (
          <button type="button" class="button button--primary" onClick={() => void startNextRespondent(db)}>
            {t.handover.nextRespondent}
          </button>
        )}
        <button type="button" class="button button--secondary" onClick={onUnlock}>
          {t.handover.unlockOpen}
        </button>
      </div>
    </div>
  );
}

/** The handläggare's unlock secret (the store's), checked offline; it unlocks the store too. */
export function UnlockScreen({
  onCancel,
  onSpeech,
}: {
  onCancel: () => void;
  onSpeech: (text: SpeechText) => void;
}) {
  const { db } = useServices();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  useLayoutEffect(() => onSpeech(`${t.handover.unlockTitle}. ${t.handover.unlockIntro}`), [onSpeech]);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(undefined);
    const result = await unlockHandover(db, password).catch(() => null);
    setPassword('');
    setBusy(false);
    if (result?.ok) navigate(result.returnTo);
    else if (result?.retryAfter) setError(t.handover.unlockWait(formatClock(result.retryAfter)));
    else setError(t.handover.unlockWrong);
  };

  return (
    <form class="handover-screen handover-unlock" noValidate onSubmit={submit}>
      <ScreenHeading>{t.handover.unlockTitle}</ScreenHeading>
      <p>{t.handover.unlockIntro}</p>
      {/* autocomplete off: a saved password must not fill itself in for the respondent. */}
      <TextField
        name="unlock-password"
        type="password"
        label={t.handover.password}
        value={password}
        onInput={setPassword}
        autoComplete="off"
        error={error}
      />
      <p class="visually-hidden" role="status">
        {busy ? t.handover.unlocking : ''}
      </p>
      <div class="handover-nav">
        <button type="button" class="button button--secondary" onClick={onCancel}>
          {t.handover.cancel}
        </button>
        <button type="submit" class="button button--primary handover-nav__next" aria-busy={busy}>
          {t.handover.unlock}
        </button>
      </div>
    </form>
  );
}
