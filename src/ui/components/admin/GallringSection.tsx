import { useRef, useState } from 'preact/hooks';
import type { GallringRun } from '../../../domain/gallring';
import type { AdminOutcome } from '../../../sync/admin';
import { t } from '../../i18n/admin';
import { RecordTable } from '../RecordTable';
import { formatDateTime, LoadFailure, shortId, useAdminApi, useAdminLoad, WhenLoaded } from './admin-data';
import { GallringOverviewTable } from './GallringOverviewTable';

const g = t.admin.gallring;

/**
 * Gallring for the admin: what is due and when, a dry run that lists exactly what a run would
 * remove now (ids, dates and counts only) and which ärenden wait for which devices, and a run on
 * demand after confirming.
 */
export function GallringSection() {
  const api = useAdminApi();
  const [state, reload] = useAdminLoad((a) => a.gallringOverview());
  const [run, setRun] = useState<GallringRun | null>(null);
  const [failure, setFailure] = useState<AdminOutcome<unknown> | null>(null);
  const [done, setDone] = useState('');
  const [busy, setBusy] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);

  const start = async (dryRun: boolean) => {
    if (busy) return;
    setBusy(true);
    setFailure(null);
    setDone('');
    try {
      const outcome = await api.runGallring(dryRun);
      if (!outcome.ok) setFailure(outcome);
      else {
        setRun(outcome.value);
        if (!dryRun) setDone(g.done(outcome.value.removed.length));
        reload();
      }
    } finally {
      setBusy(false);
    }
  };
  const ask = () => {
    if (dialog.current && !dialog.current.open) dialog.current.showModal();
    cancel.current?.focus();
  };

  return (
    <>
      <WhenLoaded state={state} onRetry={reload}>
        {(overview) => (
          <>
            <GallringOverviewTable overview={overview} />
            {overview.gallringAr !== null && (
              <div class="button-row">
                <button
                  type="button"
                  class="button button--secondary"
                  aria-busy={busy}
                  onClick={() => void start(true)}
                >
                  {g.dryRun}
                </button>
                <button type="button" class="button button--danger" aria-busy={busy} onClick={ask}>
                  {g.runNow}
                </button>
              </div>
            )}
          </>
        )}
      </WhenLoaded>
      <p role="status" class="notice-inline">
        {done}
      </p>
      {failure && !failure.ok && <LoadFailure failure={failure} />}
      {run && <RunResult run={run} />}
      <dialog ref={dialog} class="dialog" aria-labelledby="gallra-title" aria-describedby="gallra-desc">
        <h2 id="gallra-title">{g.confirmTitle}</h2>
        <p id="gallra-desc">{g.confirmText}</p>
        <div class="button-row">
          <button
            ref={cancel}
            type="button"
            class="button button--secondary"
            onClick={() => dialog.current?.close()}
          >
            {g.cancel}
          </button>
          <button
            type="button"
            class="button button--danger"
            onClick={() => {
              dialog.current?.close();
              void start(false);
            }}
          >
            {g.confirm}
          </button>
        </div>
      </dialog>
    </>
  );
}

function RunResult({ run }: { run: GallringRun }) {
  return (
    <section class="form-section" aria-labelledby="gallring-run-heading">
      <h2 id="gallring-run-heading">{g.runHeading(run.dryRun)}</h2>
      <RecordTable
        empty={run.removed.length === 0 ? g.nothing : null}
        caption={g.runCaption(run.dryRun)}
        columns={[g.colArende, g.colAvslut, g.colGallras, g.colRecords, g.colResponses]}
        captionVisible
      >
        {run.removed.map((a) => (
          <tr key={a.arendeId}>
            <th scope="row">
              <code>{a.arendeId}</code>
            </th>
            <td>{a.avslutsdatum}</td>
            <td>{a.gallringsdatum}</td>
            <td>{a.records}</td>
            <td>{a.responses}</td>
          </tr>
        ))}
      </RecordTable>
      <RecordTable
        empty={run.held.length === 0 ? g.noneHeld : null}
        caption={g.heldCaption}
        columns={[g.colArende, g.colGallras, g.colDevices]}
        captionVisible
      >
        {run.held.map((a) => (
          <tr key={a.arendeId}>
            <th scope="row">
              <code>{a.arendeId}</code>
            </th>
            <td>{a.gallringsdatum}</td>
            <td>
              {a.waitingFor
                .map((d) =>
                  g.device(
                    d.username,
                    shortId(d.deviceId),
                    d.lastSyncAt ? formatDateTime(d.lastSyncAt) : null,
                  ),
                )
                .join('; ')}
            </td>
          </tr>
        ))}
      </RecordTable>
    </section>
  );
}
