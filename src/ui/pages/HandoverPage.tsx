import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { getHandoverLock, type HandoverLock, lockAfterIdle } from '../../db/handover-repo';
import { useServices } from '../app-context';
import { DEFAULT_PREFS, type DisplayPrefs, HandoverSettings } from '../components/handover/HandoverSettings';
import { LockedScreen, UnlockScreen } from '../components/handover/LockedScreens';
import { Questionnaire } from '../components/handover/Questionnaire';
import { useIdle } from '../hooks/useIdle';
import { useLiveQuery } from '../hooks/useLiveQuery';
import { usePageTitle } from '../hooks/usePageTitle';
import { useUnlocked } from '../hooks/useUnlocked';
import { t } from '../i18n/handover';
import { type SpeechText, stopSpeaking } from '../speech';

/** Two minutes without input closes the questionnaire (PRODUCT.md §3). */
export const HANDOVER_IDLE_MS = 2 * 60_000;

/**
 * Hand-over mode: the whole screen is the questionnaire or the locked screen, without the app's
 * header, navigation or sync status, and nothing of the ärende. App renders this instead of
 * everything else while the lock is in meta, so neither a reload nor a typed URL leaves it.
 */
export function HandoverPage({ idleMs = HANDOVER_IDLE_MS }: { idleMs?: number }) {
  const { db } = useServices();
  const stored = useLiveQuery(() => getHandoverLock(db), [db]).value;
  // Until the lock is read (a moment) the screen stays empty: never anything of the app behind it.
  if (!stored) return <main id="main" class="handover__main" />;
  return <HandoverScreens stored={stored} idleMs={idleMs} />;
}

function HandoverScreens({ stored, idleMs }: { stored: HandoverLock; idleMs: number }) {
  const { db } = useServices();
  // A locked store (a reload forgets the key) cannot save answers: the questionnaire shows as
  // closed until the handläggare unlocks, which unlocks the store with the same secret.
  const unlocked = useUnlocked(db);
  const lock: HandoverLock =
    !unlocked && stored.phase === 'answering' ? { ...stored, phase: 'idle' } : stored;
  const [prefs, setPrefs] = useState<DisplayPrefs>(DEFAULT_PREFS);
  const [unlocking, setUnlocking] = useState(false);
  // What "Läs upp" reads; each screen sets it when it appears (a ref: no re-render needed).
  const speech = useRef<SpeechText>('');
  const onSpeech = useCallback((text: SpeechText) => {
    speech.current = text;
  }, []);
  usePageTitle(t.handover.pageTitle);

  // Each new respondent starts with the default display, not the previous person's choices.
  const lastPhase = useRef(lock.phase);
  if (lastPhase.current !== lock.phase) {
    lastPhase.current = lock.phase;
    if (lock.phase === 'answering' && prefs !== DEFAULT_PREFS) setPrefs(DEFAULT_PREFS);
  }
  useEffect(() => stopSpeaking, []);

  useIdle(idleMs, () => {
    stopSpeaking();
    setUnlocking(false);
    if (lock.phase === 'answering') void lockAfterIdle(db);
  });

  let screen = <LockedScreen lock={lock} onUnlock={() => setUnlocking(true)} onSpeech={onSpeech} />;
  if (lock.phase === 'answering')
    screen = <Questionnaire key={lock.startedAt} lock={lock} onSpeech={onSpeech} />;
  else if (unlocking) screen = <UnlockScreen onCancel={() => setUnlocking(false)} onSpeech={onSpeech} />;

  const classes = ['handover', `handover--size-${prefs.size}`, prefs.contrast ? 'handover--contrast' : ''];
  return (
    <div class={classes.join(' ')}>
      <main id="main" class="handover__main">
        <HandoverSettings prefs={prefs} onChange={setPrefs} speech={() => speech.current} />
        {screen}
      </main>
    </div>
  );
}
