import type { ComponentChildren } from 'preact';
import type { SessionUser } from '../../domain/account';
import { paths } from '../hooks/useRoute';
import { t } from '../i18n/sv';
import { LogoutButton } from './LogoutButton';
import { SyncStatus } from './SyncStatus';

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
            {user.role === 'koordinator' ? (
              <a href={paths.results()}>{t.header.results}</a>
            ) : (
              <a href={paths.list}>{t.header.arenden}</a>
            )}
            {user.role === 'koordinator' && <a href={paths.rounds}>{t.header.rounds}</a>}
          </nav>
        )}
        {user && (
          <div class="app-header__user">
            <span>{t.header.signedInAs(user.displayName, user.forbund.namn)}</span>
            <LogoutButton onLoggedOut={onLoggedOut} />
          </div>
        )}
      </div>
      {user && <SyncStatus />}
    </header>
  );
}
