/**
 * The app shell, which is all the first screen loads: it decides between hand-over mode, the lock
 * screen, the login and the unlocked app from plain-text meta alone (no crypto, no schemas). The
 * unlocked app (MainApp) and hand-over mode load on first use – their code is fetched while the
 * lock or login screen waits for the user – and are precached by the service worker for offline.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { getStoreState, isHandoverLocked } from '../db/store-state';
import { type AppServices, ServicesContext } from './app-context';
import { type ArendeFilter, NO_FILTER } from './arende-filter';
import { Chrome } from './components/Chrome';
import { ErrorBoundary } from './components/ErrorBoundary';
import { lazyPage } from './components/lazy-page';
import { UpdateBanner } from './components/UpdateBanner';
import { useLang } from './hooks/useLang';
import { useLiveQuery } from './hooks/useLiveQuery';
import { navigate, paths, type Route, useRoute } from './hooks/useRoute';
import { useUnlocked } from './hooks/useUnlocked';
import { t } from './i18n/messages';
import { LoginPage } from './pages/LoginPage';
import { UnlockPage } from './pages/UnlockPage';

const MainApp = lazyPage(() => import('./MainApp').then((m) => m.MainApp));
const HandoverPage = lazyPage(() => import('./pages/HandoverPage').then((m) => m.HandoverPage));

/** Ten minutes without input locks the store (PRODUCT.md §5). */
export const LOCK_IDLE_MS = 10 * 60_000;

export interface AppProps extends AppServices {
  /** Called once with a callback for "a new version is waiting" (registerServiceWorker in the browser). */
  onUpdateReady?: (notify: (applyUpdate: () => void) => void) => void;
  /** Idle time before the store locks; tests shorten it. */
  lockIdleMs?: number;
  /**
   * Called when the unlocked app is shown (every unlock): main.tsx starts the sync triggers then.
   * Nothing can be synced while locked, so the lock and login screens do not load the sync client.
   */
  onUnlocked?: () => void;
}

export function App({ db, faltsam, onUpdateReady, lockIdleMs = LOCK_IDLE_MS, onUnlocked }: AppProps) {
  useLang(); // a change of language re-renders everything below
  const services = useMemo(() => ({ db, faltsam }), [db, faltsam]);
  const unlocked = useUnlocked(db);
  // Only plain-text meta: known while locked (is there a key, whose device is it).
  const store = useLiveQuery(() => getStoreState(db), [db, unlocked]);
  const handover = useLiveQuery(() => isHandoverLocked(db), [db]);
  const route = useRoute();
  const [applyUpdate, setApplyUpdate] = useState<(() => void) | null>(null);
  // Kept here, above the unlocked app, so they survive a lock and unlock (and a logout's notice).
  const [notice, setNotice] = useState<string | null>(null);
  const [filter, setFilter] = useState<ArendeFilter>(NO_FILTER);
  const moveFocus = useMoveFocusAfterFirstScreen(route);

  useEffect(() => onUpdateReady?.((apply) => setApplyUpdate(() => apply)), [onUpdateReady]);

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
        <ErrorBoundary resetKey={route}>
          <HandoverPage />
        </ErrorBoundary>
      </ServicesContext>
    );

  const banner = applyUpdate && <UpdateBanner onUpdate={applyUpdate} />;
  // The data key is in memory (an unlock or a login just now): the unlocked app.
  if (unlocked)
    return (
      <ServicesContext value={services}>
        <MainApp
          route={route}
          banner={banner}
          filter={filter}
          onFilter={setFilter}
          notice={notice}
          setNotice={setNotice}
          moveFocus={moveFocus}
          lockIdleMs={lockIdleMs}
          onShown={onUnlocked}
        />
      </ServicesContext>
    );

  let screen = <p>{t.app.loading}</p>;
  if (store.status === 'error') screen = <p class="form__error">{t.app.openFailed}</p>;
  else if (store.status === 'ready' && store.value.hasKey)
    // Locked: nothing of the data until the secret is given, whatever the route.
    screen = <UnlockPage user={store.value.user} onUnlocking={MainApp.preload} />;
  else if (store.status === 'ready')
    screen = (
      <LoginPage
        notice={notice ?? (store.value.legacy ? t.lock.legacyNotice : null)}
        initialUsername={store.value.user?.username}
        focusHeading={moveFocus}
        onLoggingIn={MainApp.preload}
        onLoggedIn={() => {
          setNotice(null);
          if (route.name === 'login') navigate(paths.list);
        }}
      />
    );
  return (
    <ServicesContext value={services}>
      <Chrome banner={banner}>
        <ErrorBoundary resetKey={route}>{screen}</ErrorBoundary>
      </Chrome>
    </ServicesContext>
  );
}

/** Focus moves to a screen's heading after navigation, never on the first screen after load. */
function useMoveFocusAfterFirstScreen(route: Route): boolean {
  const first = useRef(route);
  const navigated = useRef(false);
  // Decided during render, so the screen that navigation mounts already gets focus={true}.
  if (route !== first.current) navigated.current = true;
  return navigated.current;
}
