import { useRef, useState } from 'preact/hooks';
import type { AdminDevice, AdminSession } from '../../../domain/admin';
import type { AdminOutcome } from '../../../sync/admin';
import { t } from '../../i18n/admin';
import { RecordTable } from '../RecordTable';
import { formatDateTime, LoadFailure, shortId, useAdminApi, useAdminLoad, WhenLoaded } from './admin-data';

const d = t.admin.devices;

interface Pending {
  question: string;
  run: () => Promise<AdminOutcome<unknown>>;
  done: string;
}

/** Registered devices and sessions; an admin revokes either after confirming in a dialog. */
export function DevicesSection() {
  const api = useAdminApi();
  const [state, reload] = useAdminLoad(async (a) => {
    const [devices, sessions] = await Promise.all([a.devices(), a.sessions()]);
    if (!devices.ok) return devices;
    if (!sessions.ok) return sessions;
    return {
      ok: true as const,
      value: { devices: devices.value.devices, sessions: sessions.value.sessions },
    };
  });
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [done, setDone] = useState('');
  const [failure, setFailure] = useState<AdminOutcome<unknown> | null>(null);
  const [busy, setBusy] = useState(false);

  const ask = (p: Pending) => {
    setPending(p);
    setDone('');
    setFailure(null);
    const el = dialog.current;
    if (el && !el.open) el.showModal();
    cancel.current?.focus();
  };
  const confirm = async () => {
    if (!pending || busy) return;
    setBusy(true);
    try {
      const outcome = await pending.run();
      dialog.current?.close();
      if (outcome.ok) {
        setDone(pending.done);
        reload();
      } else setFailure(outcome);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <p>{d.intro}</p>
      <p role="status" class="notice-inline">
        {done}
      </p>
      {failure && !failure.ok && <LoadFailure failure={failure} />}
      <WhenLoaded state={state} onRetry={reload}>
        {({ devices, sessions }) => (
          <>
            <DevicesTable
              devices={devices}
              onRevoke={(x) =>
                ask({ question: d.confirmDevice, run: () => api.revokeDevice(x.id), done: d.deviceRevoked })
              }
            />
            <SessionsTable
              sessions={sessions}
              onRevoke={(x) =>
                ask({
                  question: d.confirmSession,
                  run: () => api.revokeSession(x.id),
                  done: d.sessionRevoked,
                })
              }
            />
          </>
        )}
      </WhenLoaded>
      <dialog ref={dialog} class="dialog" aria-labelledby="revoke-title" aria-describedby="revoke-desc">
        <h2 id="revoke-title">{d.confirmTitle}</h2>
        <p id="revoke-desc">{pending?.question}</p>
        <div class="button-row">
          <button
            ref={cancel}
            type="button"
            class="button button--secondary"
            onClick={() => dialog.current?.close()}
          >
            {d.cancel}
          </button>
          <button type="button" class="button button--danger" aria-busy={busy} onClick={confirm}>
            {d.confirm}
          </button>
        </div>
      </dialog>
    </>
  );
}

function DevicesTable({
  devices,
  onRevoke,
}: {
  devices: readonly AdminDevice[];
  onRevoke: (x: AdminDevice) => void;
}) {
  return (
    <section class="form-section" aria-labelledby="devices-heading">
      <h2 id="devices-heading">{d.devicesHeading}</h2>
      <RecordTable
        empty={devices.length === 0 ? d.noDevices : null}
        caption={d.devicesCaption}
        columns={[d.colId, d.colUser, d.colCreated, d.colLastSeen, d.colStatus, d.colAction]}
        captionVisible
      >
        {devices.map((x) => (
          <tr key={x.id}>
            <th scope="row">
              <code>{shortId(x.id)}</code>
            </th>
            <td>{x.username}</td>
            <td>{formatDateTime(x.createdAt)}</td>
            <td>{formatDateTime(x.lastSeenAt)}</td>
            <td>{x.revokedAt ? d.revokedAt(formatDateTime(x.revokedAt)) : d.active}</td>
            <td>
              {!x.revokedAt && (
                <button
                  type="button"
                  class="button button--danger"
                  aria-label={d.revokeDevice(x.username, shortId(x.id))}
                  onClick={() => onRevoke(x)}
                >
                  {d.revokeDeviceLabel}
                </button>
              )}
            </td>
          </tr>
        ))}
      </RecordTable>
    </section>
  );
}

function SessionsTable({
  sessions,
  onRevoke,
}: {
  sessions: readonly AdminSession[];
  onRevoke: (x: AdminSession) => void;
}) {
  const now = Date.now();
  return (
    <section class="form-section" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">{d.sessionsHeading}</h2>
      <RecordTable
        empty={sessions.length === 0 ? d.noSessions : null}
        caption={d.sessionsCaption}
        columns={[d.colUser, d.colStarted, d.colExpires, d.colDevice, d.colStatus, d.colAction]}
        captionVisible
      >
        {sessions.map((x) => {
          const expired = Date.parse(x.expiresAt) <= now;
          const active = !x.revokedAt && !expired;
          return (
            <tr key={x.id}>
              <th scope="row">{x.username}</th>
              <td>{formatDateTime(x.createdAt)}</td>
              <td>{formatDateTime(x.expiresAt)}</td>
              <td>{x.deviceId ? <code>{shortId(x.deviceId)}</code> : d.unknownDevice}</td>
              <td>{x.revokedAt ? d.endedAt(formatDateTime(x.revokedAt)) : expired ? d.expired : d.active}</td>
              <td>
                {active && (
                  <button
                    type="button"
                    class="button button--secondary"
                    aria-label={d.revokeSession(x.username, formatDateTime(x.createdAt))}
                    onClick={() => onRevoke(x)}
                  >
                    {d.revokeSessionLabel}
                  </button>
                )}
              </td>
            </tr>
          );
        })}
      </RecordTable>
    </section>
  );
}
