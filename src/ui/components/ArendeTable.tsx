import { Component } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { LocalArende } from '../../db/arende-repo';
import { paths } from '../hooks/useRoute';
import { currentLang, type Lang } from '../i18n/locale';
import { t } from '../i18n/messages';
import { LangvarighetBadges, SyncBadge } from './Badges';

interface ArendeTableProps {
  rows: readonly LocalArende[];
  behovsgruppLabel: (code: string | null) => string;
  /** Who is ansvarig, as the list shows it ("Du" or a colleague's name). */
  ansvarigLabel?: ((handlaggareId: string) => string) | undefined;
}

/**
 * Rows put into the table per task: the first screenful comes with the count line, the rest of the
 * page follows a block per task, so no single task builds hundreds of rows (a long task that held
 * the first frame after an unlock and any input, most of all on a slow phone).
 */
export const ROW_BLOCK = 20;

/**
 * The visible slice of the list; the caller limits how many rows it gets. Each block of rows is a
 * tbody that is laid out and painted only near the screen (styles.css lays the table out as grid
 * rows for that). It stays a table, caption, headers and all, for assistive technology: Chromium
 * keeps table semantics whatever the CSS display, but some screen readers with other browsers
 * (older Safari) have dropped them for a table whose parts are not displayed as table parts, so
 * every part also names its role (biome.json allows the "redundant" roles in this file only).
 */
export function ArendeTable({ rows, behovsgruppLabel, ansvarigLabel }: ArendeTableProps) {
  const built = useBuiltRows(rows.length);
  const blocks: number[] = [];
  for (let from = 0; from < built; from += ROW_BLOCK) blocks.push(from);
  return (
    <div class="table-wrap">
      <table
        role="table"
        class={
          ansvarigLabel
            ? 'arende-table arende-list-table arende-list-table--ansvarig'
            : 'arende-table arende-list-table'
        }
      >
        <caption class="visually-hidden">{t.list.tableCaption}</caption>
        <thead role="rowgroup">
          <tr role="row">
            <th role="columnheader" scope="col">
              {t.list.colCode}
            </th>
            <th role="columnheader" scope="col">
              {t.list.colStatus}
            </th>
            <th role="columnheader" scope="col">
              {t.list.colBehovsgrupp}
            </th>
            <th role="columnheader" scope="col">
              {t.list.colLangvarighet}
            </th>
            <th role="columnheader" scope="col">
              {t.list.colSync}
            </th>
            {ansvarigLabel && (
              <th role="columnheader" scope="col">
                {t.list.colAnsvarig}
              </th>
            )}
            <th role="columnheader" scope="col">
              {t.list.colOverview}
            </th>
          </tr>
        </thead>
        {blocks.map((from) => (
          <RowBlock
            key={from}
            rows={rows}
            from={from}
            to={Math.min(from + ROW_BLOCK, built)}
            behovsgruppLabel={behovsgruppLabel}
            ansvarigLabel={ansvarigLabel}
            lang={currentLang()}
          />
        ))}
      </table>
    </div>
  );
}

/**
 * How many of `total` rows are built: a block at first, then a block more per task until all are.
 * Never shrinks below what is built while rows stay (a live update does not rebuild the page).
 */
function useBuiltRows(total: number): number {
  const [built, setBuilt] = useState(ROW_BLOCK);
  useEffect(() => {
    if (built >= total) return;
    const id = setTimeout(() => setBuilt((n) => n + ROW_BLOCK), 0);
    return () => clearTimeout(id);
  }, [built, total]);
  return Math.min(built, total);
}

interface RowBlockProps extends ArendeTableProps {
  from: number;
  to: number;
  /** The rows' texts are in this language: a change re-renders them. */
  lang: Lang;
}

/** Rows from…to-1; re-rendered only when its rows or labels change, not when a block is added. */
class RowBlock extends Component<RowBlockProps> {
  override shouldComponentUpdate(next: RowBlockProps): boolean {
    const p = this.props;
    return (
      next.from !== p.from ||
      next.to !== p.to ||
      next.lang !== p.lang ||
      next.behovsgruppLabel !== p.behovsgruppLabel ||
      next.ansvarigLabel !== p.ansvarigLabel ||
      next.rows.slice(next.from, next.to).some((r, i) => r !== p.rows[p.from + i])
    );
  }

  override render({ rows, from, to, behovsgruppLabel, ansvarigLabel }: RowBlockProps) {
    return (
      <tbody role="rowgroup" class="arende-list-table__block">
        {rows.slice(from, to).map((a) => (
          <tr role="row" key={a.id}>
            <th role="rowheader" scope="row">
              <a href={paths.arende(a.id)} class="arende-table__code">
                {a.code}
              </a>
            </th>
            <td role="cell">{t.enums.status[a.status]}</td>
            <td role="cell">{behovsgruppLabel(a.behovsgrupp)}</td>
            <td role="cell">
              <LangvarighetBadges arende={a} />
            </td>
            <td role="cell">
              <SyncBadge sync={a.sync} />
            </td>
            {ansvarigLabel && <td role="cell">{ansvarigLabel(a.handlaggareId)}</td>}
            <td role="cell">
              <a href={paths.overview(a.id)} class="table-link">
                {t.list.overviewLink}
              </a>
            </td>
          </tr>
        ))}
      </tbody>
    );
  }
}
