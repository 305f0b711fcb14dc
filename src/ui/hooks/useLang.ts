/** The interface language; the component re-renders when the user changes it. */
import { useEffect, useState } from 'preact/hooks';
import { currentLang, type Lang, onLangChange } from '../i18n/locale';

export function useLang(): Lang {
  const [lang, setLang] = useState(currentLang);
  useEffect(() => {
    setLang(currentLang());
    return onLangChange(() => setLang(currentLang()));
  }, []);
  return lang;
}
