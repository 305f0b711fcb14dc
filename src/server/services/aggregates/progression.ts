/**
 * The progression release of a halvår: ärenden measured by its end, by whether the latest M14 or
 * M15 is above the first of the same item (a stegförflyttning), and M14/M15 month by month of the
 * halvår, each ärende's latest measurement of the month once (persons, not measurements). The
 * category and each monthly answer are protected attributes (./release); the share is the
 * published "med" count over the published "measured at least twice" count.
 */
import {
  type Figure,
  isSuppressed,
  isWithheld,
  SUPPRESSED,
  WITHHELD,
} from '../../../domain/aggregation/cell-key';
import { type LikertCell, publishLikert } from '../../../domain/aggregation/likert-release';
import { halvarBounds } from '../../../domain/aggregation/periods';
import { publishRelease, type Unit, unitsOf } from '../../../domain/aggregation/release';
import { PROGRESSION_CATEGORIES, type ProgressionReport } from '../../../domain/aggregation/report';
import { STEG_SLOTS, type StegmatningFields } from '../../../domain/stegforflyttning';
import { personKeys, recordsOfKind } from '../../store/aggregates';
import type { Sql } from '../../store/sql';
import { getOrSet } from './maps';
import { Specs } from './specs';

type Matning = Pick<StegmatningFields, 'item' | 'value' | 'date'> & { arendeId: string; createdAt?: string };

const order = (a: Matning, b: Matning) =>
  a.date.localeCompare(b.date) || (a.createdAt ?? '').localeCompare(b.createdAt ?? '');

function categoryOf(items: Map<string, Matning[]>): (typeof PROGRESSION_CATEGORIES)[number] {
  let twice = false;
  for (const list of items.values()) {
    const first = list[0];
    const latest = list[list.length - 1];
    if (list.length >= 2 && first && latest) {
      twice = true;
      if (latest.value > first.value) return 'med_forflyttning';
    }
  }
  return twice ? 'utan_forflyttning' : 'en_matning';
}

function shareOf(med: Figure, two: Figure): Figure {
  if (isWithheld(med) || isWithheld(two)) return WITHHELD;
  if (isSuppressed(med) || typeof med !== 'number' || typeof two !== 'number') return SUPPRESSED;
  return Math.min(1, Math.round((med / two) * 1000) / 1000);
}

export async function progressionRelease(
  sql: Sql,
  forbundId: string,
  period: string,
  publishedAt: string,
): Promise<ProgressionReport> {
  const { first, last } = halvarBounds(period);
  const records = await recordsOfKind<Matning>(sql, forbundId, 'stegmatning');
  const byArende = new Map<string, Map<string, Matning[]>>();
  for (const { data } of records) {
    if (data.date > last) continue;
    getOrSet(
      getOrSet(byArende, data.arendeId, () => new Map()),
      data.item,
      () => [] as Matning[],
    ).push(data);
  }
  const keys = await personKeys(sql, [...byArende.keys()]);
  const keyOf = (id: string) => keys.get(id) ?? 0;
  const months = Array.from(
    { length: 6 },
    (_, i) => `${first.slice(0, 4)}-${String(Number(first.slice(5, 7)) + i).padStart(2, '0')}`,
  );
  // item → (month, answer) units, each ärende's latest of the month
  const monthly = new Map<string, Unit<LikertCell>[]>();
  const persons: { arendeId: string; category: string }[] = [];
  for (const [arendeId, items] of byArende) {
    for (const list of items.values()) list.sort(order);
    persons.push({ arendeId, category: categoryOf(items) });
    for (const [item, list] of items) {
      const latestOfMonth = new Map<string, number>();
      for (const m of list)
        if (months.includes(m.date.slice(0, 7))) latestOfMonth.set(m.date.slice(0, 7), m.value);
      for (const [month, answer] of latestOfMonth)
        getOrSet(monthly, item, () => []).push({
          value: { group: month, enhet: '', answer },
          count: 1,
          keySum: keyOf(arendeId),
        });
    }
  }
  const s = new Specs<{ category: string }>();
  const cells = s.counts([...PROGRESSION_CATEGORIES], (p, c) => p.category === c, ['category']);
  const total = s.count(() => true, []);
  const two = s.count((p) => p.category !== 'en_matning', ['category']);
  const units = unitsOf(
    persons,
    (p) => ({ category: p.category }),
    (v) => v.category,
    (p) => keyOf(p.arendeId),
  );
  const { figures } = publishRelease(units, s.list, [
    {
      name: 'category',
      alternatives: (v) =>
        PROGRESSION_CATEGORIES.filter((c) => c !== v.category).map((category) => ({ category })),
    },
  ]);
  const at = (i: number) => figures[i] as Figure;
  return {
    publishedAt,
    period,
    arenden: { categories: [...PROGRESSION_CATEGORIES], cells: cells.map(at), total: at(total) },
    share: shareOf(at(cells[0] ?? 0), at(two)),
    overTime: STEG_SLOTS.map((slot) => {
      const published = publishLikert(
        monthly.get(slot) ?? [],
        months.map((m) => ({ member: (c: LikertCell) => c.group === m })),
      ).figures;
      return {
        slot,
        overall: null,
        groups: months.map((key, i) => ({ key, figures: published[i] as (typeof published)[number] })),
        byEnhet: [],
      };
    }),
  };
}
