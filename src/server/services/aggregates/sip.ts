/**
 * SIP statistics: ärenden with a plan by enhet and the status of their latest plan, how complete
 * the plans are (checklist items 1–10 except the samtycke), and the days from the need being
 * identified to work starting. One plan per ärende (its latest), so every count is of persons.
 */
import { MIN_CELL, protectOneWay, protectTwoWay, SUPPRESSED } from '../../../domain/aggregation/disclosure';
import { SIP_DAY_BANDS, type SipReport } from '../../../domain/aggregation/report';
import { daysToStart, SIP_STATUSAR, type SipFields, sipContentGaps } from '../../../domain/sip';
import { enheterForAggregates, recordsOfKind } from '../../store/aggregates';
import type { Sql } from '../../store/sql';

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

export async function sipReport(sql: Sql, forbundId: string): Promise<SipReport> {
  const [enheter, records] = await Promise.all([
    enheterForAggregates(sql, forbundId),
    recordsOfKind<StoredSip>(sql, forbundId, 'sip'),
  ]);
  const latest = new Map<string, { enhetId: string | null; sip: StoredSip }>();
  for (const r of records) {
    const kept = latest.get(r.data.arendeId);
    if (!kept || kept.sip.createdAt < r.data.createdAt)
      latest.set(r.data.arendeId, { enhetId: r.enhetId, sip: r.data });
  }
  const plans = [...latest.values()];
  const enhetIds = enheter.map((e) => e.id);
  const statusCounts = enhetIds.map((id) =>
    SIP_STATUSAR.map((s) => plans.filter((p) => p.enhetId === id && p.sip.status === s).length),
  );
  const gaps = plans.map((p) => new Set(sipContentGaps(p.sip).map((g) => g.item)));
  const completeness = SIP_CONTENT_ITEMS.map((item) => {
    const met = gaps.filter((g) => !g.has(item)).length;
    return {
      item,
      table: { categories: ['uppfyllt', 'ej_uppfyllt'], ...protectOneWay([met, plans.length - met]) },
    };
  });
  const complete = gaps.filter((g) => g.size === 0).length;
  const days = plans.map((p) => daysToStart(p.sip));
  const known = days.filter((d): d is number => d !== null && d >= 0);
  const bands = SIP_DAY_BANDS.map((b) => days.filter((d) => dayBand(d) === b).length);
  return {
    statusByEnhet: { rows: enhetIds, cols: [...SIP_STATUSAR], ...protectTwoWay(statusCounts) },
    completeness,
    complete: {
      categories: ['komplett', 'ej_komplett'],
      ...protectOneWay([complete, plans.length - complete]),
    },
    daysToStart: {
      bands: { categories: [...SIP_DAY_BANDS], ...protectOneWay(bands) },
      mean:
        known.length === 0
          ? null
          : known.length < MIN_CELL
            ? SUPPRESSED
            : Math.round((known.reduce((a, b) => a + b, 0) / known.length) * 10) / 10,
    },
    enheter,
  };
}
