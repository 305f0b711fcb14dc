/**
 * The app shell: skip link, update banner, header and the current screen. Who is logged in is
 * read live from the device, so the app opens straight to the list offline once a session is kept.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { getHandoverLock } from '../db/handover-lock';
import { getSession } from '../db/session-repo';
import { type AppServices, ServicesContext, SessionContext, type SessionState } from './app-context';
import { type ArendeFilter, NO_FILTER } from './arende-filter';
import { Header } from './components/Header';
import { lazyPage } from './components/lazy-page';
import { SkipLink } from './components/SkipLink';
import { UpdateBanner } from './components/UpdateBanner';
import { useLiveQuery } from './hooks/useLiveQuery';
import { navigate, paths, type Route, useRoute } from './hooks/useRoute';
import { t } from './i18n/sv';
import { ArendeListPage } from './pages/ArendeListPage';
import { LoginPage } from './pages/LoginPage';

// The first screen is the login or the list; every other screen's code loads when first opened
// (precached by the service worker, so offline too), which keeps start-up small on a tablet.
const ArendeFormPage = lazyPage(() => import('./pages/ArendeFormPage').then((m) => m.ArendeFormPage));
const ArendeOverviewPage = lazyPage(() =>
  import('./pages/ArendeOverviewPage').then((m) => m.ArendeOverviewPage),
);
const KoordinatorPage = lazyPage(() => import('./pages/KoordinatorPage').then((m) => m.KoordinatorPage));
const HandoverPage = lazyPage(() => import('./pages/HandoverPage').then((m) => m.HandoverPage));
const MotePage = lazyPage(() => import('./pages/MotePage').then((m) => m.MotePage));
const RoundsPage = lazyPage(() => import('./pages/RoundsPage').then((m) => m.RoundsPage));
const SipPage = lazyPage(() => import('./pages/SipPage').then((m) => m.SipPage));
const SipPrintPage = lazyPage(() => import('./pages/SipPrintPage').then((m) => m.SipPrintPage));
const StaffFormPage = lazyPage(() => import('./pages/StaffFormPage').then((m) => m.StaffFormPage));

export interface AppProps extends AppServices {
  /** Called once with a callback for "a new version is waiting" (registerServiceWorker in the browser). */
  onUpdateReady?: (notify: (applyUpdate: () => void) => void) => void;
}

export function App({ db, faltsam, onUpdateReady }: AppProps) {
  const services = useMemo(() => ({ db, faltsam }), [db, faltsam]);
  const session = useLiveQuery(() => getSession(db), [db]);
  const handover = useLiveQuery(() => getHandoverLock(db), [db]);
  const route = useRoute();
  const [applyUpdate, setApplyUpdate] = useState<(() => void) | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [filter, setFilter] = useState<ArendeFilter>(NO_FILTER);
  const moveFocus = useMoveFocusAfterFirstScreen(route);

  useEffect(() => onUpdateReady?.((apply) => setApplyUpdate(() => apply)), [onUpdateReady]);

  const user = session.value?.user;
  const sessionState = useMemo<SessionState | null>(
    () => (user ? { user, notice, setNotice, moveFocus } : null),
    [user, notice, moveFocus],
  );

  // Hand-over mode (PRODUCT.md §3) replaces the whole app, chrome included, until unlocked. Nothing
  // renders before the lock is known, so a reload never shows the ärenden for a moment.
  if (handover.status !== 'ready')
    return (
      <main id="main" class="app-main">
        {handover.status === 'error' ? <p class="form__error">{t.app.openFailed}</p> : <p>{t.app.loading}</p>}
      </main>
    );
  if (handover.value)
    return (
      <ServicesContext value={services}>
        <HandoverPage lock={handover.value} />
      </ServicesContext>
    );

  let screen = <p>{t.app.loading}</p>;
  if (session.status === 'error') screen = <p class="form__error">{t.app.openFailed}</p>;
  else if (session.status === 'ready' && (!sessionState || route.name === 'login'))
    screen = (
      <LoginPage
        notice={notice}
        initialUsername={user?.username}
        focusHeading={moveFocus}
        onLoggedIn={() => {
          setNotice(null);
          if (route.name === 'login') navigate(paths.list);
        }}
      />
    );
  else if (sessionState)
    screen = (
      <Screen route={route} filter={filter} onFilter={setFilter} koordinator={user?.role === 'koordinator'} />
    );

  return (
    <ServicesContext value={services}>
      <SessionContext value={sessionState}>
        <SkipLink />
        <Header
          user={user}
          onLoggedOut={() => {
            setFilter(NO_FILTER);
            setNotice(t.header.loggedOut);
            navigate(paths.list);
          }}
        >
          {applyUpdate && <UpdateBanner onUpdate={applyUpdate} />}
        </Header>
        <main id="main" tabIndex={-1} class="app-main">
          {screen}
        </main>
      </SessionContext>
    </ServicesContext>
  );
}

function Screen({
  route,
  filter,
  onFilter,
  koordinator,
}: {
  route: Route;
  filter: ArendeFilter;
  onFilter: (f: ArendeFilter) => void;
  /** A koordinator lands on the results, not on the list of ärenden. */
  koordinator: boolean;
}) {
  if (route.name === 'results') return <KoordinatorPage area={route.area} />;
  if (koordinator && route.name === 'list') return <KoordinatorPage area="karnindikatorer" />;
  if (route.name === 'new') return <ArendeFormPage key="new" />;
  if (route.name === 'edit') return <ArendeFormPage key={route.id} id={route.id} />;
  if (route.name === 'staffForm')
    return <StaffFormPage key={`${route.id}:${route.formId}`} arendeId={route.id} formId={route.formId} />;
  if (route.name === 'rounds') return <RoundsPage />;
  if (route.name === 'overview') return <ArendeOverviewPage key={route.id} id={route.id} />;
  if (route.name === 'newMote') return <MotePage key={route.id} id={route.id} />;
  if (route.name === 'sip') return <SipPage key={route.sipId} id={route.id} sipId={route.sipId} />;
  if (route.name === 'sipPrint') return <SipPrintPage key={route.sipId} id={route.id} sipId={route.sipId} />;
  return <ArendeListPage filter={filter} onFilter={onFilter} />;
}

/** Focus moves to a screen's heading after navigation, never on the first screen after load. */
function useMoveFocusAfterFirstScreen(route: Route): boolean {
  const first = useRef(route);
  const navigated = useRef(false);
  // Decided during render, so the screen that navigation mounts already gets focus={true}.
  if (route !== first.current) navigated.current = true;
  return navigated.current;
}
