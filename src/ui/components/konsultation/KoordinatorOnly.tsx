import type { ComponentChildren } from 'preact';
import { useSession } from '../../app-context';
import { t } from '../../i18n/konsultation';
import { PageHeading } from '../PageHeading';

/** The konsultationsteam screens are the koordinator's; others get a plain sentence (the server refuses them too). */
export function KoordinatorOnly({ title, children }: { title: string; children: ComponentChildren }) {
  const { user, moveFocus } = useSession();
  if (user.role === 'koordinator') return <>{children}</>;
  return (
    <div class="page">
      <PageHeading focus={moveFocus}>{title}</PageHeading>
      <p>{t.konsultation.onlyKoordinator}</p>
    </div>
  );
}
