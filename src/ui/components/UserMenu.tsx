import type { SessionUser } from '../../domain/account';
import { paths } from '../hooks/useRoute';
import { t } from '../i18n/messages';
import { LockButton } from './LockButton';
import { LogoutButton } from './LogoutButton';
import { SyncStatus } from './SyncStatus';

/** The signed-in user's parts of the header (see Header): navigation, account controls, sync status. */
export function userHeader({ user, onLoggedOut }: { user: SessionUser; onLoggedOut: () => void }) {
  return {
    nav: (
      <nav aria-label={t.header.navLabel} class="app-header__nav">
        {user.role === 'admin' && <a href={paths.admin}>{t.header.admin}</a>}
        {user.role === 'respondent' && <a href={paths.list}>{t.header.respondent}</a>}
        {user.role === 'koordinator' && <a href={paths.results()}>{t.header.results}</a>}
        {user.role === 'handlaggare' && <a href={paths.list}>{t.header.arenden}</a>}
        {user.role === 'koordinator' && <a href={paths.rounds}>{t.header.rounds}</a>}
        {user.role === 'koordinator' && <a href={paths.konsultation}>{t.header.konsultation}</a>}
        {user.role === 'koordinator' && <a href={paths.gallring}>{t.header.gallring}</a>}
        <a href={paths.changeSecret}>{t.lock.changeLink}</a>
      </nav>
    ),
    account: (
      <>
        <span>{t.header.signedInAs(user.displayName, user.forbund.namn)}</span>
        <LockButton />
        <LogoutButton onLoggedOut={onLoggedOut} />
      </>
    ),
    status: <SyncStatus />,
  };
}
