import { t } from '../../i18n/handover';
import { type SpeechText, speak, speechAvailable } from '../../speech';

/** Text size steps of hand-over mode (CSS classes handover--size-0 … -4). */
export const TEXT_SIZES = 5;

export interface DisplayPrefs {
  size: number;
  contrast: boolean;
}

export const DEFAULT_PREFS: DisplayPrefs = { size: 1, contrast: false };

/**
 * The respondent's own controls on every hand-over screen: read aloud (only where the browser can
 * speak), text size and high contrast. Reset for each new respondent.
 */
export function HandoverSettings({
  prefs,
  onChange,
  speech,
}: {
  prefs: DisplayPrefs;
  onChange: (update: (prefs: DisplayPrefs) => DisplayPrefs) => void;
  /** What "Läs upp" reads: the current screen's text. */
  speech: () => SpeechText;
}) {
  const resize = (step: number) =>
    onChange((p) => ({ ...p, size: Math.min(TEXT_SIZES - 1, Math.max(0, p.size + step)) }));
  return (
    <section class="handover-settings" aria-label={t.handover.settingsLabel}>
      {speechAvailable() && (
        <button type="button" class="button button--secondary" onClick={() => speak(speech())}>
          {t.handover.readAloud}
        </button>
      )}
      <button type="button" class="button button--secondary" onClick={() => resize(-1)}>
        {t.handover.textSmaller}
      </button>
      <button type="button" class="button button--secondary" onClick={() => resize(1)}>
        {t.handover.textLarger}
      </button>
      <button
        type="button"
        class="button button--secondary"
        aria-pressed={prefs.contrast}
        onClick={() => onChange((p) => ({ ...p, contrast: !p.contrast }))}
      >
        {t.handover.contrast}
      </button>
    </section>
  );
}
