import { t } from '../i18n/messages';

/** Shown when a new version is installed and waiting; the page only reloads when the user asks. */
export function UpdateBanner({ onUpdate }: { onUpdate: () => void }) {
  return (
    <div class="update-banner" role="status">
      <span>{t.app.updateReady}</span>
      <button type="button" class="button button--primary" onClick={onUpdate}>
        {t.app.updateButton}
      </button>
    </div>
  );
}
