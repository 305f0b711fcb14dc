import { describe, expect, it } from 'vitest';
import { HALVAR_GROUPS, ROLE_LABELS, ROLES, SessionUser } from '../../../src/domain/account';
import { AdminUserPatch, accountIssues, NewAdminUser, PasswordReset } from '../../../src/domain/admin';
import { HALVAR_FORM_IDS } from '../../../src/domain/instrument/form-ids';
import { FORMS } from '../../../src/domain/instrument/forms';
import { fieldErrors, swedishErrors } from '../../../src/domain/validation';

const base = {
  username: 'testkonto',
  displayName: 'Testperson Påhittad',
  role: 'handlaggare',
  enhetIds: ['6f1c2d3e-0000-4000-8000-000000000001'],
  password: 'tolv-tecken!',
};
const errors = (schema: typeof NewAdminUser | typeof PasswordReset | typeof AdminUserPatch, v: unknown) => {
  const r = schema.safeParse(v, { error: swedishErrors });
  return r.success ? null : fieldErrors(r.error.issues);
};

describe('admin contract', () => {
  it('has a Swedish label for every role, and exactly the groups of the four HALVÅR forms', () => {
    expect(Object.keys(ROLE_LABELS).sort()).toEqual([...ROLES].sort());
    expect([...HALVAR_GROUPS].sort()).toEqual(HALVAR_FORM_IDS.map((f) => FORMS[f].respondent).sort());
  });

  it('takes a password of 12 characters and says in Swedish why 11 are too few', () => {
    expect(errors(NewAdminUser, base)).toBeNull();
    expect(errors(NewAdminUser, { ...base, password: 'elva-tecken' })).toEqual({
      password: 'Lösenordet måste vara minst 12 tecken långt.',
    });
    expect(errors(PasswordReset, { password: 'x'.repeat(11) })?.password).toMatch(/minst 12 tecken/);
  });

  it('ties the respondent group to the respondent role and enheter to the handläggare', () => {
    expect(accountIssues({ role: 'respondent', respondentGroup: 'styrelse', enhetIds: [] })).toEqual([]);
    expect(accountIssues({ role: 'respondent', respondentGroup: null, enhetIds: [] })).toEqual([
      { path: 'respondentGroup', message: 'En halvårsrespondent måste ha en grupp.' },
    ]);
    expect(accountIssues({ role: 'koordinator', respondentGroup: 'styrelse', enhetIds: [] })).toEqual([
      { path: 'respondentGroup', message: 'Bara en halvårsrespondent har en grupp.' },
    ]);
    expect(accountIssues({ role: 'handlaggare', enhetIds: [] })).toEqual([
      { path: 'enhetIds', message: 'En handläggare måste ha minst en enhet.' },
    ]);
    expect(
      errors(NewAdminUser, { ...base, role: 'respondent', respondentGroup: 'deltagare', enhetIds: [] }),
    ).toEqual({
      respondentGroup: 'Välj en av de fyra halvårsgrupperna.',
    });
  });

  it('refuses an empty patch and unknown fields', () => {
    expect(errors(AdminUserPatch, {})).toEqual({ _: 'Ingen ändring angavs.' });
    expect(errors(AdminUserPatch, { password: 'tolv-tecken!' })).not.toBeNull();
    expect(errors(AdminUserPatch, { disabled: true })).toBeNull();
  });

  it('still reads a session stored before respondentGroup existed', () => {
    const stored = {
      id: '6f1c2d3e-0000-4000-8000-000000000002',
      username: 'testkonto',
      displayName: 'Testperson Påhittad',
      role: 'handlaggare',
      forbund: { id: '6f1c2d3e-0000-4000-8000-000000000003', namn: 'Testförbund', behovsgrupper: [] },
      enheter: [],
    };
    expect(SessionUser.safeParse(stored).success).toBe(true);
  });
});
