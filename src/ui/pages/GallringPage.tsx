import { useEffect, useState } from 'preact/hooks';
import type { AdminApi } from '../../sync/admin';
import { useServices, useSession } from '../app-context';
import { AdminApiContext, useAdminLoad, useOnline, WhenLoaded } from '../components/admin/admin-data';
import { GallringOverviewTable } from '../components/admin/GallringOverviewTable';
import { PageHeading } from '../components/PageHeading';
import { usePageTitle } from '../hooks/usePageTitle';
import { t } from '../i18n/admin';

/**
 * The koordinator's view of gallring: what is due and when, per month and enhet. Online only, like
 * the admin screens: an old list is never shown as if it were current.
 */
export function GallringPage() {
  const { faltsam } = useServices();
  const { moveFocus } = useSession();
  const online = useOnline();
  const [api, setApi] = useState<AdminApi | null>(null);
  const [failed, setFailed] = useState(false);
  usePageTitle(t.admin.gallring.title);
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
  let body = <p role="status">{t.admin.loading}</p>;
  if (!online)
    body = (
      <p class="notice notice--error" role="alert">
        {t.admin.offline}
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
        <Overview />
      </AdminApiContext>
    );
  return (
    <div class="page">
      <PageHeading focus={moveFocus}>{t.admin.gallring.title}</PageHeading>
      {body}
    </div>
  );
}

function Overview() {
  const [state, reload] = useAdminLoad((a) => a.gallringOverview());
  return (
    <WhenLoaded state={state} onRetry={reload}>
      {(overview) => <GallringOverviewTable overview={overview} />}
    </WhenLoaded>
  );
}
