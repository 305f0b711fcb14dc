/**
 * Progression: how many ärenden show a stegförflyttning (the latest M14 or M15 above the first of
 * the same item), and M14/M15 month by month. One measurement per ärende, item and month counts
 * (the latest), so a month's n is the number of persons behind it.
 */
import { isSmall, isSuppressed, protectOneWay, SUPPRESSED } from '../../../domain/aggregation/disclosure';
import { protectLikertBreakdown } from '../../../domain/aggregation/likert-disclosure';
import { PROGRESSION_CATEGORIES, type ProgressionReport } from '../../../domain/aggregation/report';
import { STEG_SLOTS, type StegmatningFields } from '../../../domain/stegforflyttning';
import { recordsOfKind } from '../../store/aggregates';
import type { Sql } from '../../store/sql';
import { getOrSet } from './maps';

type Matning = Pick<StegmatningFields, 'item' | 'value' | 'date'> & { arendeId: string; createdAt?: string };

export async function progressionReport(sql: Sql, forbundId: string): Promise<ProgressionReport> {
  const records = await recordsOfKind<Matning>(sql, forbundId, 'stegmatning');
  // ärende → item → measurements in date order
  const byArende = new Map<string, Map<string, Matning[]>>();
  for (const { data } of records) {
    const items = getOrSet(byArende, data.arendeId, () => new Map());
    const list = items.get(data.item) ?? [];
    list.push(data);
    items.set(data.item, list);
  }
  const order = (a: Matning, b: Matning) =>
    a.date.localeCompare(b.date) || (a.createdAt ?? '').localeCompare(b.createdAt ?? '');
  let med = 0;
  let utan = 0;
  let en = 0;
  // item → month → ärende → latest value of that month
  const monthly = new Map<string, Map<string, Map<string, Matning>>>();
  for (const [arendeId, items] of byArende) {
    let twice = false;
    let up = false;
    for (const [item, list] of items) {
      list.sort(order);
      const first = list[0];
      const latest = list[list.length - 1];
      if (list.length >= 2 && first && latest) {
        twice = true;
        if (latest.value > first.value) up = true;
      }
      const months = getOrSet(monthly, item, () => new Map());
      for (const m of list) {
        const month = m.date.slice(0, 7);
        const ofMonth = getOrSet(months, month, () => new Map());
        ofMonth.set(arendeId, m);
      }
    }
    if (up) med++;
    else if (twice) utan++;
    else en++;
  }
  const arenden = protectOneWay([med, utan, en]);
  const [shownMed, shownUtan] = arenden.cells;
  const share =
    med + utan === 0
      ? null
      : isSuppressed(shownMed) || isSuppressed(shownUtan) || isSmall(med + utan)
        ? SUPPRESSED
        : med / (med + utan);
  const overTime = STEG_SLOTS.flatMap((slot) => {
    const months = monthly.get(slot);
    if (!months) return [];
    const keys = [...months.keys()].sort();
    const counts = keys.map((k) => {
      const c: [number, number, number, number, number] = [0, 0, 0, 0, 0];
      for (const m of months.get(k)?.values() ?? []) c[m.value - 1] = (c[m.value - 1] ?? 0) + 1;
      return c;
    });
    const published = protectLikertBreakdown(counts);
    // The overall counts measurements; hide it when fewer than MIN_CELL ärenden are behind it.
    const persons = new Set(keys.flatMap((k) => [...(months.get(k)?.keys() ?? [])])).size;
    const overall = isSmall(persons)
      ? { n: SUPPRESSED, mean: SUPPRESSED, shareJakande: SUPPRESSED, distribution: Array(5).fill(SUPPRESSED) }
      : published.overall;
    return [
      {
        slot,
        overall,
        groups: keys.map((key, i) => ({ key, figures: published.groups[i] ?? overall })),
      },
    ];
  });
  return {
    arenden: { categories: [...PROGRESSION_CATEGORIES], ...arenden },
    share,
    overTime,
  };
}
