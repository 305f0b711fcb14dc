import { useEffect, useState } from 'preact/hooks';
import type { AdminApi } from '../../sync/admin';
import { useServices, useSession } from '../app-context';
import { AuditSection } from '../components/admin/AuditSection';
import { AdminApiContext, useOnline } from '../components/admin/admin-data';
import { adminPaths } from '../components/admin/admin-paths';
import { BehovsgrupperSection } from '../components/admin/BehovsgrupperSection';
import { DevicesSection } from '../components/admin/DevicesSection';
import { EnheterSection } from '../components/admin/EnheterSection';
import { GallringSection } from '../components/admin/GallringSection';
import { SettingsSection } from '../components/admin/SettingsSection';
import { UserSection } from '../components/admin/UserSection';
import { NewUserSection, UsersSection } from '../components/admin/UsersSection';
import { PageHeading } from '../components/PageHeading';
import { usePageTitle } from '../hooks/usePageTitle';
import { type AdminSection, paths } from '../hooks/useRoute';
import { t } from '../i18n/admin';

const a = t.admin;

// Built when rendering, so they follow the chosen language.
const titles = (): Record<AdminSection, string> => ({
  users: a.users.title,
  newUser: a.userForm.newTitle,
  user: a.users.title,
  enheter: a.enheter.title,
  devices: a.devices.title,
  settings: a.settings.title,
  behovsgrupper: a.behovsgrupper.title,
  gallring: a.gallring.title,
  audit: a.audit.title,
});

const nav = (): { section: AdminSection; href: string; label: string }[] => [
  { section: 'users', href: paths.admin, label: a.nav.users },
  { section: 'enheter', href: adminPaths.enheter, label: a.nav.enheter },
  { section: 'devices', href: adminPaths.devices, label: a.nav.devices },
  { section: 'settings', href: adminPaths.settings, label: a.nav.settings },
  { section: 'behovsgrupper', href: adminPaths.behovsgrupper, label: a.nav.behovsgrupper },
  { section: 'gallring', href: adminPaths.gallring, label: a.nav.gallring },
  { section: 'audit', href: adminPaths.audit, label: a.nav.audit },
];

/**
 * The admin's screens (users, enheter, devices and sessions, audit log). Online only: they read and
 * write the server directly and keep nothing on the device. Offline the page says so plainly and
 * shows nothing, so an old list is never taken for the current one; when the network returns the
 * section loads afresh.
 */
export function AdminPage({ section, id }: { section: AdminSection; id?: string | undefined }) {
  const { faltsam } = useServices();
  const { moveFocus } = useSession();
  const online = useOnline();
  const [api, setApi] = useState<AdminApi | null>(null);
  const [failed, setFailed] = useState(false);
  const title = titles()[section];
  usePageTitle(`${title} – ${a.title}`);

  useEffect(() => {
    let live = true;
    faltsam.admin().then(
      (x) => live && setApi(() => x),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [faltsam]);

  const current = section === 'user' || section === 'newUser' ? 'users' : section;
  let body = <p role="status">{a.loading}</p>;
  if (!online)
    body = (
      <p class="notice notice--error" role="alert">
        {a.offline}
      </p>
    );
  else if (failed)
    body = (
      <p class="notice notice--error" role="alert">
        {t.app.pageLoadFailed}
      </p>
    );
  else if (api)
    body = (
      <AdminApiContext value={api}>
        <Section section={section} id={id} />
      </AdminApiContext>
    );

  return (
    <div class="page">
      <nav aria-label={a.navLabel} class="admin-nav">
        <ul>
          {nav().map((n) => (
            <li key={n.section}>
              <a href={n.href} aria-current={n.section === current ? 'page' : undefined}>
                {n.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <PageHeading focus={moveFocus}>{title}</PageHeading>
      {body}
    </div>
  );
}

function Section({ section, id }: { section: AdminSection; id?: string | undefined }) {
  if (section === 'newUser') return <NewUserSection />;
  if (section === 'user' && id) return <UserSection key={id} id={id} />;
  if (section === 'enheter') return <EnheterSection />;
  if (section === 'devices') return <DevicesSection />;
  if (section === 'settings') return <SettingsSection />;
  if (section === 'behovsgrupper') return <BehovsgrupperSection />;
  if (section === 'gallring') return <GallringSection />;
  if (section === 'audit') return <AuditSection />;
  return <UsersSection />;
}
