import { useState } from 'preact/hooks';
import type { Behovsgrupp } from '../../../domain/account';
import { BehovsgruppNamn } from '../../../domain/forbund-admin';
import type { AdminOutcome } from '../../../sync/admin';
import { t } from '../../i18n/admin';
import { ErrorSummary } from '../ErrorSummary';
import { TextField } from '../fields/TextField';
import { RecordTable } from '../RecordTable';
import { failureMessage, LoadFailure, useAdminApi, useAdminLoad, WhenLoaded } from './admin-data';

const b = t.admin.behovsgrupper;

/**
 * The förbund's behovsgrupper: rename, take out of use or back into use, add. A code is never
 * changed or reused, so ärenden keep their group through every change here.
 */
export function BehovsgrupperSection() {
  const [state, reload] = useAdminLoad((api) => api.behovsgrupper());
  const [message, setMessage] = useState('');
  const changed = (text: string) => {
    setMessage(text);
    reload();
  };
  return (
    <>
      <p>{b.intro}</p>
      <p role="status" class="notice-inline">
        {message}
      </p>
      <WhenLoaded state={state} onRetry={reload}>
        {({ behovsgrupper }) => <GroupsTable groups={behovsgrupper} onChanged={changed} />}
      </WhenLoaded>
      <AddGroup onAdded={(g) => changed(b.added(g.label))} />
    </>
  );
}

function GroupsTable({
  groups,
  onChanged,
}: {
  groups: readonly Behovsgrupp[];
  onChanged: (message: string) => void;
}) {
  return (
    <RecordTable
      empty={groups.length === 0 ? b.empty : null}
      caption={b.caption}
      columns={[b.colLabel, b.colCode, b.colStatus, b.colAction]}
      captionVisible
    >
      {groups.map((g) => (
        <GroupRow key={g.code} group={g} onChanged={onChanged} />
      ))}
    </RecordTable>
  );
}

function GroupRow({ group, onChanged }: { group: Behovsgrupp; onChanged: (message: string) => void }) {
  const api = useAdminApi();
  const [renaming, setRenaming] = useState(false);
  const [label, setLabel] = useState(group.label);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const patch = async (p: { label?: string; retired?: boolean }) => {
    if (busy) return;
    setBusy(true);
    setError('');
    try {
      const outcome = await api.updateBehovsgrupp(group.code, p);
      if (outcome.ok) {
        setRenaming(false);
        onChanged(b.changed(outcome.value.behovsgrupp.label));
      } else
        setError(
          outcome.kind === 'refused' ? (outcome.fields.label ?? outcome.message) : failureMessage(outcome),
        );
    } finally {
      setBusy(false);
    }
  };
  const rename = (ev: Event) => {
    ev.preventDefault();
    const parsed = BehovsgruppNamn.safeParse(label);
    if (!parsed.success) setError(parsed.error.issues[0]?.message ?? '');
    else void patch({ label: parsed.data });
  };
  const name = `rename-${group.code}`;
  return (
    <tr>
      <th scope="row">{group.label}</th>
      <td>
        <code>{group.code}</code>
      </td>
      <td>{group.retiredAt ? b.retiredOn(group.retiredAt) : b.inUse}</td>
      <td>
        {renaming ? (
          <form class="inline-form" noValidate onSubmit={rename} aria-label={b.renameLabel(group.label)}>
            <TextField
              name={name}
              label={b.newLabel(group.label)}
              value={label}
              error={error || undefined}
              maxLength={120}
              onInput={setLabel}
            />
            <span class="cell-actions">
              <button type="submit" class="button button--primary" aria-busy={busy}>
                {b.saveName}
              </button>
              <button type="button" class="button button--secondary" onClick={() => setRenaming(false)}>
                {b.cancel}
              </button>
            </span>
          </form>
        ) : (
          <span class="cell-actions">
            <button
              type="button"
              class="button button--secondary"
              aria-label={b.renameLabel(group.label)}
              onClick={() => setRenaming(true)}
            >
              {b.rename}
            </button>
            <button
              type="button"
              class="button button--secondary"
              aria-busy={busy}
              aria-label={group.retiredAt ? b.reactivateLabel(group.label) : b.retireLabel(group.label)}
              onClick={() => void patch({ retired: !group.retiredAt })}
            >
              {group.retiredAt ? b.reactivate : b.retire}
            </button>
            {error && (
              <span class="field__error" role="alert">
                {error}
              </span>
            )}
          </span>
        )}
      </td>
    </tr>
  );
}

function AddGroup({ onAdded }: { onAdded: (g: Behovsgrupp) => void }) {
  const api = useAdminApi();
  const [label, setLabel] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [attempt, setAttempt] = useState(0);
  const [failure, setFailure] = useState<AdminOutcome<unknown> | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (ev: Event) => {
    ev.preventDefault();
    if (busy) return;
    setFailure(null);
    const parsed = BehovsgruppNamn.safeParse(label);
    if (!parsed.success) {
      setErrors({ label: parsed.error.issues[0]?.message ?? '' });
      setAttempt((n) => n + 1);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const outcome = await api.createBehovsgrupp({ label: parsed.data });
      if (outcome.ok) {
        setLabel('');
        onAdded(outcome.value.behovsgrupp);
      } else if (outcome.kind === 'refused' && outcome.fields.label) {
        setErrors({ label: outcome.fields.label });
        setAttempt((n) => n + 1);
      } else setFailure(outcome);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="form-section" aria-labelledby="add-behovsgrupp-heading">
      <h2 id="add-behovsgrupp-heading">{b.addHeading}</h2>
      <form class="form" noValidate onSubmit={submit} aria-labelledby="add-behovsgrupp-heading">
        <ErrorSummary errors={errors} labels={{ label: b.label }} focusKey={attempt} />
        {failure && !failure.ok && <LoadFailure failure={failure} />}
        <TextField
          name="label"
          label={b.label}
          hint={b.labelHint}
          value={label}
          error={errors.label}
          maxLength={120}
          onInput={setLabel}
        />
        <button type="submit" class="button button--primary" aria-busy={busy}>
          {b.add}
        </button>
      </form>
    </section>
  );
}
