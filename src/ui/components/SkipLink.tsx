import { t } from '../i18n/messages';

/** The first stop for keyboard users; the router ignores hashes that are not routes (#/…). */
export function SkipLink() {
  return (
    <a class="skip-link" href="#main">
      {t.app.skipLink}
    </a>
  );
}
