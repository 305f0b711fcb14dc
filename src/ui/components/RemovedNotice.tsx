import { useState } from 'preact/hooks';
import { forgetRemoved } from '../../db/removals';
import { useServices, useSession } from '../app-context';
import { navigate, paths } from '../hooks/useRoute';
import { t } from '../i18n/arende';

/**
 * Shown on an ärende the server took away (moved to another enhet, access lost) that stays on the
 * device only for changes that never reached the server: says so, and lets the user remove it
 * (with those changes and its kept case work) once they have what they need.
 */
export function RemovedNotice({ arendeId, code }: { arendeId: string; code: string }) {
  const { db } = useServices();
  const { setNotice } = useSession();
  const [failed, setFailed] = useState(false);
  const forget = async () => {
    try {
      await forgetRemoved(db, 'arende', arendeId);
      setNotice(t.removed.forgotten(code));
      navigate(paths.list);
    } catch {
      setFailed(true);
    }
  };
  return (
    <section class="notice notice--error removed-notice" aria-labelledby="removed-heading">
      <h2 id="removed-heading">{t.removed.heading}</h2>
      <p>{t.removed.text}</p>
      {failed && <p role="alert">{t.removed.failed}</p>}
      <button type="button" class="button button--secondary" onClick={forget}>
        {t.removed.forget}
      </button>
    </section>
  );
}
