/**
 * The SIP release of a halvår: ärenden with a plan created by the halvår's end (their latest plan,
 * in the state it has when the release is made) by enhet and status, how complete the plans are
 * (checklist items 1–10 except the samtycke), and the days from the need being identified to work
 * starting, in bands. One person per ärende; status, each item and the band are protected
 * attributes (./release). No mean of days: one long wait would move it more than the noise hides.
 */
import type { Figure } from '../../../domain/aggregation/cell-key';
import { halvarBounds } from '../../../domain/aggregation/periods';
import { type Attribute, publishRelease, unitsOf } from '../../../domain/aggregation/release';
import { SIP_DAY_BANDS, type SipReport } from '../../../domain/aggregation/report';
import { daysToStart, SIP_STATUSAR, type SipFields, sipContentGaps } from '../../../domain/sip';
import { enheterForAggregates, personKeys, recordsOfKind } from '../../store/aggregates';
import type { Sql } from '../../store/sql';
import { Specs, twoWayOf, valueKey } from './specs';

type StoredSip = SipFields & { arendeId: string; createdAt: string; updatedAt: string };

/** The statutory items a plan's own fields answer (item 3, the samtycke, lives in its own records). */
export const SIP_CONTENT_ITEMS = [1, 2, 4, 5, 6, 7, 8, 9, 10] as const;

export function dayBand(days: number | null): (typeof SIP_DAY_BANDS)[number] {
  if (days === null || days < 0) return 'ej_angivet';
  if (days <= 7) return '0-7';
  if (days <= 14) return '8-14';
  if (days <= 30) return '15-30';
  if (days <= 60) return '31-60';
  return '61-';
}

interface Plan {
  enhet: string;
  status: string;
  /** Met or not, per item of SIP_CONTENT_ITEMS. */
  met: boolean[];
  band: string;
}

function layout(enhetIds: string[]) {
  const s = new Specs<Plan>();
  const statuses = [...SIP_STATUSAR];
  const status = {
    rows: enhetIds,
    cols: statuses,
    cells: enhetIds.map((e) => s.counts(statuses, (p, st) => p.enhet === e && p.status === st, ['status'])),
    rowTotals: s.counts(enhetIds, (p, e) => p.enhet === e, []),
    colTotals: s.counts(statuses, (p, st) => p.status === st, ['status']),
    total: s.count(() => true, []),
  };
  const items = SIP_CONTENT_ITEMS.map((item, i) => ({
    item,
    cells: s.counts([true, false], (p, met) => p.met[i] === met, [`item${item}`]),
  }));
  const allItems = SIP_CONTENT_ITEMS.map((i) => `item${i}`);
  const complete = s.counts([true, false], (p, c) => p.met.every(Boolean) === c, allItems);
  const bands = s.counts([...SIP_DAY_BANDS], (p, b) => p.band === b, ['band']);
  return { s, status, items, complete, bands };
}

function attributes(): Attribute<Plan>[] {
  return [
    {
      name: 'status',
      alternatives: (p) => SIP_STATUSAR.filter((x) => x !== p.status).map((x) => ({ ...p, status: x })),
    },
    {
      name: 'band',
      alternatives: (p) => SIP_DAY_BANDS.filter((x) => x !== p.band).map((x) => ({ ...p, band: x })),
    },
    ...SIP_CONTENT_ITEMS.map((item, i) => ({
      name: `item${item}`,
      alternatives: (p: Plan) => [{ ...p, met: p.met.map((m, j) => (j === i ? !m : m)) }],
    })),
  ];
}

export async function sipRelease(
  sql: Sql,
  forbundId: string,
  period: string,
  publishedAt: string,
): Promise<SipReport> {
  const last = halvarBounds(period).last;
  const [enheter, records] = await Promise.all([
    enheterForAggregates(sql, forbundId),
    recordsOfKind<StoredSip>(sql, forbundId, 'sip'),
  ]);
  const latest = new Map<string, { enhetId: string | null; sip: StoredSip }>();
  for (const r of records) {
    if (r.data.createdAt.slice(0, 10) > last) continue;
    const kept = latest.get(r.data.arendeId);
    if (!kept || kept.sip.createdAt < r.data.createdAt)
      latest.set(r.data.arendeId, { enhetId: r.enhetId, sip: r.data });
  }
  const keys = await personKeys(sql, [...latest.keys()]);
  const plans = [...latest.entries()].map(([arendeId, p]) => {
    const gaps = new Set(sipContentGaps(p.sip).map((g) => g.item));
    const plan: Plan = {
      enhet: p.enhetId ?? '',
      status: p.sip.status,
      met: SIP_CONTENT_ITEMS.map((i) => !gaps.has(i)),
      band: dayBand(daysToStart(p.sip)),
    };
    return { arendeId, plan };
  });
  const l = layout(enheter.map((e) => e.id));
  const units = unitsOf(
    plans,
    (p) => p.plan,
    valueKey,
    (p) => keys.get(p.arendeId) ?? 0,
  );
  const { figures } = publishRelease(units, l.s.list, attributes());
  const at = (i: number) => figures[i] as Figure;
  const total = at(l.status.total);
  return {
    publishedAt,
    period,
    statusByEnhet: twoWayOf(l.status, figures),
    completeness: l.items.map((x) => ({
      item: x.item,
      table: { categories: ['uppfyllt', 'ej_uppfyllt'], cells: x.cells.map(at), total },
    })),
    complete: { categories: ['komplett', 'ej_komplett'], cells: l.complete.map(at), total },
    daysToStart: { bands: { categories: [...SIP_DAY_BANDS], cells: l.bands.map(at), total } },
    enheter,
  };
}
