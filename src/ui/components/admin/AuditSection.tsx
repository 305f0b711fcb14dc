import { useState } from 'preact/hooks';
import { AUDIT_PAGE_DEFAULT, type AuditEvent } from '../../../domain/admin';
import type { AdminOutcome } from '../../../sync/admin';
import { t } from '../../i18n/admin';
import { RecordTable } from '../RecordTable';
import { formatDateTime, LoadFailure, shortId, useAdminApi, useAdminLoad, WhenLoaded } from './admin-data';

const a = t.admin.audit;

/** The audit log, newest first, a page at a time: who, what, when, which record — never content. */
export function AuditSection() {
  const [first, reload] = useAdminLoad((api) => api.audit(null, AUDIT_PAGE_DEFAULT));
  return (
    <>
      <p>{a.intro}</p>
      <WhenLoaded state={first} onRetry={reload}>
        {(page) => <AuditLog key={page.events[0]?.id ?? 'empty'} firstPage={page} />}
      </WhenLoaded>
    </>
  );
}

function AuditLog({ firstPage }: { firstPage: { events: AuditEvent[]; next: string | null } }) {
  const api = useAdminApi();
  const [events, setEvents] = useState(firstPage.events);
  const [next, setNext] = useState(firstPage.next);
  const [failure, setFailure] = useState<AdminOutcome<unknown> | null>(null);
  const [busy, setBusy] = useState(false);

  const more = async () => {
    if (!next || busy) return;
    setBusy(true);
    setFailure(null);
    try {
      const outcome = await api.audit(next, AUDIT_PAGE_DEFAULT);
      if (outcome.ok) {
        setEvents((prev) => [...prev, ...outcome.value.events]);
        setNext(outcome.value.next);
      } else setFailure(outcome);
    } finally {
      setBusy(false);
    }
  };

  if (events.length === 0) return <p>{a.empty}</p>;
  return (
    <>
      <RecordTable
        empty={null}
        caption={a.caption}
        columns={[a.colAt, a.colUser, a.colAction, a.colRecord, a.colFields, a.colDevice]}
        captionVisible
      >
        {events.map((e) => (
          <tr key={e.id}>
            <th scope="row">{formatDateTime(e.at)}</th>
            <td>{e.username ?? a.system}</td>
            <td>
              {a.actions[e.action] ?? e.action}
              {/* A refusal says why (its code) and on which route. */}
              {e.reason && (
                <>
                  {' '}
                  <code>{e.reason}</code>
                </>
              )}
            </td>
            <td>
              {e.entity ?? e.route ?? t.admin.none}
              {e.recordId && (
                <>
                  {' '}
                  <code>{shortId(e.recordId)}</code>
                </>
              )}
            </td>
            <td>{e.fields?.join(', ') || t.admin.none}</td>
            <td>{e.deviceId ? <code>{shortId(e.deviceId)}</code> : t.admin.none}</td>
          </tr>
        ))}
      </RecordTable>
      <p role="status">{a.showing(events.length)}</p>
      {failure && !failure.ok && <LoadFailure failure={failure} onRetry={more} />}
      {next ? (
        <button type="button" class="button button--secondary" aria-busy={busy} onClick={more}>
          {a.more}
        </button>
      ) : (
        <p>{a.end}</p>
      )}
    </>
  );
}
