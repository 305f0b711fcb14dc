import { useState } from 'preact/hooks';
import { getArende } from '../../db/arende-repo';
import { readRecord } from '../../db/records';
import { getSyncStatus } from '../../db/sync-status';
import { belongsToArende } from '../../domain/entity-names';
import { useServices } from '../app-context';
import { useLiveQuery } from '../hooks/useLiveQuery';
import { useNow } from '../hooks/useNow';
import { paths } from '../hooks/useRoute';
import { formatWhen } from '../i18n/format-time';
import { localizeMessage } from '../i18n/messages';
import { t } from '../i18n/sync';

/**
 * What is not yet on the server, when the device last synced and why the last sync failed, read
 * live from the device database; "Synka nu" runs a round at once.
 */
export function SyncStatus() {
  const { db, faltsam } = useServices();
  const now = useNow();
  const [busy, setBusy] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const status = useLiveQuery(async () => {
    const s = await getSyncStatus(db);
    const rejected = await Promise.all(
      s.rejected.map(async (r) => {
        // A konsultationsteam record is corrected on its meeting.
        const meeting =
          r.entity === 'konsultationsmote'
            ? r.recordId
            : r.entity === 'konsultationsfall'
              ? (await readRecord(db, r.entity, r.recordId))?.moteId
              : undefined;
        if (typeof meeting === 'string')
          return { ...r, label: t.sync.rejectedKonsultation, href: paths.konsultationMote(meeting) };
        // Case work (samtycke, möte …) is corrected on its ärende's overview.
        const parent = belongsToArende(r.entity)
          ? (await readRecord(db, r.entity, r.recordId))?.arendeId
          : undefined;
        const arendeId = typeof parent === 'string' ? parent : r.recordId;
        const href = arendeId === r.recordId ? paths.arende(arendeId) : paths.overview(arendeId);
        const code = (await getArende(db, arendeId))?.code;
        return { ...r, label: t.sync.rejectedLink(code ?? t.sync.unknownRecord), href };
      }),
    );
    return { ...s, rejected };
  }, [db]);

  const syncNow = async () => {
    if (busy) return;
    setBusy(true);
    setAnnouncement(t.sync.syncing);
    const outcome = await faltsam.syncNow().catch(() => null);
    setBusy(false);
    setAnnouncement(outcome?.ok ? t.sync.done : '');
  };

  const s = status.value;
  return (
    <section class="sync-status" aria-label={t.sync.regionLabel}>
      {s && (
        <ul class="sync-status__facts">
          <li class={s.pending > 0 ? 'sync-status__pending' : undefined}>{t.sync.pending(s.pending)}</li>
          <li>
            {s.lastSyncedAt ? (
              <>
                {t.sync.lastSynced} <time dateTime={s.lastSyncedAt}>{formatWhen(s.lastSyncedAt, now)}</time>
              </>
            ) : (
              t.sync.neverSynced
            )}
          </li>
          {s.conflicts > 0 && <li>{t.sync.conflicts(s.conflicts)}</li>}
          {s.removed > 0 && <li class="sync-status__pending">{t.syncNews.removedKept(s.removed)}</li>}
        </ul>
      )}
      {s?.lastError?.kind === 'auth' && (
        // The session is gone on the server (expired, revoked, password reset): ask for a new login,
        // and say that nothing unsynced is lost (it stays in the outbox until the next round).
        <div class="notice notice--error sync-status__auth" role="alert">
          <p>
            {localizeMessage(s.lastError.message) || t.sync.errorByKind.auth}{' '}
            {t.sync.keptOnDevice(s.pending + s.rejected.length)}
          </p>
          <a class="button button--primary" href={paths.login}>
            {t.sync.loginAgain}
          </a>
        </div>
      )}
      {s?.lastError && s.lastError.kind !== 'auth' && (
        <p class="sync-status__error">
          {/* A server failure or a deadline says its own cause in Swedish; the others are worded here. */}
          {s.lastError.kind === 'server' || s.lastError.kind === 'timeout'
            ? localizeMessage(s.lastError.message) || t.sync.errorByKind[s.lastError.kind]
            : t.sync.errorByKind[s.lastError.kind]}
        </p>
      )}
      {s && s.rejected.length > 0 && (
        <div class="sync-status__rejected">
          <p class="sync-status__error">{t.sync.rejectedHeading(s.rejected.length)}</p>
          <ul>
            {s.rejected.map((r) => (
              <li key={r.seq}>
                {localizeMessage(r.error.message)}{' '}
                {/* A refused enkät answer has no screen to correct it on: the message says it all. */}
                {r.entity !== 'response' && <a href={r.href}>{r.label}</a>}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div class="sync-status__actions">
        <button type="button" class="button button--secondary" aria-busy={busy} onClick={syncNow}>
          {t.sync.syncNow}
        </button>
        <span class="sync-status__live" aria-live="polite">
          {announcement}
        </span>
      </div>
    </section>
  );
}
