import { useState } from 'preact/hooks';
import { setLanguage, t } from '../i18n/messages';

/**
 * "English" in a Swedish interface, "Svenska" in an English one: each named in its own language
 * (and marked so, for screen readers). The choice is kept on the device (locale.ts).
 */
export function LanguageSwitch() {
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const other = t.app.otherLanguage;
  const change = async () => {
    if (busy) return;
    setBusy(true);
    setFailed(false);
    try {
      await setLanguage(other.lang);
    } catch {
      setFailed(true); // the catalogue could not be loaded (offline before it was cached)
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button
        type="button"
        class="button button--secondary app-header__lang"
        lang={other.lang}
        aria-busy={busy}
        onClick={() => void change()}
      >
        {other.name}
      </button>
      {failed && (
        <p class="header__error" role="alert">
          {t.app.languageFailed}
        </p>
      )}
    </>
  );
}
