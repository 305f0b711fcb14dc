/**
 * The meeting release of a halvår: ärenden with at least one meeting, by month and type, and by
 * enhet and type. Persons, not meetings: one ärende met ten times counts once in a cell, so every
 * shown figure stands on as many persons as it says (± the noise). A person's meetings are their
 * protected attribute: any one of them could have been of another type, or not have happened.
 */
import { halvarBounds } from '../../../domain/aggregation/periods';
import { type Attribute, publishRelease, unitsOf } from '../../../domain/aggregation/release';
import type { MotenReport } from '../../../domain/aggregation/report';
import { MOTESTYPER, type MoteFields } from '../../../domain/mote';
import { enheterForAggregates, personKeys, recordsOfKind } from '../../store/aggregates';
import type { Sql } from '../../store/sql';
import { Specs, type TwoWayLayout, twoWayOf, valueKey } from './specs';

type StoredMote = Pick<MoteFields, 'type' | 'date'> & { arendeId: string };

/** One ärende's meetings of the halvår, as distinct (month, type, enhet), sorted. */
interface Met {
  meetings: { month: string; type: string; enhet: string }[];
}

const has = (p: Met, pick: (m: Met['meetings'][number]) => boolean) => p.meetings.some(pick);

function layout(months: string[], enhetIds: string[]) {
  const s = new Specs<Met>();
  const types = [...MOTESTYPER];
  const reads = ['meetings'];
  const colTotals = s.counts(types, (p, t) => has(p, (m) => m.type === t), reads);
  const total = s.count((p) => p.meetings.length > 0, reads);
  const byMonth: TwoWayLayout = {
    rows: months,
    cols: types,
    cells: months.map((mo) =>
      s.counts(types, (p, t) => has(p, (m) => m.month === mo && m.type === t), reads),
    ),
    rowTotals: s.counts(months, (p, mo) => has(p, (m) => m.month === mo), reads),
    colTotals,
    total,
  };
  const byEnhet: TwoWayLayout = {
    rows: enhetIds,
    cols: types,
    cells: enhetIds.map((e) =>
      s.counts(types, (p, t) => has(p, (m) => m.enhet === e && m.type === t), reads),
    ),
    rowTotals: s.counts(enhetIds, (p, e) => has(p, (m) => m.enhet === e), reads),
    colTotals,
    total,
  };
  return { s, byMonth, byEnhet };
}

const normalise = (meetings: Met['meetings']): Met => {
  const seen = new Map(meetings.map((m) => [`${m.month}|${m.type}|${m.enhet}`, m]));
  return { meetings: [...seen.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, m]) => m) };
};

/** Any one meeting of another type, or not held. */
const meetingsAttribute: Attribute<Met> = {
  name: 'meetings',
  alternatives: (p) =>
    p.meetings.flatMap((m, i) => {
      const others = p.meetings.filter((_, j) => j !== i);
      return [
        normalise(others),
        ...MOTESTYPER.filter((t) => t !== m.type).map((type) => normalise([...others, { ...m, type }])),
      ];
    }),
};

export async function motenRelease(
  sql: Sql,
  forbundId: string,
  period: string,
  publishedAt: string,
): Promise<MotenReport> {
  const { first, last } = halvarBounds(period);
  const [enheter, records] = await Promise.all([
    enheterForAggregates(sql, forbundId),
    recordsOfKind<StoredMote>(sql, forbundId, 'mote'),
  ]);
  const byArende = new Map<string, Met['meetings']>();
  for (const r of records) {
    if (r.data.date < first || r.data.date > last) continue;
    const list = byArende.get(r.data.arendeId) ?? [];
    list.push({ month: r.data.date.slice(0, 7), type: r.data.type, enhet: r.enhetId ?? '' });
    byArende.set(r.data.arendeId, list);
  }
  const keys = await personKeys(sql, [...byArende.keys()]);
  const persons = [...byArende.entries()].map(([arendeId, meetings]) => ({
    arendeId,
    met: normalise(meetings),
  }));
  const months = Array.from(
    { length: 6 },
    (_, i) => `${first.slice(0, 4)}-${String(Number(first.slice(5, 7)) + i).padStart(2, '0')}`,
  );
  const l = layout(
    months,
    enheter.map((e) => e.id),
  );
  const units = unitsOf(
    persons,
    (p) => p.met,
    valueKey,
    (p) => keys.get(p.arendeId) ?? 0,
  );
  const { figures } = publishRelease(units, l.s.list, [meetingsAttribute]);
  return {
    publishedAt,
    period,
    byMonth: twoWayOf(l.byMonth, figures),
    byEnhet: twoWayOf(l.byEnhet, figures),
    enheter,
  };
}
