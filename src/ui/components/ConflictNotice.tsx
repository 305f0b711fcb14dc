import { useState } from 'preact/hooks';
import { listConflicts, resolveConflict } from '../../db/conflicts-repo';
import { ValidationError } from '../../domain/validation';
import { useServices } from '../app-context';
import { useLiveQuery } from '../hooks/useLiveQuery';
import { t } from '../i18n/sv-arende';

const show = (v: unknown) =>
  v === null || v === undefined || v === '' ? t.conflict.empty : Array.isArray(v) ? v.join(', ') : String(v);

/**
 * Fields of this ärende where another device's edit won: the user sees both values and chooses.
 * Shown above the form; nothing is resolved silently.
 */
export function ConflictNotice({ recordId, onResolved }: { recordId: string; onResolved: () => void }) {
  const { db } = useServices();
  const [error, setError] = useState('');
  const conflicts = useLiveQuery(() => listConflicts(db, recordId), [db, recordId]).value ?? [];
  if (conflicts.length === 0) return null;
  const resolve = async (id: string, keep: 'server' | 'mine') => {
    setError('');
    await resolveConflict(db, id, keep).then(onResolved, (e: unknown) =>
      setError(e instanceof ValidationError ? e.message : t.conflict.failed),
    );
  };
  return (
    <section class="conflicts" aria-labelledby="conflicts-heading">
      <h2 id="conflicts-heading">{t.conflict.heading(conflicts.length)}</h2>
      <p>{t.conflict.intro}</p>
      <ul>
        {conflicts.map((c) => (
          <li key={c.id}>
            <p>
              <strong>{t.conflict.fieldLabel(c.field)}</strong>: {t.conflict.yours} ”{show(c.local)}”,{' '}
              {t.conflict.server} {c.serverPending ? t.conflict.serverPending : `”${show(c.server)}”`}.
            </p>
            <button type="button" class="button button--secondary" onClick={() => resolve(c.id, 'server')}>
              {t.conflict.keepServer}
            </button>{' '}
            <button type="button" class="button button--secondary" onClick={() => resolve(c.id, 'mine')}>
              {t.conflict.useMine}
            </button>
          </li>
        ))}
      </ul>
      {error && <p role="alert">{error}</p>}
    </section>
  );
}
