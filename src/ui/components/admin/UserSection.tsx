import { useState } from 'preact/hooks';
import type { Enhet } from '../../../domain/account';
import { type AdminUser, PasswordReset } from '../../../domain/admin';
import { fieldErrors, swedishErrors } from '../../../domain/validation';
import type { AdminOutcome } from '../../../sync/admin';
import { paths } from '../../hooks/useRoute';
import { t } from '../../i18n/admin';
import { TextField } from '../fields/TextField';
import { LoadFailure, useAdminApi, WhenLoaded } from './admin-data';
import { draftOf, requestOf, UserForm } from './UserForm';
import { roleLabel, useUsersAndEnheter } from './UsersSection';

const f = t.admin.userForm;

/** One account: change name, role, group, enheter or block it; set a new password. */
export function UserSection({ id }: { id: string }) {
  const [state, reload] = useUsersAndEnheter();
  return (
    <>
      <WhenLoaded state={state} onRetry={reload}>
        {({ users, enheter }) => {
          const user = users.find((x) => x.id === id);
          if (!user) return <p role="alert">{f.notFound}</p>;
          return <UserEditor key={user.id} user={user} enheter={enheter} onSaved={reload} />;
        }}
      </WhenLoaded>
      <p>
        <a href={paths.admin}>{f.cancel}</a>
      </p>
    </>
  );
}

function UserEditor({
  user,
  enheter,
  onSaved,
}: {
  user: AdminUser;
  enheter: readonly Enhet[];
  onSaved: () => void;
}) {
  const api = useAdminApi();
  const [saved, setSaved] = useState('');
  return (
    <>
      <h2>{f.editTitle(`${user.displayName} (${user.username})`)}</h2>
      <p class="muted">{roleLabel(user)}</p>
      <p role="status" class="notice-inline">
        {saved}
      </p>
      <UserForm
        mode="edit"
        initial={draftOf(user)}
        enheter={enheter}
        submitLabel={f.save}
        onSubmit={(d) => {
          setSaved('');
          return api.updateUser(user.id, { ...requestOf(d), disabled: d.disabled });
        }}
        onDone={() => {
          setSaved(f.saved);
          onSaved();
        }}
      />
      <ResetPassword userId={user.id} />
    </>
  );
}

/** Sets a new password; the server then ends every session of the account. */
function ResetPassword({ userId }: { userId: string }) {
  const api = useAdminApi();
  const r = t.admin.reset;
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [failure, setFailure] = useState<AdminOutcome<unknown> | null>(null);
  const [done, setDone] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setDone('');
    setFailure(null);
    const parsed = PasswordReset.safeParse({ password }, { error: swedishErrors });
    if (!parsed.success) {
      setError(fieldErrors(parsed.error.issues).password);
      document.getElementById('f-newPassword')?.focus();
      return;
    }
    setBusy(true);
    try {
      const outcome = await api.resetPassword(userId, parsed.data);
      if (outcome.ok) {
        setPassword('');
        setDone(r.done);
      } else if (outcome.kind === 'refused' && outcome.fields.password) setError(outcome.fields.password);
      else setFailure(outcome);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="form-section" aria-labelledby="reset-heading">
      <h2 id="reset-heading">{r.heading}</h2>
      <p>{r.intro}</p>
      <p role="status" class="notice-inline">
        {done}
      </p>
      <form class="form" noValidate onSubmit={submit} aria-labelledby="reset-heading">
        {failure && !failure.ok && <LoadFailure failure={failure} />}
        <TextField
          name="newPassword"
          type="password"
          label={r.password}
          hint={f.passwordHint}
          value={password}
          error={error}
          autoComplete="new-password"
          maxLength={200}
          onInput={(v) => {
            setPassword(v);
            setError(undefined);
          }}
        />
        <button type="submit" class="button button--primary" aria-busy={busy}>
          {r.submit}
        </button>
      </form>
    </section>
  );
}
