/**
 * The app shell: skip link, update banner, header and the current screen. Who is logged in is
 * read live from the device, so the app opens straight to the list offline once a session is kept.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { getHandoverLock } from '../db/handover-lock';
import { isUnlocked } from '../db/keyring';
import { getSession } from '../db/session-repo';
import { getStoreState, lockStore } from '../db/store-key';
import { type AppServices, ServicesContext, SessionContext, type SessionState } from './app-context';
import { type ArendeFilter, NO_FILTER } from './arende-filter';
import { Header, SyncStatus } from './components/Header';
import { lazyPage } from './components/lazy-page';
import { SkipLink } from './components/SkipLink';
import { UpdateBanner } from './components/UpdateBanner';
import { useIdle } from './hooks/useIdle';
import { useLiveQuery } from './hooks/useLiveQuery';
import { navigate, paths, type Route, useRoute } from './hooks/useRoute';
import { useUnlocked } from './hooks/useUnlocked';
import { t } from './i18n/sv';
import { t as tLock } from './i18n/sv-lock';
import { UnlockPage } from './pages/UnlockPage';

// The first screen of a returning user is the unlock screen; every other screen's code loads when
// first opened (precached by the service worker, so offline too), which keeps start-up small on a
// tablet. The list's code is fetched while the unlock screen waits for the secret.
const ArendeListPage = lazyPage(() => import('./pages/ArendeListPage').then((m) => m.ArendeListPage));
const LoginPage = lazyPage(() => import('./pages/LoginPage').then((m) => m.LoginPage));
const ArendeFormPage = lazyPage(() => import('./pages/ArendeFormPage').then((m) => m.ArendeFormPage));
const AdminPage = lazyPage(() => import('./pages/AdminPage').then((m) => m.AdminPage));
const RespondentPage = lazyPage(() => import('./pages/RespondentPage').then((m) => m.RespondentPage));
const ArendeOverviewPage = lazyPage(() =>
  import('./pages/ArendeOverviewPage').then((m) => m.ArendeOverviewPage),
);
const KoordinatorPage = lazyPage(() => import('./pages/KoordinatorPage').then((m) => m.KoordinatorPage));
const HandoverPage = lazyPage(() => import('./pages/HandoverPage').then((m) => m.HandoverPage));
const KonsultationListPage = lazyPage(() =>
  import('./pages/KonsultationListPage').then((m) => m.KonsultationListPage),
);
const KonsultationMotePage = lazyPage(() =>
  import('./pages/KonsultationMotePage').then((m) => m.KonsultationMotePage),
);
const KonsultationStatsPage = lazyPage(() =>
  import('./pages/KonsultationStatsPage').then((m) => m.KonsultationStatsPage),
);
const MotePage = lazyPage(() => import('./pages/MotePage').then((m) => m.MotePage));
const MoteEditPage = lazyPage(() => import('./pages/MoteEditPage').then((m) => m.MoteEditPage));
const RoundsPage = lazyPage(() => import('./pages/RoundsPage').then((m) => m.RoundsPage));
const GallringPage = lazyPage(() => import('./pages/GallringPage').then((m) => m.GallringPage));
const SipPage = lazyPage(() => import('./pages/SipPage').then((m) => m.SipPage));
const SipPrintPage = lazyPage(() => import('./pages/SipPrintPage').then((m) => m.SipPrintPage));
const StaffFormPage = lazyPage(() => import('./pages/StaffFormPage').then((m) => m.StaffFormPage));
const ChangeSecretPage = lazyPage(() => import('./pages/ChangeSecretPage').then((m) => m.ChangeSecretPage));

const preloadAfterUnlock = () => {
  ArendeListPage.preload();
  SyncStatus.preload();
};

/** Ten minutes without input locks the store (PRODUCT.md §5). */
export const LOCK_IDLE_MS = 10 * 60_000;

export interface AppProps extends AppServices {
  /** Called once with a callback for "a new version is waiting" (registerServiceWorker in the browser). */
  onUpdateReady?: (notify: (applyUpdate: () => void) => void) => void;
  /** Idle time before the store locks; tests shorten it. */
  lockIdleMs?: number;
}

export function App({ db, faltsam, onUpdateReady, lockIdleMs = LOCK_IDLE_MS }: AppProps) {
  const services = useMemo(() => ({ db, faltsam }), [db, faltsam]);
  const unlocked = useUnlocked(db);
  // Only plain-text meta: known while locked (is there a key, whose device is it).
  const store = useLiveQuery(() => getStoreState(db), [db, unlocked]);
  const session = useLiveQuery(
    () => (isUnlocked(db) ? getSession(db) : Promise.resolve(undefined)),
    [db, unlocked],
  );
  const handover = useLiveQuery(() => getHandoverLock(db), [db]);
  const route = useRoute();
  const [applyUpdate, setApplyUpdate] = useState<(() => void) | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [filter, setFilter] = useState<ArendeFilter>(NO_FILTER);
  const moveFocus = useMoveFocusAfterFirstScreen(route);

  useEffect(() => onUpdateReady?.((apply) => setApplyUpdate(() => apply)), [onUpdateReady]);

  const user = unlocked ? session.value?.user : undefined;
  useIdle(lockIdleMs, () => lockStore(db), unlocked && user !== undefined && !handover.value);
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
  if (session.status === 'error' || store.status === 'error')
    screen = <p class="form__error">{t.app.openFailed}</p>;
  else if (store.status === 'ready' && store.value.hasKey && !unlocked)
    // Locked: nothing of the data until the secret is given, whatever the route.
    screen = <UnlockPage user={store.value.user} onShown={preloadAfterUnlock} />;
  else if (
    session.status === 'ready' &&
    store.status === 'ready' &&
    (!sessionState || route.name === 'login')
  )
    screen = (
      <LoginPage
        notice={
          notice ??
          (store.value.legacy ? tLock.lock.legacyNotice : user ? t.login.again(user.displayName) : null)
        }
        initialUsername={user?.username ?? store.value.user?.username}
        focusHeading={moveFocus}
        onLoggedIn={() => {
          setNotice(null);
          if (route.name === 'login') navigate(paths.list);
        }}
      />
    );
  else if (sessionState?.user.role === 'admin')
    // The admin manages the förbund and never sees records: every route is an admin screen.
    screen =
      route.name === 'admin' ? (
        <AdminPage key={route.section} section={route.section} id={route.id} />
      ) : (
        <AdminPage key="users" section="users" />
      );
  else if (sessionState?.user.role === 'respondent') screen = <RespondentPage />;
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
  if (route.name === 'gallring' && koordinator) return <GallringPage />;
  if (route.name === 'changeSecret') return <ChangeSecretPage />;
  if (route.name === 'overview') return <ArendeOverviewPage key={route.id} id={route.id} />;
  if (route.name === 'newMote') return <MotePage key={route.id} id={route.id} />;
  if (route.name === 'mote') return <MoteEditPage key={route.moteId} id={route.id} moteId={route.moteId} />;
  if (route.name === 'sip') return <SipPage key={route.sipId} id={route.id} sipId={route.sipId} />;
  if (route.name === 'konsultation') return <KonsultationListPage />;
  if (route.name === 'konsultationNew') return <KonsultationMotePage key="new" />;
  if (route.name === 'konsultationMote') return <KonsultationMotePage key={route.id} id={route.id} />;
  if (route.name === 'konsultationStats') return <KonsultationStatsPage />;
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
