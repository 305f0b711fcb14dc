import type { Enhet } from '../../../domain/account';
import type { AdminUser } from '../../../domain/admin';
import { useSession } from '../../app-context';
import { navigate, paths } from '../../hooks/useRoute';
import { t } from '../../i18n/admin';
import { RecordTable } from '../RecordTable';
import { useAdminApi, useAdminLoad, WhenLoaded } from './admin-data';
import { adminPaths } from './admin-paths';
import { EMPTY_DRAFT, requestOf, UserForm } from './UserForm';

const u = t.admin.users;

/** Loads the förbund's users and enheter together (the table names each user's enheter). */
export function useUsersAndEnheter() {
  return useAdminLoad(async (api) => {
    const [users, enheter] = await Promise.all([api.users(), api.enheter()]);
    if (!users.ok) return users;
    if (!enheter.ok) return enheter;
    return { ok: true as const, value: { users: users.value.users, enheter: enheter.value.enheter } };
  });
}

export function roleLabel(user: Pick<AdminUser, 'role' | 'respondentGroup'>): string {
  const role = t.admin.roles[user.role];
  return user.respondentGroup ? `${role} (${t.admin.halvarGroups[user.respondentGroup]})` : role;
}

/** The accounts of the förbund, with a link to change each one and one to create a new one. */
export function UsersSection() {
  const { notice } = useSession();
  const [state, reload] = useUsersAndEnheter();
  return (
    <>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <p>{u.intro}</p>
      <p>
        <a class="button button--primary" href={adminPaths.newUser}>
          {u.newUser}
        </a>
      </p>
      <WhenLoaded state={state} onRetry={reload}>
        {({ users, enheter }) => <UsersTable users={users} enheter={enheter} />}
      </WhenLoaded>
    </>
  );
}

function UsersTable({ users, enheter }: { users: readonly AdminUser[]; enheter: readonly Enhet[] }) {
  const names = new Map(enheter.map((e) => [e.id, e.namn]));
  return (
    <RecordTable
      empty={users.length === 0 ? u.empty : null}
      caption={u.caption}
      columns={[u.colName, u.colUsername, u.colRole, u.colEnheter, u.colStatus]}
      captionVisible
    >
      {users.map((user) => (
        <tr key={user.id}>
          <th scope="row">
            <a href={adminPaths.user(user.id)}>{user.displayName}</a>
          </th>
          <td>{user.username}</td>
          <td>{roleLabel(user)}</td>
          <td>{user.enhetIds.map((id) => names.get(id) ?? id).join(', ') || t.admin.none}</td>
          <td>{user.disabled ? u.disabled : u.active}</td>
        </tr>
      ))}
    </RecordTable>
  );
}

/** A new account; on success back to the list with a notice. */
export function NewUserSection() {
  const { setNotice } = useSession();
  const [state, reload] = useAdminLoad((api) => api.enheter());
  const api = useAdminApi();
  return (
    <>
      <WhenLoaded state={state} onRetry={reload}>
        {({ enheter }) => (
          <UserForm
            mode="new"
            initial={EMPTY_DRAFT}
            enheter={enheter}
            submitLabel={t.admin.userForm.create}
            onSubmit={(d) =>
              api.createUser({ ...requestOf(d), username: d.username.trim(), password: d.password })
            }
            onDone={(d) => {
              setNotice(u.created(d.username.trim()));
              navigate(paths.admin);
            }}
          />
        )}
      </WhenLoaded>
      <p>
        <a href={paths.admin}>{t.admin.userForm.cancel}</a>
      </p>
    </>
  );
}
