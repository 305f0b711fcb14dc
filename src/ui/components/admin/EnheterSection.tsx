import { useState } from 'preact/hooks';
import type { Enhet } from '../../../domain/account';
import { NewEnhet } from '../../../domain/admin';
import { fieldErrors, swedishErrors } from '../../../domain/validation';
import type { AdminOutcome } from '../../../sync/admin';
import { t } from '../../i18n/admin';
import { ErrorSummary } from '../ErrorSummary';
import { TextField } from '../fields/TextField';
import { RecordTable } from '../RecordTable';
import { LoadFailure, useAdminApi, useAdminLoad, WhenLoaded } from './admin-data';

const e = t.admin.enheter;

/** The förbund's enheter and a form to add one. */
export function EnheterSection() {
  const [state, reload] = useAdminLoad((api) => api.enheter());
  const [added, setAdded] = useState('');
  return (
    <>
      <p>{e.intro}</p>
      <p role="status" class="notice-inline">
        {added}
      </p>
      <WhenLoaded state={state} onRetry={reload}>
        {({ enheter }) => <EnheterTable enheter={enheter} />}
      </WhenLoaded>
      <AddEnhet
        onAdded={(enhet) => {
          setAdded(e.added(enhet.namn));
          reload();
        }}
      />
    </>
  );
}

function EnheterTable({ enheter }: { enheter: readonly Enhet[] }) {
  return (
    <RecordTable
      empty={enheter.length === 0 ? e.empty : null}
      caption={e.caption}
      columns={[e.colNamn, e.colKod]}
      captionVisible
    >
      {enheter.map((x) => (
        <tr key={x.id}>
          <th scope="row">{x.namn}</th>
          <td>{x.kod}</td>
        </tr>
      ))}
    </RecordTable>
  );
}

function AddEnhet({ onAdded }: { onAdded: (enhet: Enhet) => void }) {
  const api = useAdminApi();
  const [namn, setNamn] = useState('');
  const [kod, setKod] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [attempt, setAttempt] = useState(0);
  const [failure, setFailure] = useState<AdminOutcome<unknown> | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (ev: Event) => {
    ev.preventDefault();
    if (busy) return;
    setFailure(null);
    const parsed = NewEnhet.safeParse({ namn, kod: kod.trim().toUpperCase() }, { error: swedishErrors });
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error.issues));
      setAttempt((n) => n + 1);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const outcome = await api.createEnhet(parsed.data);
      if (outcome.ok) {
        setNamn('');
        setKod('');
        onAdded(outcome.value.enhet);
      } else if (outcome.kind === 'refused' && Object.keys(outcome.fields).length > 0) {
        setErrors(outcome.fields);
        setAttempt((n) => n + 1);
      } else if (outcome.kind === 'refused' && outcome.code === 'kod_upptagen') {
        setErrors({ kod: outcome.message });
        setAttempt((n) => n + 1);
      } else setFailure(outcome);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="form-section" aria-labelledby="add-enhet-heading">
      <h2 id="add-enhet-heading">{e.addHeading}</h2>
      <form class="form" noValidate onSubmit={submit} aria-labelledby="add-enhet-heading">
        <ErrorSummary errors={errors} labels={{ namn: e.namn, kod: e.kod }} focusKey={attempt} />
        {failure && !failure.ok && <LoadFailure failure={failure} />}
        <TextField
          name="namn"
          label={e.namn}
          hint={e.namnHint}
          value={namn}
          error={errors.namn}
          autoComplete="off"
          maxLength={120}
          onInput={(v) => {
            setNamn(v);
            setErrors(({ namn: _, ...rest }) => rest);
          }}
        />
        <TextField
          name="kod"
          label={e.kod}
          hint={e.kodHint}
          value={kod}
          error={errors.kod}
          autoComplete="off"
          maxLength={4}
          class="field--short"
          onInput={(v) => {
            setKod(v);
            setErrors(({ kod: _, ...rest }) => rest);
          }}
        />
        <button type="submit" class="button button--primary" aria-busy={busy}>
          {e.submit}
        </button>
      </form>
    </section>
  );
}
