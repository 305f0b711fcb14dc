import { useState } from 'preact/hooks';
import { type Enhet, HALVAR_GROUPS, type HalvarGroup, ROLES, type Role } from '../../../domain/account';
import { type AdminUser, accountIssues, NewAdminUser } from '../../../domain/admin';
import { fieldErrors, swedishErrors } from '../../../domain/validation';
import type { AdminOutcome } from '../../../sync/admin';
import { t } from '../../i18n/admin';
import { ErrorSummary } from '../ErrorSummary';
import { ChoiceGroup } from '../fields/ChoiceGroup';
import { TextField } from '../fields/TextField';
import { LoadFailure } from './admin-data';

const f = t.admin.userForm;

/** What the form edits; `username` and `password` only when creating an account. */
export interface UserDraft {
  username: string;
  displayName: string;
  role: Role | '';
  respondentGroup: HalvarGroup | '';
  enhetIds: string[];
  password: string;
  disabled: boolean;
}

/** The labels of the form's fields, for its error summary (built when rendering: language). */
export const labels = (): Record<string, string> => ({
  username: f.username,
  displayName: f.displayName,
  role: f.role,
  respondentGroup: f.respondentGroup,
  enhetIds: f.enheter,
  password: f.password,
  disabled: f.disabledLegend,
});

export function draftOf(user: AdminUser): UserDraft {
  return {
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    respondentGroup: user.respondentGroup ?? '',
    enhetIds: [...user.enhetIds],
    password: '',
    disabled: user.disabled,
  };
}

export const EMPTY_DRAFT: UserDraft = {
  username: '',
  displayName: '',
  role: '',
  respondentGroup: '',
  enhetIds: [],
  password: '',
  disabled: false,
};

/** The request a draft becomes: a respondent's group is sent only for respondents. */
export function requestOf(d: UserDraft) {
  return {
    displayName: d.displayName.trim(),
    role: d.role as Role,
    respondentGroup: d.role === 'respondent' && d.respondentGroup ? d.respondentGroup : null,
    enhetIds: d.enhetIds,
  };
}

/** Checks a draft on the device with the API's own schema (new) or its cross-field rules (edit). */
export function validateUser(d: UserDraft, mode: 'new' | 'edit'): Record<string, string> {
  if (mode === 'new') {
    const parsed = NewAdminUser.safeParse(
      { ...requestOf(d), role: d.role || undefined, username: d.username, password: d.password },
      { error: swedishErrors },
    );
    const errors = parsed.success ? {} : fieldErrors(parsed.error.issues);
    if (!d.role) errors.role = f.chooseRole;
    return errors;
  }
  const errors: Record<string, string> = {};
  if (!d.displayName.trim()) errors.displayName = 'Ange ett namn.';
  if (!d.role) errors.role = f.chooseRole;
  else for (const i of accountIssues(requestOf(d))) errors[i.path] ??= i.message;
  return errors;
}

interface UserFormProps {
  mode: 'new' | 'edit';
  initial: UserDraft;
  enheter: readonly Enhet[];
  submitLabel: string;
  /** Sends the draft; a refusal's field messages are shown at their fields. */
  onSubmit: (draft: UserDraft) => Promise<AdminOutcome<unknown>>;
  onDone: (draft: UserDraft) => void;
}

/** Create or change an account: role, respondent group (respondents only), enheter, and on create the first password. */
export function UserForm({ mode, initial, enheter, submitLabel, onSubmit, onDone }: UserFormProps) {
  const [d, setD] = useState<UserDraft>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [attempt, setAttempt] = useState(0);
  const [failure, setFailure] = useState<AdminOutcome<unknown> | null>(null);
  const [busy, setBusy] = useState(false);

  const set = <K extends keyof UserDraft>(key: K, value: UserDraft[K]) => {
    setD((prev) => ({ ...prev, [key]: value }));
    setErrors(({ [key]: _, ...rest }) => rest);
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setFailure(null);
    const invalid = validateUser(d, mode);
    setErrors(invalid);
    if (Object.keys(invalid).length > 0) {
      setAttempt((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      const outcome = await onSubmit(d);
      if (outcome.ok) onDone(d);
      else if (outcome.kind === 'refused' && Object.keys(outcome.fields).length > 0) {
        setErrors(outcome.fields);
        setAttempt((n) => n + 1);
      } else setFailure(outcome);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="form" noValidate onSubmit={submit}>
      <ErrorSummary errors={errors} labels={labels()} focusKey={attempt} />
      {failure && !failure.ok && <LoadFailure failure={failure} />}
      {mode === 'new' && (
        <TextField
          name="username"
          label={f.username}
          hint={f.usernameHint}
          value={d.username}
          error={errors.username}
          autoComplete="off"
          maxLength={60}
          onInput={(v) => set('username', v)}
        />
      )}
      <TextField
        name="displayName"
        label={f.displayName}
        hint={f.displayNameHint}
        value={d.displayName}
        error={errors.displayName}
        autoComplete="off"
        maxLength={100}
        onInput={(v) => set('displayName', v)}
      />
      <ChoiceGroup
        name="role"
        legend={f.role}
        options={ROLES.map((r) => ({ value: r, label: t.admin.roles[r] }))}
        value={d.role}
        error={errors.role}
        onChange={(v) => {
          set('role', v as Role);
          setErrors(({ respondentGroup: _, enhetIds: __, ...rest }) => rest);
        }}
      />
      {d.role === 'respondent' && (
        <ChoiceGroup
          name="respondentGroup"
          legend={f.respondentGroup}
          hint={f.respondentGroupHint}
          options={HALVAR_GROUPS.map((g) => ({ value: g, label: t.admin.halvarGroups[g] }))}
          value={d.respondentGroup}
          error={errors.respondentGroup}
          onChange={(v) => set('respondentGroup', v as HalvarGroup)}
        />
      )}
      <ChoiceGroup
        multiple
        name="enhetIds"
        legend={f.enheter}
        hint={f.enheterHint}
        options={enheter.map((e) => ({ value: e.id, label: `${e.namn} (${e.kod})` }))}
        value={d.enhetIds}
        error={errors.enhetIds}
        onChange={(v) => set('enhetIds', v)}
      />
      {mode === 'new' && (
        <TextField
          name="password"
          type="password"
          label={f.password}
          hint={f.passwordHint}
          value={d.password}
          error={errors.password}
          autoComplete="new-password"
          maxLength={200}
          onInput={(v) => set('password', v)}
        />
      )}
      {mode === 'edit' && (
        <ChoiceGroup
          multiple
          name="disabled"
          legend={f.disabledLegend}
          options={[{ value: 'disabled', label: f.disabledLabel }]}
          value={d.disabled ? ['disabled'] : []}
          onChange={(v) => set('disabled', v.includes('disabled'))}
        />
      )}
      <button type="submit" class="button button--primary" aria-busy={busy}>
        {submitLabel}
      </button>
    </form>
  );
}
