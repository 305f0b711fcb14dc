/**
 * The unlocked app: the signed-in user (read live from the device, so it opens straight to the list
 * offline once a session is kept), their header and the screen of the route. Loaded by the shell
 * (App.tsx) once the store is unlocked; each screen's own code loads when first opened.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo } from 'preact/hooks';
import { getSession } from '../db/session-repo';
import { lockStore } from '../db/store-key';
import { SessionContext, type SessionState, useServices } from './app-context';
import { type ArendeFilter, type FilterableArende, filterArenden, NO_FILTER } from './arende-filter';
import { Chrome } from './components/Chrome';
import { ErrorBoundary, ProblemPage } from './components/ErrorBoundary';
import { lazyPage } from './components/lazy-page';
import { userHeader } from './components/UserMenu';
import { useIdle } from './hooks/useIdle';
import { useLiveQuery } from './hooks/useLiveQuery';
import { navigate, paths, type Route } from './hooks/useRoute';
import { t } from './i18n/messages';
import { LoginPage } from './pages/LoginPage';

const ArendeListPage = lazyPage(() => import('./pages/ArendeListPage').then((m) => m.ArendeListPage));
const ArendeFormPage = lazyPage(() => import('./pages/ArendeFormPage').then((m) => m.ArendeFormPage));
const AdminPage = lazyPage(() => import('./pages/AdminPage').then((m) => m.AdminPage));
const RespondentPage = lazyPage(() => import('./pages/RespondentPage').then((m) => m.RespondentPage));
const ArendeOverviewPage = lazyPage(() =>
  import('./pages/ArendeOverviewPage').then((m) => m.ArendeOverviewPage),
);
const KoordinatorPage = lazyPage(() => import('./pages/KoordinatorPage').then((m) => m.KoordinatorPage));
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

// The list is where an unlock lands: its code is fetched as soon as this module is.
ArendeListPage.preload();

export interface MainAppProps {
  route: Route;
  banner: ComponentChildren;
  filter: ArendeFilter;
  onFilter: (f: ArendeFilter) => void;
  notice: string | null;
  setNotice: (notice: string | null) => void;
  moveFocus: boolean;
  lockIdleMs: number;
  /** Called once this is on screen (after every unlock). */
  onShown?: (() => void) | undefined;
}

export function MainApp({
  route,
  banner,
  filter,
  onFilter,
  notice,
  setNotice,
  moveFocus,
  lockIdleMs,
  onShown,
}: MainAppProps) {
  const { db } = useServices();
  useEffect(() => onShown?.(), [onShown]);
  const session = useLiveQuery(() => getSession(db), [db]);
  const user = session.value?.user;
  useIdle(lockIdleMs, () => lockStore(db), user !== undefined);
  const sessionState = useMemo<SessionState | null>(
    () => (user ? { user, notice, setNotice, moveFocus } : null),
    [user, notice, setNotice, moveFocus],
  );

  // Nothing until the session is read (a moment after the unlock): a frame without the signed-in
  // header would show the page where the header then pushes it down (a layout shift).
  if (session.status === 'loading') return null;
  let screen = <p>{t.app.loading}</p>;
  if (session.status === 'error') screen = <p class="form__error">{t.app.openFailed}</p>;
  else if (session.status === 'ready' && (!sessionState || route.name === 'login'))
    screen = (
      <LoginPage
        notice={notice ?? (user ? t.login.again(user.displayName) : null)}
        initialUsername={user?.username}
        focusHeading={moveFocus}
        onLoggedIn={() => {
          setNotice(null);
          if (route.name === 'login') navigate(paths.list);
        }}
      />
    );
  else if (route.name === 'notFound')
    screen = <ProblemPage title={t.app.notFoundTitle} text={t.app.notFoundText} />;
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
      <Screen route={route} filter={filter} onFilter={onFilter} koordinator={user?.role === 'koordinator'} />
    );

  const header = user
    ? userHeader({
        user,
        onLoggedOut: () => {
          onFilter(NO_FILTER);
          setNotice(t.header.loggedOut);
          navigate(paths.list);
        },
      })
    : undefined;
  return (
    <SessionContext value={sessionState}>
      <Chrome banner={banner} header={header}>
        <ErrorBoundary resetKey={route}>{screen}</ErrorBoundary>
      </Chrome>
    </SessionContext>
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
  if (route.name === 'new') return <ArendeFormPage key="new" onSaved={revealSaved(filter, onFilter)} />;
  if (route.name === 'edit')
    return <ArendeFormPage key={route.id} id={route.id} onSaved={revealSaved(filter, onFilter)} />;
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

/**
 * After saving, the list shows the saved ärende: a search or filter typed earlier that would hide
 * it is cleared (the "Mina/Alla" choice too when it is someone else's), so a new ärende never
 * seems to vanish. A filter that still shows it is kept.
 */
function revealSaved(filter: ArendeFilter, onFilter: (f: ArendeFilter) => void) {
  return (saved: FilterableArende, userId: string) => {
    if (filterArenden([saved], filter, userId).length > 0) return;
    onFilter({ ...NO_FILTER, vem: saved.handlaggareId === userId ? 'mina' : 'alla' });
  };
}
