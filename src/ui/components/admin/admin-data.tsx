/**
 * What every admin section shares: the admin client, loading from the server with its outcome, and
 * how a failed call reads. Online only: nothing is cached, so a failure shows no stale data.
 */
import { createContext } from 'preact';
import { useCallback, useContext, useEffect, useState } from 'preact/hooks';
import type { AdminApi, AdminOutcome } from '../../../sync/admin';
import { paths } from '../../hooks/useRoute';
import { t } from '../../i18n/admin';
import { localizeMessage } from '../../i18n/messages';

export const AdminApiContext = createContext<AdminApi | null>(null);

export function useAdminApi(): AdminApi {
  const api = useContext(AdminApiContext);
  if (!api) throw new Error('useAdminApi outside <AdminApiContext>');
  return api;
}

export type Failure = Exclude<AdminOutcome<unknown>, { ok: true }>;

export type Loaded<T> =
  | { status: 'loading' }
  | { status: 'ready'; value: T }
  | { status: 'failed'; failure: Failure };

/** Loads with `load` (an admin call) on mount and on reload(); never keeps an older value on failure. */
export function useAdminLoad<T>(
  load: (api: AdminApi) => Promise<AdminOutcome<T>>,
  deps: readonly unknown[] = [],
): [Loaded<T>, () => void] {
  const api = useAdminApi();
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const [round, setRound] = useState(0);
  // `load` is a new function each render; `deps` name what it reads (none for every current caller).
  useEffect(() => {
    let live = true;
    load(api).then(
      (o) => live && setState(o.ok ? { status: 'ready', value: o.value } : { status: 'failed', failure: o }),
      () =>
        live &&
        setState({
          status: 'failed',
          failure: {
            ok: false,
            kind: 'refused',
            status: 0,
            code: 'fel',
            message: t.admin.loadFailed,
            fields: {},
          },
        }),
    );
    return () => {
      live = false;
    };
  }, [api, round, ...deps]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  return [state, reload];
}

/** The Swedish sentence for a failed call (the server's own message when it refused). */
export function failureMessage(f: Failure): string {
  if (f.kind === 'offline') return t.admin.offline;
  if (f.kind === 'auth') return localizeMessage(f.message) || t.admin.authLost;
  return localizeMessage(f.message) || t.admin.loadFailed;
}

/** A failed load: what went wrong, a way to log in again after a 401, otherwise "Försök igen". */
export function LoadFailure({ failure, onRetry }: { failure: Failure; onRetry?: () => void }) {
  return (
    <div class="notice notice--error" role="alert">
      <p>{failureMessage(failure)}</p>
      {failure.kind === 'auth' ? (
        <a class="button button--primary" href={paths.login}>
          {t.sync.loginAgain}
        </a>
      ) : (
        onRetry && (
          <button type="button" class="button button--secondary" onClick={onRetry}>
            {t.admin.retry}
          </button>
        )
      )}
    </div>
  );
}

/** Renders children with the loaded value, or the loading line, or the failure. */
export function WhenLoaded<T>({
  state,
  onRetry,
  children,
}: {
  state: Loaded<T>;
  onRetry: () => void;
  children: (value: T) => preact.ComponentChildren;
}) {
  if (state.status === 'loading') return <p role="status">{t.admin.loading}</p>;
  if (state.status === 'failed') return <LoadFailure failure={state.failure} onRetry={onRetry} />;
  return <>{children(state.value)}</>;
}

/** Follows the browser's online state, so the admin screens hide what they show when the network goes. */
export function useOnline(): boolean {
  const [online, setOnline] = useState(() => (typeof navigator === 'undefined' ? true : navigator.onLine));
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return online;
}

/** An ISO time in the chosen language, e.g. "2026-11-24 14:32" or "24 Nov 2026 14:32". */
export { formatDateTime } from '../../i18n/format-time';

/** The first characters of an id, enough to tell devices apart on screen. */
export const shortId = (id: string) => id.slice(0, 8);
