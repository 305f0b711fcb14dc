import type { RecordSync } from '../../../db/casework-repo';
import { t } from '../../i18n/casework';
import { localizeMessage } from '../../i18n/messages';

/** "Ej synkad" / "Avvisad" (with the server's reason) for one record; quiet when synced. */
export function SyncMark({ sync }: { sync: RecordSync }) {
  if (sync.state === 'synkad') return <span class="muted">{t.casework.sync.synkad}</span>;
  return (
    <span class={`badge badge--${sync.state}`}>
      {t.casework.sync[sync.state]}
      {sync.error && <span class="visually-hidden">: {localizeMessage(sync.error.message)}</span>}
    </span>
  );
}
