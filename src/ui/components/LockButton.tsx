import { lockStore } from '../../db/store-key';
import { useServices } from '../app-context';
import { t } from '../i18n/messages';

/** "Lås": forgets the data key at once; the unlock screen replaces the app until unlocked. */
export function LockButton() {
  const { db } = useServices();
  return (
    <button
      type="button"
      class="button button--secondary"
      aria-label={t.lock.lockButtonLabel}
      onClick={() => lockStore(db)}
    >
      {t.lock.lockButton}
    </button>
  );
}
