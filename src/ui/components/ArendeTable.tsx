import type { LocalArende } from '../../db/arende-repo';
import { paths } from '../hooks/useRoute';
import { t } from '../i18n/messages';
import { LangvarighetBadges, SyncBadge } from './Badges';

interface ArendeTableProps {
  rows: readonly LocalArende[];
  behovsgruppLabel: (code: string | null) => string;
  /** Who is ansvarig, as the list shows it ("Du" or a colleague's name). */
  ansvarigLabel?: (handlaggareId: string) => string;
}

/** The visible slice of the list; the caller limits how many rows it gets. */
export function ArendeTable({ rows, behovsgruppLabel, ansvarigLabel }: ArendeTableProps) {
  return (
    <div class="table-wrap">
      <table class="arende-table">
        <caption class="visually-hidden">{t.list.tableCaption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.list.colCode}</th>
            <th scope="col">{t.list.colStatus}</th>
            <th scope="col">{t.list.colBehovsgrupp}</th>
            <th scope="col">{t.list.colLangvarighet}</th>
            <th scope="col">{t.list.colSync}</th>
            {ansvarigLabel && <th scope="col">{t.list.colAnsvarig}</th>}
            <th scope="col">{t.list.colOverview}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((a) => (
            <tr key={a.id}>
              <th scope="row">
                <a href={paths.arende(a.id)} class="arende-table__code">
                  {a.code}
                </a>
              </th>
              <td>{t.enums.status[a.status]}</td>
              <td>{behovsgruppLabel(a.behovsgrupp)}</td>
              <td>
                <LangvarighetBadges arende={a} />
              </td>
              <td>
                <SyncBadge sync={a.sync} />
              </td>
              {ansvarigLabel && <td>{ansvarigLabel(a.handlaggareId)}</td>}
              <td>
                <a href={paths.overview(a.id)} class="table-link">
                  {t.list.overviewLink}
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
