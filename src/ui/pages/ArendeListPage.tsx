import { useEffect, useMemo, useState } from 'preact/hooks';
import { listArenden } from '../../db/arende-repo';
import { getColleagues } from '../../db/colleague-repo';
import { useServices, useSession } from '../app-context';
import { type ArendeFilter, filterArenden } from '../arende-filter';
import { ArendeFilters } from '../components/ArendeFilters';
import { ArendeTable } from '../components/ArendeTable';
import { personName } from '../components/casework/names';
import { PageHeading } from '../components/PageHeading';
import { useLiveQuery } from '../hooks/useLiveQuery';
import { usePageTitle } from '../hooks/usePageTitle';
import { paths } from '../hooks/useRoute';
import { useSyncProgress } from '../hooks/useSyncProgress';
import { t } from '../i18n/sync';

/** Rows rendered at a time; "Visa fler" adds another page. Keeps 5,000 ärenden instant. */
export const PAGE_SIZE = 200;

/** Every ärende on the device, live: edits from sync or another tab appear without reloading. */
export function ArendeListPage({
  filter,
  onFilter,
}: {
  filter: ArendeFilter;
  onFilter: (f: ArendeFilter) => void;
}) {
  const { db } = useServices();
  const { user, notice, setNotice, moveFocus } = useSession();
  // While a many-page pull runs (a first sync) the list waits and shows how far it has come; it
  // reads once when the pull ends instead of re-reading every ärende after each page.
  const progress = useSyncProgress();
  const arenden = useLiveQuery(() => listArenden(db), [db], { paused: progress !== null });
  const colleagues = useLiveQuery(() => getColleagues(db), [db]);
  // Handläggare start on their own ärenden; others (koordinator) have none of their own.
  const casework = user.role === 'handlaggare';
  const [limit, setLimit] = useState(PAGE_SIZE);
  usePageTitle(t.list.title);

  useEffect(() => () => setNotice(null), [setNotice]);

  const labels = useMemo(
    () =>
      new Map(
        user.forbund.behovsgrupper.map((b) => [b.code, b.retiredAt ? t.list.retiredGroup(b.label) : b.label]),
      ),
    [user.forbund.behovsgrupper],
  );
  const all = arenden.value ?? [];
  const filtered = useMemo(
    () => filterArenden(arenden.value ?? [], filter, casework ? user.id : undefined),
    [arenden.value, filter, casework, user.id],
  );
  const ansvarig = (id: string) =>
    id === user.id ? t.list.you : personName(id, user, colleagues.value ?? {});
  const shown = useMemo(() => filtered.slice(0, limit), [filtered, limit]);

  const changeFilter = (f: ArendeFilter) => {
    setLimit(PAGE_SIZE);
    onFilter(f);
  };

  return (
    <div class="page">
      <div class="page__title-row">
        <PageHeading focus={moveFocus}>{t.list.title}</PageHeading>
        <a href={paths.newArende} class="button button--primary">
          {t.list.newArende}
        </a>
      </div>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <ArendeFilters
        filter={filter}
        behovsgrupper={user.forbund.behovsgrupper}
        onChange={changeFilter}
        showVem={casework}
      />
      {progress && (
        <p class="sync-progress" role="status">
          {t.syncNews.fetching(progress.done, progress.total)}
        </p>
      )}
      <p class="list-count" role="status">
        {arenden.status === 'ready' ? t.list.showing(shown.length, filtered.length) : t.app.loading}
      </p>
      {arenden.status === 'ready' && all.length === 0 && <p>{t.list.empty}</p>}
      {all.length > 0 && filtered.length === 0 && <p>{t.list.noMatch}</p>}
      {shown.length > 0 && (
        <ArendeTable
          rows={shown}
          behovsgruppLabel={(c) => (c ? (labels.get(c) ?? c) : t.list.noBehovsgrupp)}
          ansvarigLabel={!casework || filter.vem === 'alla' ? ansvarig : undefined}
        />
      )}
      {shown.length < filtered.length && (
        <button type="button" class="button button--secondary" onClick={() => setLimit((n) => n + PAGE_SIZE)}>
          {t.list.showMore}
        </button>
      )}
    </div>
  );
}
