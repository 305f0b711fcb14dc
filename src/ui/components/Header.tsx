import type { ComponentChildren } from 'preact';
import { t } from '../i18n/messages';
import { LanguageSwitch } from './LanguageSwitch';

/**
 * The banner landmark on every screen: the app's name and the language switch; once logged in also
 * the user's navigation, account controls (lock, logout) and sync status, which MainApp passes in,
 * so their code loads with the screens after unlock rather than with the lock screen.
 */
interface HeaderProps {
  nav?: ComponentChildren;
  account?: ComponentChildren;
  status?: ComponentChildren;
  /** App-wide notices (a waiting update), kept inside the banner landmark. */
  children?: ComponentChildren;
}

export function Header({ nav, account, status, children }: HeaderProps) {
  return (
    <header class="app-header">
      {children}
      <div class="app-header__top">
        <p class="app-header__name">{t.app.name}</p>
        {nav}
        <div class="app-header__user">
          {account}
          <LanguageSwitch />
        </div>
      </div>
      {status}
    </header>
  );
}
