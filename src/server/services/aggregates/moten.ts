/**
 * Meeting statistics: meetings by month and type, and by enhet and type. Several meetings may
 * concern one ärende, so every figure is hidden by the number of distinct ärenden behind it; the
 * type margin is linked, so the two tables show it the same way.
 */
import { protectTwoWayByPersons } from '../../../domain/aggregation/by-units';
import type { MotenReport, TwoWayReport } from '../../../domain/aggregation/report';
import { MOTESTYPER, type MoteFields } from '../../../domain/mote';
import { enheterForAggregates, recordsOfKind } from '../../store/aggregates';
import type { Sql } from '../../store/sql';

type StoredMote = Pick<MoteFields, 'type' | 'date'> & { arendeId: string };
interface Meeting {
  row: string;
  col: string;
  arendeId: string;
}

export function eventTable(
  meetings: readonly Meeting[],
  rows: readonly string[],
  cols: readonly string[],
): TwoWayReport {
  const ri = new Map(rows.map((r, i) => [r, i]));
  const ci = new Map(cols.map((c, j) => [c, j]));
  const events = rows.map(() => cols.map(() => 0));
  const cellSets = rows.map(() => cols.map(() => new Set<string>()));
  const rowSets = rows.map(() => new Set<string>());
  const colSets = cols.map(() => new Set<string>());
  const all = new Set<string>();
  for (const m of meetings) {
    const i = ri.get(m.row);
    const j = ci.get(m.col);
    if (i === undefined || j === undefined) continue;
    const row = events[i] as number[];
    row[j] = (row[j] ?? 0) + 1;
    cellSets[i]?.[j]?.add(m.arendeId);
    rowSets[i]?.add(m.arendeId);
    colSets[j]?.add(m.arendeId);
    all.add(m.arendeId);
  }
  const table = protectTwoWayByPersons(
    events,
    {
      cells: cellSets.map((r) => r.map((s) => s.size)),
      rows: rowSets.map((s) => s.size),
      cols: colSets.map((s) => s.size),
      total: all.size,
    },
    { linkedMargins: true },
  );
  return { rows: [...rows], cols: [...cols], ...table };
}

export async function motenReport(sql: Sql, forbundId: string): Promise<MotenReport> {
  const [enheter, records] = await Promise.all([
    enheterForAggregates(sql, forbundId),
    recordsOfKind<StoredMote>(sql, forbundId, 'mote'),
  ]);
  const months = [...new Set(records.map((r) => r.data.date.slice(0, 7)))].sort();
  const types = [...MOTESTYPER];
  return {
    byMonth: eventTable(
      records.map((r) => ({ row: r.data.date.slice(0, 7), col: r.data.type, arendeId: r.data.arendeId })),
      months,
      types,
    ),
    byEnhet: eventTable(
      records.map((r) => ({ row: r.enhetId ?? '', col: r.data.type, arendeId: r.data.arendeId })),
      enheter.map((e) => e.id),
      types,
    ),
    enheter,
  };
}
