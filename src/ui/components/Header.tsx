import type { ComponentChildren } from 'preact';
import type { SessionUser } from '../../domain/account';
import { paths } from '../hooks/useRoute';
import { t } from '../i18n/sv';
import { t as tLock } from '../i18n/sv-lock';
import { LockButton } from './LockButton';
import { LogoutButton } from './LogoutButton';
import { lazyPage } from './lazy-page';

// Shown only once unlocked and logged in, so not part of the lock screen's first load.
export const SyncStatus = lazyPage(() => import('./SyncStatus').then((m) => m.SyncStatus));

/** The banner landmark on every screen: app name, and once logged in the user, sync and logout. */
interface HeaderProps {
  user: SessionUser | undefined;
  onLoggedOut: () => void;
  /** App-wide notices (a waiting update), kept inside the banner landmark. */
  children?: ComponentChildren;
}

export function Header({ user, onLoggedOut, children }: HeaderProps) {
  return (
    <header class="app-header">
      {children}
      <div class="app-header__top">
        <p class="app-header__name">{t.app.name}</p>
        {user && (
          <nav aria-label={t.header.navLabel} class="app-header__nav">
            {user.role === 'admin' && <a href={paths.admin}>{t.header.admin}</a>}
            {user.role === 'respondent' && <a href={paths.list}>{t.header.respondent}</a>}
            {user.role === 'koordinator' && <a href={paths.results()}>{t.header.results}</a>}
            {user.role === 'handlaggare' && <a href={paths.list}>{t.header.arenden}</a>}
            {user.role === 'koordinator' && <a href={paths.rounds}>{t.header.rounds}</a>}
            {user.role === 'koordinator' && <a href={paths.konsultation}>{t.header.konsultation}</a>}
            {user.role === 'koordinator' && <a href={paths.gallring}>{t.header.gallring}</a>}
            <a href={paths.changeSecret}>{tLock.lock.changeLink}</a>
          </nav>
        )}
        {user && (
          <div class="app-header__user">
            <span>{t.header.signedInAs(user.displayName, user.forbund.namn)}</span>
            <LockButton />
            <LogoutButton onLoggedOut={onLoggedOut} />
          </div>
        )}
      </div>
      {user && <SyncStatus />}
    </header>
  );
}
