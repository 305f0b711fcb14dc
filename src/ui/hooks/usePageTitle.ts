/** Sets the document title for a screen, so screen-reader users and tab lists know where they are. */
import { useEffect } from 'preact/hooks';
import { t } from '../i18n/messages';

export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} – ${t.app.titleSuffix}`;
  }, [title]);
}
