import type { ComponentChildren } from 'preact';

/**
 * The table of an ärende's records (möten, samtycken, SIP): a sentence when there are none,
 * otherwise a captioned table with column headers; each caller renders its own rows.
 */
export function RecordTable({
  empty,
  caption,
  columns,
  children,
}: {
  /** The sentence shown instead of the table when there are no records; null when there are. */
  empty: string | null;
  caption: string;
  columns: readonly string[];
  children: ComponentChildren;
}) {
  if (empty !== null) return <p>{empty}</p>;
  return (
    <div class="table-wrap">
      <table class="arende-table data-table">
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
