import type { GallringOverview } from '../../../domain/gallring';
import { t } from '../../i18n/admin';
import { RecordTable } from '../RecordTable';
import { formatDateTime } from './admin-data';

const g = t.admin.gallring;

/**
 * What is due for gallring and when, per month and enhet (counts, never an ärende), the rule an
 * ärende waits by, and the last run. For the admin and the koordinator alike.
 */
export function GallringOverviewTable({ overview }: { overview: GallringOverview }) {
  if (overview.gallringAr === null) return <p>{g.off}</p>;
  const thisMonth = overview.today.slice(0, 7);
  return (
    <>
      <p>{g.intro(overview.gallringAr)}</p>
      <p class="muted">{g.waitRule}</p>
      <p>
        {overview.lastRun
          ? g.lastRun(formatDateTime(overview.lastRun.at), overview.lastRun.removed)
          : g.neverRun}
      </p>
      <RecordTable
        empty={overview.groups.length === 0 ? g.empty : null}
        caption={g.caption}
        columns={[g.colMonth, g.colEnhet, g.colCount, g.colWaiting]}
        captionVisible
      >
        {overview.groups.map((x) => (
          <tr key={`${x.month}:${x.enhetId}`}>
            <th scope="row">{x.month < thisMonth ? g.due(x.month) : x.month}</th>
            <td>{x.enhetNamn}</td>
            <td>{x.count}</td>
            <td>{x.waiting}</td>
          </tr>
        ))}
      </RecordTable>
    </>
  );
}
