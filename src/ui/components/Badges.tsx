import type { LocalArende } from '../../db/arende-repo';
import { type ArendeFields, langvarighet } from '../../domain/arende';
import { t } from '../i18n/sync';

/** Långvarigt / mycket långvarigt, computed from the month counts; "Okänt" when no count is known. */
export function LangvarighetBadges({
  arende,
}: {
  arende: Pick<ArendeFields, 'manaderAv12' | 'manaderAv36'>;
}) {
  const l = langvarighet(arende);
  if (l.langvarigt === null && l.mycketLangvarigt === null)
    return <span class="muted">{t.list.unknownLangvarighet}</span>;
  if (!l.langvarigt && !l.mycketLangvarigt) return <span class="muted">{t.list.notLangvarigt}</span>;
  return (
    <span class="badges">
      {l.mycketLangvarigt && <span class="badge badge--strong">{t.badge.mycketLangvarigt}</span>}
      {l.langvarigt && <span class="badge">{t.badge.langvarigt}</span>}
    </span>
  );
}

export function SyncBadge({ sync }: { sync: LocalArende['sync'] }) {
  if (sync.removed) return <span class="badge badge--avvisad">{t.syncNews.removedBadge}</span>;
  if (sync.state === 'synkad') return <span class="muted">{t.badge.syncState.synkad}</span>;
  return <span class={`badge badge--${sync.state}`}>{t.badge.syncState[sync.state]}</span>;
}
