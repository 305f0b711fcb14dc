import { useRef, useState } from 'preact/hooks';
import { useServices } from '../app-context';
import { t } from '../i18n/messages';

/**
 * Logging out wipes the device. The client first tries to sync; if edits are still unsynced it
 * refuses, and this asks the user in a modal dialog before discarding them.
 */
export function LogoutButton({ onLoggedOut }: { onLoggedOut: () => void }) {
  const { faltsam } = useServices();
  const dialog = useRef<HTMLDialogElement>(null);
  const stay = useRef<HTMLButtonElement>(null);
  const [busy, setBusy] = useState(false);
  const [unsynced, setUnsynced] = useState(0);
  const [failed, setFailed] = useState(false);

  const logout = async (discardUnsynced: boolean) => {
    setBusy(true);
    setFailed(false);
    try {
      const result = await faltsam.logout({ discardUnsynced });
      if (result.loggedOut) {
        dialog.current?.close();
        onLoggedOut();
        return;
      }
      setUnsynced(result.unsynced);
      const d = dialog.current;
      if (d && !d.open) d.showModal();
      stay.current?.focus();
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button type="button" class="button button--secondary" aria-busy={busy} onClick={() => logout(false)}>
        {t.header.logout}
      </button>
      {failed && (
        <p class="header__error" role="alert">
          {t.header.logoutFailed}
        </p>
      )}
      <dialog ref={dialog} class="dialog" aria-labelledby="logout-title" aria-describedby="logout-desc">
        <h2 id="logout-title">{t.header.logoutDialogTitle}</h2>
        <p id="logout-desc">{t.header.logoutUnsynced(unsynced)}</p>
        <div class="button-row">
          <button
            ref={stay}
            type="button"
            class="button button--primary"
            onClick={() => dialog.current?.close()}
          >
            {t.header.logoutCancel}
          </button>
          <button type="button" class="button button--danger" aria-busy={busy} onClick={() => logout(true)}>
            {t.header.logoutConfirm}
          </button>
        </div>
      </dialog>
    </>
  );
}
