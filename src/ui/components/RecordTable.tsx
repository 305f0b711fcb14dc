import type { ComponentChildren } from 'preact';

/**
 * A list of records as a table (an ärende's möten, samtycken and SIP; konsultationsteam meetings;
 * the admin's users, enheter, devices, sessions and audit events): a sentence when there are none,
 * otherwise a captioned table with column headers; each caller renders its own rows.
 */
export function RecordTable({
  empty,
  caption,
  columns,
  captionVisible = false,
  children,
}: {
  /** The sentence shown instead of the table when there are no records; null when there are. */
  empty: string | null;
  caption: string;
  columns: readonly string[];
  /** Show the caption as the table's title (it is always its accessible name). */
  captionVisible?: boolean;
  children: ComponentChildren;
}) {
  if (empty !== null) return <p>{empty}</p>;
  return (
    <div class="table-wrap">
      <table class="arende-table data-table">
        <caption class={captionVisible ? undefined : 'visually-hidden'}>{caption}</caption>
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
